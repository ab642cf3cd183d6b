/**
 * The Diagnostics tool (under More) against the simulator's variants: it says exactly what the host
 * refuses, sends only reads, and its downloaded report holds no member data.
 */
import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { deriveApiKeySecret } from '../simulator/state';
import { expect, test, testAdminKey, type WandbPage } from './fixtures';

async function runDiagnostics(wandb: WandbPage): Promise<Locator> {
  const dialog = await wandb.openFromMore('Diagnostics');
  await dialog.getByRole('button', { name: 'Run the checks' }).click();
  await expect(dialog.getByRole('table', { name: 'Diagnostics checks' })).toBeVisible({ timeout: 20_000 });
  return dialog;
}

/** The row whose first cell is exactly `check` (a row's name is its cells in order). */
const row = (dialog: Locator, check: string) =>
  dialog
    .getByRole('table', { name: 'Diagnostics checks' })
    .getByRole('row', { name: new RegExp(`^${check.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `) });

test('on wandb.ai with every field: every directory field passes, only queries are sent, and the report downloads without member data', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
  sim.clearRequests();
  const dialog = await runDiagnostics(wandb);
  await expect(dialog.getByRole('status').filter({ hasText: 'Directory on this host' })).toHaveText(
    'Directory on this host: the organization query (one request). Admin key: none for this host.',
  );
  for (const field of ['usedSeats', 'seatAvailability', 'members', 'pendingInvites'])
    await expect(row(dialog, `Organization.${field}`)).toContainText('Passed');
  await expect(row(dialog, 'Invite and removal operations')).toContainText(
    'createInvite: present; deleteInvite: present',
  );
  await expect(row(dialog, 'SCIM at /scim/')).toContainText('Not tried');
  // Read-only: no write reached W&B.
  expect(sim.requests().filter((r) => r.result !== undefined)).toEqual([]);

  const download = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download report (JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^wandb-acme-diagnostics-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await file.path())!, 'utf8');
  const report = JSON.parse(text);
  expect(report).toMatchObject({ host: 'https://wandb.ai', org: 'acme', admin: 'alice', key: null });
  expect(new Set(text.match(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g))).toEqual(
    new Set(['alice@acme.test']),
  );
});

test.describe('on a server that rejects one directory field', () => {
  test.use({ simOptions: { config: { rejectField: 'Organization.seatAvailability' } } });

  test('the report names that field and says the per-team fallback is used', async ({ wandb, sim }) => {
    await wandb.signIn(sim.sim.admin);
    await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
    const dialog = await runDiagnostics(wandb);
    await expect(row(dialog, 'Organization.seatAvailability')).toContainText('Refused');
    await expect(row(dialog, 'Organization.seatAvailability')).toContainText('seatAvailability');
    await expect(row(dialog, 'Organization.members')).toContainText('Passed');
    await expect(dialog.getByRole('status').filter({ hasText: 'Directory on this host' })).toContainText(
      'the per-team fallback (Organization.seatAvailability refused)',
    );
  });
});

test.describe('on a server without the third-party-observed fields', () => {
  test.use({ simOptions: { strictVerified: true } });

  test('every [3P] field group is refused by name', async ({ wandb, sim }) => {
    await wandb.signIn(sim.sim.admin);
    await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
    const dialog = await runDiagnostics(wandb);
    for (const field of [
      'usedSeats',
      'usedViewOnlySeats',
      'seatAvailability',
      'teams',
      'members',
      'pendingInvites',
    ])
      await expect(row(dialog, `Organization.${field}`)).toContainText('Refused');
    await expect(row(dialog, 'organization(name:) { id name }')).toContainText('Passed');
  });
});

test('with a key SCIM no longer accepts (revoked since it was tested), the report says so; the session checks still pass', async ({
  wandb,
  sim,
  browser_,
}) => {
  await testAdminKey(browser_, deriveApiKeySecret('org-1', 'bob', 'bob-scripts'));
  sim.sim.state.removeFromOrg('bob'); // W&B deletes the keys of a member who leaves

  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
  const dialog = await runDiagnostics(wandb);
  await expect(row(dialog, 'Admin key accepted')).toContainText('Refused');
  await expect(row(dialog, 'Admin key accepted')).toContainText(
    'W&B refused the key (HTTP 401): wrong, expired or revoked.',
  );
  await expect(row(dialog, 'SCIM at /scim/')).toContainText('HTTP 401');
  await expect(row(dialog, 'Audit logs at /audit_logs')).toContainText('Refused');
  await expect(row(dialog, 'Audit logs at /audit_logs')).toContainText('HTTP 401: invalid API key');
  await expect(row(dialog, 'Organization.members')).toContainText('Passed');
});

test.describe('on a host serving SCIM under /scim/v2/ only', () => {
  test.use({ simOptions: { config: { scimPaths: 'v2-only' } } });

  test('the key still works (the client moves to /scim/v2/), and the report shows which path answers', async ({
    wandb,
    sim,
    browser_,
  }) => {
    await testAdminKey(browser_, deriveApiKeySecret('org-1', 'alice', 'alice-admin-key'));

    await wandb.signIn(sim.sim.admin);
    await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
    const dialog = await runDiagnostics(wandb);
    await expect(row(dialog, 'SCIM at /scim/')).toContainText('Refused');
    await expect(row(dialog, 'SCIM at /scim/')).toContainText('HTTP 404');
    await expect(row(dialog, 'SCIM at /scim/v2/')).toContainText('Passed');
    await expect(row(dialog, 'Admin key accepted')).toContainText("the owner's org role: admin");
    // W&B's audit logs (API.md §4) answer the key's one-day GET.
    await expect(row(dialog, 'Audit logs at /audit_logs')).toContainText('Passed');
    await expect(row(dialog, 'Audit logs at /audit_logs')).toContainText('HTTP 200');
    expect(
      sim
        .requests()
        .filter((r) => r.kind === 'audit-logs')
        .map((r) => [r.method, r.host, r.path, r.status]),
    ).toEqual([['GET', 'api.wandb.ai', '/audit_logs', 200]]);
  });
});

test('the options page runs the same report for a chosen host and organization', async ({
  wandb,
  sim,
  browser_,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
  const options = await browser_.context.newPage();
  await options.goto(`chrome-extension://${browser_.extensionId}/options.html`);
  const form = options.getByRole('form', { name: 'Run diagnostics' });
  await form.getByLabel('W&B host').selectOption('https://wandb.ai');
  await form.getByLabel('Organization').fill('acme');
  await form.getByRole('button', { name: 'Run the checks' }).click();
  const report = options.getByRole('region', { name: 'Diagnostics report' });
  await expect(row(report, 'Signed in (viewer)')).toContainText('Signed in as alice (alice@acme.test).', {
    timeout: 20_000,
  });
  await expect(row(report, 'Organization.members')).toContainText('Passed');
});
