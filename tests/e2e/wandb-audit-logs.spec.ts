/**
 * W&B's audit logs with the admin key (issue 14, API.md §4): Seat hygiene's "no activity" list is
 * what the simulator's audit trail implies, read as GETs of at most 7 days without the session's
 * cookie; the Audit log shows W&B's own entry for an invite the test made; a key W&B refuses gets
 * W&B's words; a dedicated host is read at /admin/audit_logs.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import type { RequestLogEntry } from '../simulator/server';
import { deriveApiKeySecret } from '../simulator/state';
import { inactiveByAuditTrail, auditSpan as span, utcDay } from './expectations';
import { expect, test, testAdminKey, type WandbPage } from './fixtures';

const FIRST_LOAD_MS = 20_000;
const DAY = 86_400_000;
const ALICE_KEY = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
const BOB_KEY = deriveApiKeySecret('org-1', 'bob', 'bob-scripts');

async function openTool(wandb: WandbPage, name: string): Promise<Locator> {
  await expect(wandb.figures).toBeVisible({ timeout: FIRST_LOAD_MS });
  return wandb.openFromMore(name);
}

async function usernamesIn(download: Promise<Download>): Promise<string[]> {
  const text = await readFile((await (await download).path())!, 'utf8');
  const csv = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  return csv.data.map((row) => row.username!).sort();
}

/** The inactive list as the dialog shows it (heading) and downloads it (usernames). */
async function inactiveShown(page: Page, dialog: Locator, days: number): Promise<string[]> {
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: `Download no activity for ${days} days (CSV)` }).click();
  return usernamesIn(download);
}

/** Every audit-log request was a keyed GET of at most 7 days, and together they cover `from`–`to` once. */
function expectWindows(requests: RequestLogEntry[], host: string, path: string, from: string, to: string) {
  expect(requests.length).toBeGreaterThan(0);
  const windows = requests.map((r) => {
    expect([r.method, r.host, r.path, r.status, r.hadCookie]).toEqual(['GET', host, path, 200, false]);
    expect(r.auth).toMatchObject({ scheme: 'basic', owner: 'alice' });
    const params = new URLSearchParams(r.search);
    const numDays = Number(params.get('numDays'));
    expect(numDays).toBeGreaterThanOrEqual(0);
    expect(numDays).toBeLessThanOrEqual(7);
    const start = Date.parse(`${params.get('startDate')}T00:00:00Z`);
    return { start, end: start + numDays * DAY };
  });
  windows.sort((a, b) => a.start - b.start);
  expect(utcDay(windows[0]!.start)).toBe(from);
  expect(utcDay(windows.at(-1)!.end)).toBe(to);
  for (let i = 1; i < windows.length; i++) expect(windows[i]!.start - windows[i - 1]!.end).toBe(DAY);
}

