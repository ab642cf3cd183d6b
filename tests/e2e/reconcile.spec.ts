/**
 * Reconcile with IdP (under More), against a generated org with activity spread over a year and an
 * identity provider's export made from it with planted orphans, suspended people and a mismatched
 * address (./idp-export.ts): the lists are exactly what was planted, a same-person link is kept for
 * next time, the files hold the lists, and one click from an orphan opens the offboarding checklist.
 */
import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { generateOrg } from '../simulator/generate';
import { expect, saveDefaults, test, type WandbPage } from './fixtures';
import { plantIdpExport } from './idp-export';

const seed = generateOrg({ members: 240, teams: 12, seed: 14 });
const planted = plantIdpExport(seed, { orphans: 4, suspended: 3, mismatched: 1, newHires: 2 });
test.use({ simOptions: { seed } });

const W = { timeout: 30_000 };

async function openReconcile(wandb: WandbPage): Promise<Locator> {
  await expect(wandb.figures).toBeVisible(W);
  const dialog = await wandb.openFromMore('Reconcile with IdP');
  await expect(dialog.getByText(/\d+ members read from W&B/)).toBeVisible(W);
  return dialog;
}

/** The first cell of every row of a list's table (usernames, or emails for the not-members). */
async function firstCells(dialog: Locator, table: string): Promise<string[]> {
  const cells = await dialog
    .getByRole('table', { name: table, exact: true })
    .locator('tbody tr:not(.wbat-spacer) td:first-child')
    .allTextContents();
  return cells.sort();
}

async function expectList(
  dialog: Locator,
  table: string,
  heading: RegExp,
  expected: string[],
): Promise<void> {
  await expect(dialog.getByRole('heading', { name: heading })).toHaveText(
    new RegExp(`: ${expected.length}$`),
    W,
  );
  expect(await firstCells(dialog, table)).toEqual([...expected].sort());
}

test('a pasted Okta export: the orphans are exactly the planted ones, a same-person link removes the mismatch and is kept for next time', async ({
  wandb,
  sim,
  browser_,
}) => {
  test.setTimeout(60_000);
  await saveDefaults(browser_, [['Allowed email domains', planted.domain]]);
  await wandb.signIn(sim.sim.admin);
  let dialog = await openReconcile(wandb);
  await expect(dialog.getByLabel('Allowed email domains')).toHaveValue(planted.domain);
  await dialog.getByLabel('Paste the export').fill(planted.csv);

  const read = dialog.getByRole('list', { name: 'Rows read' });
  await expect(read).toContainText('Format: Okta', W);
  const mismatch = planted.mismatched[0]!;
  await expectList(dialog, 'Orphans', /^Orphans:/, [...planted.orphans, mismatch.username]);
  await expectList(
    dialog,
    'Suspended in the identity provider, holding a seat',
    /^Suspended in the identity provider/,
    planted.suspended,
  );
  await expectList(dialog, 'Not members', /^Active in the identity provider, not members/, [
    ...planted.newHires,
    mismatch.idpEmail,
  ]);
  const users = seed.members.filter((m) => m.accountType === 'user');
  const active = users.filter((m) => m.status === 'active').length;
  const deactivated = users.length - active;
  const services = seed.members.length - users.length;
  const counted = dialog.getByRole('list', { name: 'Members reconciled' });
  await expect(counted).toContainText(
    `with an active account: ${active - planted.orphans.length - planted.suspended.length - 1}`,
  );
  await expect(counted).toContainText(
    `not checked: ${services} service accounts, ${deactivated} deactivated in W&B`,
  );
  // The contractor is outside the allowed domains: counted, not listed.
  await expect(dialog.getByRole('region', { name: 'Not members' })).toContainText(
    '1 other active account is outside',
  );

  // Link the mismatched member to their account in the export, through the combobox.
  await dialog.getByRole('button', { name: `Link ${mismatch.username} to an account in the export` }).click();
  const picker = dialog.getByRole('region', { name: `Same person as ${mismatch.username}` });
  const combo = picker.getByRole('combobox', { name: 'Account in the export' });
  await expect(combo).toBeFocused();
  await combo.fill(mismatch.idpEmail.slice(0, 8));
  await expect(
    picker.getByRole('option', { name: new RegExp(mismatch.idpEmail.replaceAll('.', '\\.')) }),
  ).toBeVisible();
  await combo.press('ArrowDown');
  await combo.press('Enter');
  await expect(combo).toHaveValue(mismatch.idpEmail);
  await picker.getByRole('button', { name: `Link ${mismatch.username} to ${mismatch.idpEmail}` }).click();
  await expectList(dialog, 'Orphans', /^Orphans:/, planted.orphans);
  await expect(dialog.getByRole('heading', { name: /^Orphans:/ })).toBeFocused();
  await expectList(dialog, 'Not members', /^Active in the identity provider, not members/, planted.newHires);
  const links = dialog.getByRole('list', { name: 'Links' });
  await expect(links).toContainText(`${mismatch.username} (`);
  await expect(links).toContainText(`is ${mismatch.idpEmail} in the identity provider — applied`);

  // Closed and opened again: the link is still there and applied to the same export.
  await dialog.getByRole('button', { name: 'Close' }).click();
  dialog = await openReconcile(wandb);
  await expect(dialog.getByRole('list', { name: 'Links' })).toContainText(mismatch.idpEmail);
  await dialog.getByLabel('Paste the export').fill(planted.csv);
  await expectList(dialog, 'Orphans', /^Orphans:/, planted.orphans);

  // Removed (after a confirmation), the member is an orphan again.
  await dialog.getByRole('button', { name: `Remove the link of ${mismatch.username}` }).click();
  await dialog.getByRole('button', { name: 'Remove link' }).click();
  await expectList(dialog, 'Orphans', /^Orphans:/, [...planted.orphans, mismatch.username]);
  await expect(dialog.getByRole('heading', { name: 'Same-person links: 0' })).toBeFocused();
  // Reconciling reads only: W&B was asked for the directory and nothing else.
  expect(
    sim.requests().filter((request) => request.result !== undefined || request.error !== undefined),
  ).toEqual([]);
});

