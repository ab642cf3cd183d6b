/**
 * Bulk invite with the admin key (issue #15, "org role at invite"): a new person whose row asks for
 * the org role admin is created through SCIM, the other rows are team invites; the dry run says
 * which, and W&B receives exactly one creation.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { deriveApiKeySecret } from '../simulator/state';
import { expect, test, testAdminKey, type WandbPage } from './fixtures';

const INPUT = [
  'email,teams,team role,org role',
  'nadia@acme.test,vision;nlp,admin,admin',
  'omar@acme.test,vision,member,member',
].join('\n');

async function openBulkInvite(wandb: WandbPage) {
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('with the admin key, a new org admin is created through SCIM (one POST) and the others are invited to their teams', async ({
  wandb,
  sim,
  browser_,
}) => {
  await testAdminKey(browser_, deriveApiKeySecret('org-1', 'alice', 'alice-admin-key'));
  await wandb.signIn(sim.sim.admin);
  const dialog = await openBulkInvite(wandb);
  await dialog.getByLabel('Paste addresses or CSV').fill(INPUT);
  await dialog.getByRole('button', { name: 'Dry run' }).click();

  // The dry run names the transport of each row, before anything is sent.
  const table = dialog.getByRole('table', { name: 'Dry run' });
  const row = (email: string) => table.getByRole('row').filter({ hasText: email });
  await expect(row('nadia@acme.test').getByRole('cell', { name: 'SCIM (admin key)' })).toBeVisible();
  await expect(row('omar@acme.test').getByRole('cell', { name: 'Team invite' })).toBeVisible();
  await expect(row('nadia@acme.test')).toContainText(
    'Create through SCIM with the admin key in vision, nlp as team admin, org role admin',
  );
  expect(sim.requests().filter((r) => r.kind === 'scim' && r.method !== 'GET')).toEqual([]);

  sim.clearRequests();
  await dialog.getByRole('button', { name: 'Send 1 invite and 1 SCIM creation' }).click();
  await expect(
    dialog.getByRole('group', { name: 'Send 1 invite and 1 SCIM creation to 2 teams?' }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByText(/Invited 2 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });

  // What W&B received: one creation with the teams extension, the roles, and one team invite.
  const writes = sim.requests().filter((r) => r.kind === 'scim' && r.method !== 'GET');
  expect(writes.filter((r) => r.method === 'POST')).toEqual([
    expect.objectContaining({
      path: '/scim/Users',
      status: 201,
      body: expect.objectContaining({
        userName: 'nadia',
        'urn:ietf:params:scim:schemas:extension:teams:2.0:User': { teams: ['vision', 'nlp'] },
      }),
    }),
  ]);
  const invites = sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite');
  expect(invites.map((r) => r.variables)).toEqual([
    expect.objectContaining({ entity: 'vision', email: 'omar@acme.test', admin: false }),
  ]);
  // What W&B shows: nadia is an org admin and admin of both teams; omar has a pending invite.
  const state = sim.state();
  expect(state.members.find((m) => m.email === 'nadia@acme.test')).toMatchObject({ orgRole: 'admin' });
  const nadiaTeams = state.teams
    .filter((t) => t.members.some((m) => m.username === 'nadia' && m.role === 'admin'))
    .map((t) => t.name);
  expect(nadiaTeams.sort()).toEqual(['nlp', 'vision']);
  expect(state.invites.filter((i) => i.email === 'omar@acme.test')).toEqual([
    expect.objectContaining({ team: 'vision' }),
  ]);

  // The results file says how each row was sent.
  const download = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download results' }).click();
  const results = Papa.parse<Record<string, string>>(
    (await readFile((await (await download).path())!, 'utf8')).replace(/^\uFEFF/, ''),
    { header: true, skipEmptyLines: true },
  );
  expect(results.data.map((r) => [r.row, r.team, r.status, r.reason, r.invite_id])).toEqual([
    [
      '2',
      'vision; nlp',
      'invited',
      expect.stringMatching(/^Created through SCIM with the admin key \(user user-\d+\), org role admin\.$/),
      expect.stringMatching(/^user-\d+$/),
    ],
    ['3', 'vision', 'invited', '', expect.any(String)],
  ]);
});