test('with a key on wandb.ai, “no activity for N days” is what W&B’s audit log implies, read in windows of at most 7 days', async ({
  wandb,
  sim,
  browser_,
}) => {
  test.setTimeout(60_000);
  // bob (an org admin) last signed in more than 30 days ago; today he invites someone, which W&B logs.
  const bob = sim.sim.state.member('bob')!;
  expect(Date.now() - Date.parse(bob.lastLoginAt!)).toBeGreaterThan(30 * DAY);
  sim.sim.state.createInvite(bob, { entityName: 'nlp', email: 'hygiene.audit@acme.test', role: 'member' });
  await testAdminKey(browser_, ALICE_KEY);
  await wandb.signIn(sim.sim.admin);
  sim.clearRequests();
  // The first two windows held on arrival: the dialog shows its progress while W&B is "still busy".
  const gate = sim.hold({ pathPrefix: '/audit_logs', count: 2 });
  const dialog = await openTool(wandb, 'Seat hygiene');
  await gate.waitForHeld(1);
  gate.release(1);
  await gate.waitForHeld(1);
  const progress = dialog.getByRole('progressbar', { name: 'Reading W&B’s audit logs' });
  await expect(progress).toHaveAttribute('value', '1');
  await expect(progress).toHaveAttribute('max', '13');
  await expect(dialog.getByRole('status').filter({ hasText: 'Reading W&B’s audit logs' })).toHaveText(
    'Reading W&B’s audit logs with the admin key: 1 of 13 windows…',
  );
  gate.open();

  const { from, to, windows } = span(90);
  expect(windows).toBe(13);
  await expect(dialog.getByRole('note', { name: 'Source of last activity' })).toHaveText(
    `Last activity from W&B audit logs, ${from} – ${to}, 13 windows: each member’s latest auditable action.`,
    { timeout: 30_000 },
  );
  const expected90 = inactiveByAuditTrail(sim.sim, 90, from);
  await expect(dialog.getByRole('heading', { name: /^No activity for 90 days/ })).toHaveText(
    `No activity for 90 days: ${expected90.length}`,
  );
  expect(await inactiveShown(wandb.page, dialog, 90)).toEqual(expected90);

  // Fewer days need no new read: the 90 days read cover them.
  const before = sim.requests().filter((r) => r.kind === 'audit-logs').length;
  await dialog.getByLabel('No activity for (days)').fill('30');
  const expected30 = inactiveByAuditTrail(sim.sim, 30, from);
  await expect(dialog.getByRole('heading', { name: /^No activity for 30 days/ })).toHaveText(
    `No activity for 30 days: ${expected30.length}`,
  );
  expect(await inactiveShown(wandb.page, dialog, 30)).toEqual(expected30);
  expect(expected30).not.toContain('bob'); // his invite today, in W&B's log; his last login says otherwise

  const audit = sim.requests().filter((r) => r.kind === 'audit-logs');
  expect(audit).toHaveLength(before);
  expectWindows(audit, 'api.wandb.ai', '/audit_logs', from, to);
  // Only GETs of /audit_logs carried the key; nothing else of the audit logs was asked for.
  expect(sim.requests().filter((r) => r.path.includes('audit_logs') && r.kind !== 'audit-logs')).toEqual([]);
});

test('without a key for the host, Seat hygiene says its last activity is the session’s, and asks W&B for no audit log', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openTool(wandb, 'Seat hygiene');
  await expect(dialog.getByRole('note', { name: 'Source of last activity' })).toHaveText(
    'Last activity is from your browser session (last login where offered, run heartbeats), not W&B’s audit logs: This needs an admin API key for wandb.ai. Add one in the toolkit options (it stays in this browser).',
    { timeout: 30_000 },
  );
  await expect(dialog.getByRole('heading', { name: /^No activity for 90 days: \d+$/ })).toBeVisible();
  expect(sim.requests().filter((r) => r.path.includes('audit_logs'))).toEqual([]);
});