test('a dropped Google Workspace file with bad rows: each is named with its row and the bulk-invite message, and the files hold the lists', async ({
  wandb,
  sim,
}) => {
  test.setTimeout(60_000);
  const members = seed.members.filter((m) => m.accountType === 'user' && m.status === 'active');
  // The planted export's people, as Google writes them; plus three rows that cannot be read.
  const lines = planted.csv.split('\n').slice(1);
  const google = [
    'First Name [Required],Last Name [Required],Email Address [Required],Status [READ ONLY]',
    ...lines.map((line) => {
      const [, email, first, last, status] = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
      return `${first},${last},${email},${status === 'SUSPENDED' || status === 'DEPROVISIONED' ? 'Suspended' : 'Active'}`;
    }),
    'Bad,Row,not-an-email,Active',
    'No,Address,,Active',
    'Two,Ats,two@@acme.test,Active',
  ].join('\r\n');
  await wandb.signIn(sim.sim.admin);
  const dialog = await openReconcile(wandb);
  // No allowed domains in the options: typed here for this reconciliation.
  await expect(dialog.getByLabel('Allowed email domains')).toHaveValue('');
  await dialog.getByLabel('Allowed email domains').fill(planted.domain);
  const file = await dialog.evaluateHandle((_dialog, text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([`\uFEFF${text}`], 'google-users.csv', { type: 'text/csv' }));
    return transfer;
  }, google);
  await dialog
    .getByRole('region', { name: '1. The identity provider’s export' })
    .dispatchEvent('drop', { dataTransfer: file });
  await expect(dialog.getByText('File: google-users.csv')).toBeVisible();
  const read = dialog.getByRole('list', { name: 'Rows read' });
  await expect(read).toContainText('Format: Google Workspace', W);
  await expect(read).toContainText('could not be read: 3');
  const bad = dialog.getByRole('table', { name: 'Rows that could not be read' });
  const last = lines.length + 1;
  await expect(bad.getByRole('row', { name: new RegExp(`^${last + 1} not-an-email`) })).toContainText(
    'Bad email: "not-an-email" has no @.',
  );
  await expect(bad.getByRole('row', { name: new RegExp(`^${last + 2} `) })).toContainText(
    'Bad email: the email is empty.',
  );
  await expect(bad.getByRole('row', { name: new RegExp(`^${last + 3} two@@`) })).toContainText(
    'has more than one @',
  );
  const mismatch = planted.mismatched[0]!;
  await expectList(dialog, 'Orphans', /^Orphans:/, [...planted.orphans, mismatch.username]);

  // Every list in one CSV, with a list column, every cell neutralised.
  let download = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download all three lists (CSV)' }).click();
  let saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^wandb-acme-idp-reconciliation-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await saved.path())!, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe(
    'list,username,name,email,org_role,seat,teams,last_active,reason,idp_email,idp_status,idp_line,pending_invite',
  );
  const byList = (name: string, column: number) =>
    csv
      .slice(1)
      .map((line) => line.split(','))
      .filter((cells) => cells[0] === name)
      .map((cells) => cells[column])
      .sort();
  expect(byList('orphans', 1)).toEqual([...planted.orphans, mismatch.username].sort());
  expect(byList('suspended-with-seat', 1)).toEqual(planted.suspended);
  expect(byList('not-members', 3)).toEqual([...planted.newHires, mismatch.idpEmail].sort());

  // The orphans alone as JSON: what was read, the counts, and the rows.
  download = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download orphans (JSON)' }).click();
  saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^wandb-acme-idp-orphans-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(await readFile((await saved.path())!, 'utf8'));
  expect(json).toMatchObject({
    format: 'wandb-admin-toolkit/idp-reconciliation',
    org: 'acme',
    source: { file: 'google-users.csv', format: 'Google Workspace' },
    counts: { orphans: planted.orphans.length + 1, suspendedWithSeat: planted.suspended.length },
  });
  expect(json.orphans.map((row: { username: string }) => row.username).sort()).toEqual(
    [...planted.orphans, mismatch.username].sort(),
  );
  expect(json.orphans[0].email).toBe(members.find((m) => m.username === json.orphans[0].username)?.email);
  expect(json.notMembers).toBeUndefined();
});

test('one click from an orphan opens the offboarding checklist on them', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openReconcile(wandb);
  await dialog.getByLabel('Paste the export').fill(planted.csv);
  const orphan = planted.orphans[0]!;
  const member = seed.members.find((m) => m.username === orphan)!;
  await dialog.getByRole('button', { name: `Offboard ${orphan}` }).click();
  const offboard = wandb.ui.getByRole('dialog', { name: 'Offboard member' });
  await expect(offboard.getByRole('region', { name: 'Member' }).getByRole('heading')).toHaveText(
    `${member.name} (${orphan})`,
    W,
  );
  await expect(offboard.getByRole('button', { name: 'Start offboarding' })).toBeEnabled();
  await expect(wandb.ui.getByRole('dialog', { name: 'Reconcile with IdP' })).toHaveCount(0);
});