test('the Audit log shows W&B’s own entry for an invite the toolkit sent, beside its own', async ({
  wandb,
  sim,
  browser_,
}) => {
  test.setTimeout(60_000);
  await testAdminKey(browser_, ALICE_KEY);
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: FIRST_LOAD_MS });
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const invite = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  await invite.getByLabel('Default team').selectOption('vision');
  await invite.getByLabel('Paste addresses or CSV').fill('audit.viewer@acme.test');
  await invite.getByRole('button', { name: 'Dry run' }).click();
  await invite.getByRole('button', { name: 'Send 1 invite' }).click();
  await invite.getByRole('button', { name: 'Confirm' }).click();
  await expect(invite.getByText(/Invited 1 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  await invite.getByRole('button', { name: 'Close' }).click();

  const dialog = await openTool(wandb, 'Audit log');
  await expect(
    dialog
      .getByRole('table', { name: 'Audit entries' })
      .getByRole('row')
      .filter({ hasText: 'audit.viewer@acme.test' }),
  ).toHaveCount(1);
  await dialog.getByRole('radio', { name: 'W&B’s audit log (admin key)' }).check();
  await dialog.getByLabel('Days to read').selectOption('Today and the 7 days before');
  await dialog.getByRole('button', { name: 'Read W&B’s audit log' }).click();
  const { from, to } = span(7);
  await expect(dialog.getByRole('note')).toHaveText(`W&B audit logs, ${from} – ${to}, 2 windows.`, {
    timeout: 20_000,
  });
  await dialog.getByLabel('W&B action').selectOption('team:invite_user');

  // W&B's log holds exactly one invite today, by alice: the one the toolkit sent.
  const alice = sim.sim.state.member('alice')!;
  const logged = sim.sim.state.auditTrail.all().filter((e) => e.action === 'team:invite_user');
  expect(logged.map((e) => [e.actorEmail, utcDay(Date.parse(e.timestamp))])).toEqual([[alice.email, to]]);
  const rows = dialog.getByRole('table', { name: 'W&B audit entries' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole('cell')).toHaveText([
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    'team:invite_user',
    alice.email,
    alice.id,
    '—',
  ]);
  const read = sim.sim.state.auditTrail
    .all()
    .filter((e) => e.timestamp >= from && utcDay(Date.parse(e.timestamp)) <= to).length;
  await expect(dialog.getByRole('status').filter({ hasText: 'shown' })).toHaveText(
    `1 of ${read} ${read === 1 ? 'W&B entry' : 'W&B entries'} shown`,
  );
});

test('a key whose owner is no longer an org admin: Seat hygiene and the Audit log show W&B’s refusal and read no more', async ({
  wandb,
  sim,
  browser_,
}) => {
  test.setTimeout(45_000);
  await testAdminKey(browser_, BOB_KEY);
  sim.sim.state.setOrgRole('bob', 'member');
  await wandb.signIn(sim.sim.admin);
  sim.clearRequests();
  const refusal =
    'W&B refused its audit logs to the admin API key (HTTP 403). W&B said: "only organization admins can read audit logs". They are for org admins of Enterprise organizations.';
  const hygiene = await openTool(wandb, 'Seat hygiene');
  await expect(hygiene.getByRole('note', { name: 'Source of last activity' })).toHaveText(
    `Last activity is from your browser session (last login where offered, run heartbeats), not W&B’s audit logs: ${refusal}`,
    { timeout: 30_000 },
  );
  await expect(hygiene.getByRole('heading', { name: /^No activity for 90 days: \d+$/ })).toBeVisible();
  // The first window was refused; no other was asked for.
  expect(
    sim
      .requests()
      .filter((r) => r.kind === 'audit-logs')
      .map((r) => [r.method, r.status]),
  ).toEqual([['GET', 403]]);
  await hygiene.getByRole('button', { name: 'Close' }).click();

  const log = await openTool(wandb, 'Audit log');
  await log.getByRole('radio', { name: 'W&B’s audit log (admin key)' }).check();
  await log.getByRole('button', { name: 'Read W&B’s audit log' }).click();
  await expect(log.getByRole('alert')).toHaveText(`W&B’s audit log could not be read: ${refusal}`);
});

test.describe('on a dedicated or self-managed host', () => {
  const HOST = 'wandb.example.test';
  test.use({ simOptions: { extraHosts: [HOST] }, preGrantedHosts: [HOST] });

  test('Seat hygiene reads the host’s /admin/audit_logs with its key, in windows of at most 7 days', async ({
    wandb,
    sim,
    browser_,
  }) => {
    test.setTimeout(60_000);
    const options = await browser_.context.newPage();
    await options.goto(`chrome-extension://${browser_.extensionId}/options.html`);
    const addForm = options.getByRole('form', { name: 'Add a W&B host' });
    await addForm.getByLabel('Host address').fill(HOST);
    await addForm.getByRole('button', { name: 'Add host' }).click();
    await expect(options.getByRole('status').filter({ hasText: `Added ${HOST}` })).toBeVisible();
    await options.close();
    await testAdminKey(browser_, ALICE_KEY, HOST);

    await wandb.page.bringToFront();
    await wandb.page.goto(`https://${HOST}/__sim/login?user=alice`);
    sim.clearRequests();
    const dialog = await openTool(wandb, 'Seat hygiene');
    const { from, to } = span(90);
    await expect(dialog.getByRole('note', { name: 'Source of last activity' })).toHaveText(
      `Last activity from W&B audit logs, ${from} – ${to}, 13 windows: each member’s latest auditable action.`,
      { timeout: 30_000 },
    );
    const expected = inactiveByAuditTrail(sim.sim, 90, from);
    await expect(dialog.getByRole('heading', { name: /^No activity for 90 days/ })).toHaveText(
      `No activity for 90 days: ${expected.length}`,
    );
    expectWindows(
      sim.requests().filter((r) => r.kind === 'audit-logs'),
      HOST,
      '/admin/audit_logs',
      from,
      to,
    );
    expect(sim.requests().filter((r) => r.host === 'api.wandb.ai')).toEqual([]);
  });
});
