import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import Papa from 'papaparse';
import type { Gate } from '../simulator/gates';
import { expectedFigures } from './expectations';
import { expect, FRESH_PROFILE, saveDefaults, test, type WandbPage } from './fixtures';

const INPUT = [
  'email,team,team role',
  'new.person@acme.test,vision,member',
  'second.new@acme.test,nlp,admin',
  'carol@acme.test,vision,member', // already in vision
  'new.person@acme.test,vision,member', // duplicate of row 2
  'not-an-email,vision,member',
  'third.new@acme.test,visoin,member', // unknown team
].join('\n');

async function openBulkInvite(wandb: WandbPage) {
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('dry run classifies every row, then the job sends exactly the new invites once; the run step lists every row by status', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const figuresBefore = expectedFigures(sim.state());
  const invitesBefore = sim.state().invites.length;
  await expect(wandb.figures.getByRole('listitem')).toHaveText(figuresBefore);
  const dialog = await openBulkInvite(wandb);
  await dialog.getByLabel('Paste addresses or CSV').fill(INPUT);
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await expect(dialog.getByRole('list', { name: 'Rows per status' })).toContainText('new: 2');

  const dryRunDownload = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download dry run' }).click();
  expect((await dryRunDownload).suggestedFilename()).toMatch(
    /^wandb-acme-invite-dry-run-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const dryRun = Papa.parse<Record<string, string>>(
    (await readFile((await (await dryRunDownload).path())!, 'utf8')).replace(/^\uFEFF/, ''),
    { header: true, skipEmptyLines: true },
  );
  expect(dryRun.meta.fields).toEqual(['row', 'email', 'teams', 'team_role', 'org_role', 'status', 'reason']);
  expect(dryRun.data.map((row) => [row.row, row.email, row.status])).toEqual([
    ['2', 'new.person@acme.test', 'new'],
    ['3', 'second.new@acme.test', 'new'],
    ['4', 'carol@acme.test', 'member'],
    ['5', 'new.person@acme.test', 'duplicate'],
    ['6', 'not-an-email', 'invalid'],
    ['7', 'third.new@acme.test', 'invalid'],
  ]);
  expect(dryRun.data[5]?.reason).toContain('vision');
  expect(sim.graphqlRequests().filter((request) => request.operationName === 'CreateInvite')).toEqual([]);

  // Faults on the way: the job retries and still sends each invite exactly once.
  sim.configure({ rateLimitNext: 1, retryAfterSeconds: 1, errorNext: 1 });
  await dialog.getByRole('button', { name: 'Send 2 invites' }).click();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Invite progress' })).toBeVisible();
  await expect(dialog.getByText(/Invited 2 · Skipped 4 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });

  const creates = sim.graphqlRequests().filter((request) => request.operationName === 'CreateInvite');
  const succeeded = creates.filter((request) => request.status === 200 && request.result === 'ok');
  expect(succeeded.map((request) => request.variables)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ entity: 'vision', email: 'new.person@acme.test', admin: false }),
      expect.objectContaining({ entity: 'nlp', email: 'second.new@acme.test', admin: true }),
    ]),
  );
  expect(succeeded).toHaveLength(2);
  const state = sim.state();
  expect(state.invites.filter((invite) => invite.email === 'new.person@acme.test')).toEqual([
    expect.objectContaining({ team: 'vision', role: 'member' }),
  ]);
  expect(state.invites.filter((invite) => invite.email === 'second.new@acme.test')).toEqual([
    expect.objectContaining({ team: 'nlp', role: 'admin' }),
  ]);

  const resultsDownload = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download results' }).click();
  expect((await resultsDownload).suggestedFilename()).toMatch(
    /^wandb-acme-invite-results-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const results = Papa.parse<Record<string, string>>(
    (await readFile((await (await resultsDownload).path())!, 'utf8')).replace(/^\uFEFF/, ''),
    { header: true, skipEmptyLines: true },
  );
  expect(results.meta.fields).toEqual([
    'row',
    'email',
    'team',
    'team_role',
    'status',
    'reason',
    'invite_id',
    'at',
  ]);
  expect(results.data.map((row) => [row.row, row.team, row.team_role, row.status, row.reason])).toEqual([
    ['2', 'vision', 'member', 'invited', ''],
    ['3', 'nlp', 'admin', 'invited', ''],
    ['4', 'vision', 'member', 'skipped', 'Nothing to send: already a member of vision.'],
    ['5', 'vision', 'member', 'skipped', 'Nothing to send: duplicate of row 2 for vision.'],
    ['6', 'vision', 'member', 'skipped', 'Bad email: "not-an-email" has no @.'],
    ['7', 'visoin', 'member', 'skipped', 'Unknown team "visoin": did you mean "vision"?'],
  ]);

  // The run step's rows say the same as the file, each invite with its status and reason, by filter.
  await dialog.getByText('Rows: each invite with its status and reason').click();
  const table = dialog.getByRole('table', { name: 'Invite rows' });
  const cells = (row: Locator) => row.getByRole('cell').allInnerTexts();
  const tableRows = async () =>
    Promise.all((await table.locator('tbody tr:not(.wbat-spacer)').all()).map(cells));
  await expect(table.locator('tbody tr:not(.wbat-spacer)')).toHaveCount(6);
  expect((await tableRows()).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual(
    results.data.map((row) => [row.row, row.team, row.team_role, row.status, row.reason]),
  );
  await dialog.getByLabel('Show').selectOption('Skipped');
  await expect(dialog.getByText('4 of 6 rows')).toBeVisible();
  expect((await tableRows()).map((r) => r[1])).toEqual([
    'carol@acme.test',
    'new.person@acme.test',
    'not-an-email',
    'third.new@acme.test',
  ]);
  await dialog.getByLabel('Show').selectOption('Failed');
  await expect(dialog.getByText('0 of 6 rows')).toBeVisible();

  // The bar stays true: once the dialog closes, its figures count the two new pending invites.
  const after = expectedFigures(sim.state());
  expect(after[1]).toBe(`${invitesBefore + 2} pending invites`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(wandb.figures.getByRole('listitem')).toHaveText(after);
});

test('people already in the org are in-org and added to their new teams; accounts the identity provider suspended are left out', async ({
  wandb,
  sim,
}) => {
  // A Google Workspace user export: its `Status [READ ONLY]` column is read as the account status.
  const input = [
    'Email Address [Required],Status [READ ONLY],Team',
    'carol@acme.test,Active,nlp', // in the org (vision, research), not in nlp
    'erin@acme.test,Active,nlp', // already in nlp
    'new.one@acme.test,Active,nlp',
    'gone@acme.test,Suspended,nlp',
    'judy@acme.test,Active,nlp', // deactivated in the org: W&B would refuse
    'grace@acme.test,Active,research;nlp', // in research, not in nlp
  ].join('\n');
  await wandb.signIn(sim.sim.admin);
  const dialog = await openBulkInvite(wandb);
  await dialog.getByLabel('Paste addresses or CSV').fill(input);
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  const counts = dialog.getByRole('list', { name: 'Rows per status' });
  await expect(counts).toContainText('new: 1');
  await expect(counts).toContainText('in-org: 3');
  await expect(counts).toContainText('member: 1');
  await expect(counts).toContainText('idp-inactive: 1');
  const table = dialog.getByRole('table', { name: 'Dry run' });
  await expect(table.getByRole('row', { name: /carol@acme\.test/ })).toContainText(
    'Already in the organization; will be added to nlp as team member.',
  );
  await expect(table.getByRole('row', { name: /judy@acme\.test/ })).toContainText(
    'Deactivated in the organization: a team invite cannot reach them',
  );
  await expect(table.getByRole('row', { name: /gone@acme\.test/ })).toContainText(
    'The identity provider\'s export marks this account suspended ("Suspended"): not sent.',
  );
  await expect(dialog.getByRole('button', { name: 'Send 3 invites' })).toBeVisible();

  // Off: nothing for people already in the org. Including inactive accounts adds gone@.
  const existing = dialog.getByRole('checkbox', { name: 'Add existing members to the listed teams' });
  await expect(existing).toBeChecked();
  await existing.uncheck();
  await expect(dialog.getByRole('button', { name: 'Send 1 invite' })).toBeVisible();
  await expect(counts).toContainText('in-org: 3');
  const inactive = dialog.getByRole('checkbox', {
    name: 'Invite accounts the identity provider marks inactive',
  });
  await inactive.check();
  await expect(counts).toContainText('idp-inactive: 0');
  await expect(dialog.getByRole('button', { name: 'Send 2 invites' })).toBeVisible();
  await inactive.uncheck();
  await existing.check();

  await dialog.getByRole('button', { name: 'Send 3 invites' }).click();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByText(/Invited 3 · Skipped 4 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  const sent = sim
    .graphqlRequests()
    .filter((request) => request.operationName === 'CreateInvite')
    .map((request) => request.variables as { email: string; entity: string })
    .map((variables) => `${variables.email} ${variables.entity}`)
    .sort();
  expect(sent).toEqual(['carol@acme.test nlp', 'grace@acme.test nlp', 'new.one@acme.test nlp']);
});

test('the team comes first: without a team column the dry run waits for one; a bare Role column is the team role, or the org role once confirmed', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openBulkInvite(wandb);
  const team = dialog.getByRole('group', { name: 'Team' });
  await expect(team).toContainText('W&B invites people to a team, not to the whole organization');
  const paste = dialog.getByLabel('Paste addresses or CSV');
  const dryRun = dialog.getByRole('button', { name: 'Dry run' });
  await paste.fill('email,role\nann.new@acme.test,admin\nbob.new@acme.test,member');
  await expect(team.getByRole('note')).toHaveText(
    'Choose a team: the input has no team column, so the dry run needs a default team.',
  );
  await expect(dryRun).toBeDisabled();
  await dialog.getByLabel('Default team').selectOption('vision');
  await expect(dryRun).toBeEnabled();
  await dryRun.click();
  const counts = dialog.getByRole('list', { name: 'Rows per status' });
  await expect(counts).toContainText('new: 2');
  await expect(counts).toContainText('invalid: 0');
  const table = dialog.getByRole('table', { name: 'Dry run' });
  await expect(table.getByRole('row', { name: /ann\.new@acme\.test/ })).toContainText(
    'Invite to vision as team admin.',
  );

  // A value that is no team role: read as the org role, and only once the admin confirms it.
  await dialog.getByRole('button', { name: 'Back' }).click();
  await paste.fill('email,role\nann.new@acme.test,admin\ncee.new@acme.test,viewer');
  await expect(dialog.getByRole('group', { name: 'Columns' })).toContainText(
    'The column "role" holds "viewer", which is not a team role (member or admin), so it is read as the org role.',
  );
  await expect(dryRun).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Use these columns' }).check();
  await dryRun.click();
  await expect(table.getByRole('row', { name: /cee\.new@acme\.test/ })).toContainText(
    'Invite to vision as team member; org role viewer needs the admin key',
  );
  expect(sim.graphqlRequests().filter((request) => request.operationName === 'CreateInvite')).toEqual([]);
});

test('keyboard: after every screen change focus is on the new screen, so Escape still works', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openBulkInvite(wandb);
  await dialog
    .getByLabel('Paste addresses or CSV')
    .fill('email,team\nkey.one@acme.test,vision\nkey.two@acme.test,nlp');
  // A key press, unlike a click, does not wait for the button: it stays disabled until the members
  // and the input are read, and Enter on a disabled button does nothing (on a loaded machine the
  // press came first and the test failed).
  const dryRun = dialog.getByRole('button', { name: 'Dry run' });
  await expect(dryRun).toBeEnabled();
  await dryRun.press('Enter');
  await expect(dialog.getByRole('heading', { name: '2. Dry run' })).toBeFocused();
  const send = dialog.getByRole('button', { name: 'Send 2 invites' });
  await expect(send).toBeEnabled();
  await send.press('Enter');
  await expect(dialog.getByText('Send 2 invites to 2 teams?')).toBeFocused();
  // Escape steps back from the confirmation, then closes the dialog; focus returns to the bar.
  await wandb.page.keyboard.press('Escape');
  await expect(dialog.getByRole('heading', { name: '2. Dry run' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Back' }).press('Enter');
  await expect(dialog.getByRole('heading', { name: '1. Input' })).toBeFocused();
  await wandb.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(wandb.bar.getByRole('button', { name: 'Bulk invite' })).toBeFocused();
  expect(sim.graphqlRequests().filter((request) => request.operationName === 'CreateInvite')).toEqual([]);
});

test('the job goes on when the tab is closed, and the dialog shows it again', async ({
  wandb,
  sim,
  browser_,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const emails = Array.from({ length: 24 }, (_, i) => `bulk${i}@acme.test`);
  // W&B holds the first four invites (the job's four at once) until the tab is gone.
  const gate = sim.hold({ operation: 'CreateInvite', count: 4 });
  await startJob(wandb, emails, 'infra');
  await gate.waitForHeld(4);
  // Another tab keeps the browser session (and its session cookie) alive, as an admin's would.
  const page = await browser_.context.newPage();
  await page.goto('https://wandb.ai/home');
  await wandb.page.close();
  expect(invitedEmails(sim)).toEqual([]);
  // With no W&B admin page open, the held four are answered and the other twenty are sent.
  gate.open();
  await expect.poll(() => invitedEmails(sim).length, { timeout: 20_000 }).toBe(24);
  expect(sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite')).toHaveLength(24);

  const again = new (wandb.constructor as new (p: typeof page) => WandbPage)(page);
  await again.goto('/account-settings/acme/members');
  const reopened = await openBulkInvite(again);
  await expect(reopened.getByText(/Invited 24 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible();
  expect(invitedEmails(sim)).toEqual([...emails].sort());
});

test('the bar on any admin page of the org shows an unfinished job and reopens it', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const emails = Array.from({ length: 12 }, (_, i) => `chip${i}@acme.test`);
  const gate = sim.hold({ operation: 'CreateInvite', count: 4 });
  // Two rows of people already in data: skipped, never counted as sent.
  const dialog = await openBulkInvite(wandb);
  await dialog
    .getByLabel('Paste addresses or CSV')
    .fill([...emails, 'erin@acme.test', 'oscar@acme.test'].join('\n'));
  await dialog.getByLabel('Default team').selectOption('data');
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await dialog.getByRole('button', { name: 'Send 12 invites' }).click();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await gate.waitForHeld(4);
  await pauseWhileInFlight(dialog, gate);
  expect(invitedEmails(sim)).toHaveLength(4);
  // The bar measures the 12 sends, not the 14 rows: 4 of 12, a third (not 6 of 14).
  const progress = dialog.getByRole('progressbar', { name: 'Invite progress' });
  await expect(progress).toHaveAttribute('max', '12');
  await expect(progress).toHaveAttribute('value', '4');

  await wandb.goto('/acme/settings');
  const chip = wandb.bar.getByRole('button', {
    name: 'Invite job paused: 4 invited · 2 skipped · 0 failed · 8 left',
  });
  await expect(chip).toBeVisible();
  await chip.click();
  const reopened = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  await reopened.getByRole('button', { name: 'Resume' }).click();
  await expect(reopened.getByText(/Invited 12 · Skipped 2 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  expect(invitedEmails(sim)).toEqual([...emails].sort());
  // Finished: once the dialog is closed the bar shows no job.
  await reopened.getByRole('button', { name: 'Close' }).click();
  await expect(wandb.bar.getByRole('button', { name: 'Bulk invite' })).toBeVisible();
  await expect(wandb.bar.getByRole('button', { name: /^Invite job/ })).toHaveCount(0);
});

async function startJob(
  wandb: WandbPage,
  emails: string[],
  team: string,
  beforeConfirm?: () => void,
  atOnce?: number,
) {
  const dialog = await openBulkInvite(wandb);
  await dialog.getByLabel('Paste addresses or CSV').fill(emails.join('\n'));
  await dialog.getByLabel('Default team').selectOption(team);
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await dialog.getByRole('button', { name: `Send ${emails.length} invites` }).click();
  if (atOnce !== undefined)
    await dialog.getByRole('spinbutton', { name: 'Invites sent at once' }).fill(String(atOnce));
  beforeConfirm?.();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Invite progress' })).toBeVisible();
  return dialog;
}

/**
 * Pauses a job whose sends W&B is holding: the click is acknowledged ("Pausing…") before the
 * held sends are answered, so no further invite can start in between; then the job is paused.
 */
async function pauseWhileInFlight(dialog: Locator, gate: Gate) {
  await dialog.getByRole('button', { name: 'Pause' }).click();
  await expect(dialog.getByText('Pausing: the invites already sent finish first.')).toBeVisible();
  gate.open();
  await expect(dialog.getByRole('button', { name: 'Resume' })).toBeVisible();
}

/** Emails of successful createInvite mutations, as the simulator recorded them. */
function invitedEmails(sim: {
  graphqlRequests(): { operationName: string | null; result?: string; variables: unknown }[];
}) {
  return sim
    .graphqlRequests()
    .filter((r) => r.operationName === 'CreateInvite' && r.result === 'ok')
    .map((r) => (r.variables as { email: string }).email)
    .sort();
}

test('session expiry mid-job pauses it with "sign in to W&B again"; after sign-in it resumes and finishes', async ({
  wandb,
  sim,
  browser_,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const emails = Array.from({ length: 10 }, (_, i) => `expiry${i}@acme.test`);
  // The first four invites are made at W&B; their answers wait while the session ends.
  const gate = sim.hold({ operation: 'CreateInvite', count: 4, phase: 'answer' });
  const dialog = await startJob(wandb, emails, 'data');
  await gate.waitForHeld(4);
  sim.configure({ expireSessionAfter: 0 });
  gate.open();
  await expect(dialog.getByRole('alert')).toContainText('Sign in to W&B again');
  expect(invitedEmails(sim)).toHaveLength(4);
  const refused = sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite' && r.fault);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((r) => r.fault === 'session-expired')).toBe(true);

  sim.configure({ expireSessionAfter: null });
  const login = await browser_.context.newPage();
  await login.goto(`https://wandb.ai/__sim/login?user=${sim.sim.admin}&next=/home`);
  await login.close();
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect(dialog.getByText(/Invited 10 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible();
  expect(invitedEmails(sim)).toEqual([...emails].sort());
});

test('10 % server errors and 5 % dropped connections: every address invited exactly once, none failed', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const emails = Array.from({ length: 20 }, (_, i) => `flaky${i}@acme.test`);
  // One invite at a time (the admin's choice on the confirm step).
  const dialog = await startJob(
    wandb,
    emails,
    'platform',
    () => sim.configure({ errorRate: 0.1, dropRate: 0.05, randomSeed: 11 }),
    1,
  );
  await expect(dialog.getByText(/Invited 20 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  expect(invitedEmails(sim)).toEqual([...emails].sort());
  const creates = sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite');
  expect(creates.filter((r) => r.fault).length).toBeGreaterThan(0);
  // Never two in flight: no invite arrived while another was still unanswered at W&B.
  expect(creates.map((r) => r.concurrent)).toEqual(creates.map(() => 0));
});

test('pause holds the job, resume goes on, cancel skips what is left and sends nothing more; Send the rest sends only that', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const emails = Array.from({ length: 16 }, (_, i) => `ctl${i}@acme.test`);
  const gate = sim.hold({ operation: 'CreateInvite', count: 4 });
  const dialog = await startJob(wandb, emails, 'ml-ops');
  await gate.waitForHeld(4);
  await pauseWhileInFlight(dialog, gate);
  await expect.poll(() => invitedEmails(sim).length).toBe(4);
  // A window, to show that something does not happen: a paused job sends nothing more.
  await wandb.page.waitForTimeout(1000);
  expect(sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite')).toHaveLength(4);

  // Resumed, it sends again; W&B holds the next four while the admin cancels.
  const next = sim.hold({ operation: 'CreateInvite', count: 4 });
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await next.waitForHeld(4);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Cancel the job' }).click();
  await expect(dialog.getByText('Cancelling: the invites already sent finish first.')).toBeVisible();
  next.open();
  await expect(dialog.getByText('Job cancelled.')).toBeVisible();
  await expect.poll(() => invitedEmails(sim).length).toBe(8);
  // A window, to show that something does not happen: a cancelled job sends nothing more.
  await wandb.page.waitForTimeout(1000);
  const invited = invitedEmails(sim);
  expect(invited).toHaveLength(8);
  expect(new Set(invited).size).toBe(8);
  await expect(dialog.getByRole('status')).toHaveText(/Invited 8 · Skipped 8 · Failed 0 · Left 0/);

  // Send the rest: asked first, then exactly the 8 the cancel left unsent, each once.
  await dialog.getByRole('button', { name: 'Send the rest (8 not sent)' }).click();
  const ask = dialog.getByRole('group', { name: 'Send the rest?' });
  await expect(ask).toContainText('Invites already sent are not sent again');
  expect(sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite')).toHaveLength(8);
  await ask.getByRole('button', { name: 'Send 8 invites' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/Invited 16 · Skipped 0 · Failed 0 · Left 0/, {
    timeout: 20_000,
  });
  expect(invitedEmails(sim)).toEqual([...emails].sort());
  const creates = sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite');
  expect(creates).toHaveLength(16);
  expect(new Set(creates.map((r) => JSON.stringify(r.variables))).size).toBe(16);
});

// Its own browser: it stops the extension's worker through Chromium's service-worker page.
test('the browser stops the service worker mid-job: the job resumes, settles in-flight invites by re-reading W&B, and sends none twice', {
  tag: FRESH_PROFILE,
}, async ({ wandb, sim, browser_ }) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const emails = Array.from({ length: 16 }, (_, i) => `restart${i}@acme.test`);
  // Chromium's own service-worker page stops the worker, as the browser does to an idle one.
  const internals = await browser_.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  await wandb.page.bringToFront();
  // Four invites are made at W&B and their answers held: the stop catches them in flight.
  const gate = sim.hold({ operation: 'CreateInvite', count: 4, phase: 'answer' });
  const dialog = await startJob(wandb, emails, 'vision');
  await gate.waitForHeld(4);
  await browser_.serviceWorker.evaluate('self.__beforeStop = true');
  await internals.getByRole('button', { name: 'Stop' }).first().click();
  // The stopped worker's requests are cut: it never hears that the four invites were made.
  await gate.waitForAbandoned(4);
  const stoppedAt = sim.requests().length;
  const createdBeforeStop = invitedEmails(sim).length;
  expect(createdBeforeStop).toBe(4);
  gate.open();

  // The dialog's next status poll wakes the worker; it picks the job up from storage.
  await expect(dialog.getByText(/Invited 16 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  // A new worker runs the job: nothing of the stopped one's memory is left.
  // (Playwright keeps one handle for the extension's worker; it now evaluates in the new one.)
  expect(await browser_.serviceWorker.evaluate('self.__beforeStop === true')).toBe(false);
  expect(invitedEmails(sim)).toEqual([...emails].sort());
  // Invites that were in flight when the worker stopped were found by reading the team, not sent again.
  const after = sim
    .requests()
    .slice(stoppedAt)
    .filter((r) => r.kind === 'graphql');
  const names = after.map((r) => r.operationName);
  expect(names.filter((name) => name === 'CreateInvite')).toHaveLength(16 - createdBeforeStop);
  // The settling reads of the team come first, before any new invite is sent.
  const firstCreate = names.indexOf('CreateInvite');
  expect(names.slice(0, firstCreate)).toContain('TeamMembers');
});

test('files: an Entra ID export (BOM, CRLF, quoted commas) picked or dropped maps without help; bad files are refused naming the problem, and nothing is sent', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const dialog = await openBulkInvite(wandb);
  const picker = dialog.getByLabel('Choose a CSV, TSV or TXT file');
  const alert = dialog.getByRole('alert');

  // Not UTF-8 (Windows-1252 "é" on line 3): refused with the line and the fix, nothing mangled.
  const latin1 = Buffer.concat([
    Buffer.from('mail,displayName\r\nann.new@acme.test,Ann\r\nrene.new@acme.test,Ren'),
    Buffer.from([0xe9]),
    Buffer.from('\r\n'),
  ]);
  await picker.setInputFiles({ name: 'entra.csv', mimeType: 'text/csv', buffer: latin1 });
  await expect(alert).toContainText('entra.csv is not UTF-8 text');
  await expect(alert).toContainText('line 3');
  await expect(dialog.getByRole('button', { name: 'Dry run' })).toBeDisabled();

  await picker.setInputFiles({
    name: 'people.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
  });
  await expect(alert).toContainText('people.xlsx is a workbook');

  await picker.setInputFiles({
    name: 'header.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('email,team\r\n'),
  });
  await expect(alert).toContainText('header row but no rows');

  // 200,000 rows, made in the page and dropped (sending 3 MB through the test driver is slow).
  const hugeFile = await dialog.evaluateHandle(() => {
    const lines = ['email,team'];
    for (let i = 0; i < 200_000; i++) lines.push(`p${i}@acme.test,vision`);
    const transfer = new DataTransfer();
    transfer.items.add(new File([lines.join('\n')], 'huge.csv', { type: 'text/csv' }));
    return transfer;
  });
  await dialog.getByRole('region', { name: '1. Input' }).dispatchEvent('drop', { dataTransfer: hugeFile });
  await expect(alert).toContainText('more than 10,000 rows');

  // An Entra ID export, dropped on the dialog: UTF-8 with BOM, CRLF, a quoted display name with a comma.
  const entra = [
    'userPrincipalName,displayName,mail,givenName,surname',
    'ann@corp.onmicrosoft.com,"Lee, Ann",Ann.New@ACME.test,Ann,Lee',
    'ren@corp.onmicrosoft.com,René Roy,rene.new@acme.test,René,Roy',
    'car@corp.onmicrosoft.com,Carol Chen,carol@acme.test,Carol,Chen',
  ].join('\r\n');
  const dropped = await dialog.evaluateHandle((_dialog, text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([`\uFEFF${text}`], 'entra-users.csv', { type: 'text/csv' }));
    return transfer;
  }, entra);
  await dialog.getByRole('region', { name: '1. Input' }).dispatchEvent('drop', { dataTransfer: dropped });
  await expect(dialog.getByText('File: entra-users.csv')).toBeVisible();
  await expect(dialog.getByText('3 rows read')).toBeVisible();
  await expect(alert).toHaveCount(0);
  await expect(dialog.getByRole('combobox', { name: 'Delimiter' })).toHaveValue(',');
  await dialog.getByLabel('Default team').selectOption('vision');
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await expect(dialog.getByRole('list', { name: 'Rows per status' })).toContainText('new: 2');
  await expect(dialog.getByRole('list', { name: 'Rows per status' })).toContainText('member: 1');
  // The address is normalised (domain lower-cased) and the name with a comma kept whole.
  const table = dialog.getByRole('table', { name: 'Dry run' });
  await expect(table).toContainText('Ann.New@acme.test');
  expect(sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite')).toEqual([]);
});

test('a 429 storm (2 requests a second): the job slows to the limit, and every address is invited exactly once', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  // Paced to 2 a second, twelve invites take 6–9 s; a loaded machine took 27 s.
  test.setTimeout(45_000);
  const emails = Array.from({ length: 12 }, (_, i) => `storm${i}@acme.test`);
  const dialog = await startJob(wandb, emails, 'research', () =>
    sim.configure({ rateLimit: 2, retryAfterSeconds: 1 }),
  );
  await expect(dialog.getByText(/Invited 12 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 40_000,
  });
  expect(invitedEmails(sim)).toEqual([...emails].sort());
  const creates = sim.graphqlRequests().filter((r) => r.operationName === 'CreateInvite');
  expect(creates.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  // Paced to what W&B allowed: far fewer refusals than sends.
  expect(creates.filter((r) => r.status === 429).length).toBeLessThan(12);
});

test('the options page’s defaults reach the dialog: allowed domains classify rows, and the confirm step starts at one invite at a time', async ({
  wandb,
  sim,
  browser_,
}) => {
  await saveDefaults(browser_, [
    ['Invite concurrency (1–16)', '1'],
    [/Allowed email domains for bulk invite/, 'acme.test'],
  ]);

  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const dialog = await openBulkInvite(wandb);
  await expect(dialog.getByLabel('Allowed email domains')).toHaveValue('acme.test');
  await dialog.getByLabel('Paste addresses or CSV').fill('one@acme.test\ntwo@acme.test\nout@elsewhere.io');
  await dialog.getByLabel('Default team').selectOption('nlp');
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await expect(dialog.getByRole('list', { name: 'Rows per status' })).toContainText('outside-domain: 1');
  await dialog.getByRole('button', { name: 'Send 2 invites' }).click();
  await expect(dialog.getByRole('spinbutton', { name: 'Invites sent at once' })).toHaveValue('1');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByText(/Invited 2 · Skipped 1 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  expect(invitedEmails(sim)).toEqual(['one@acme.test', 'two@acme.test']);
});

test('one bad line never refuses the paste: a piece that is not an address and a broken quote become invalid rows, the rest is invited', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openBulkInvite(wandb);
  await dialog
    .getByLabel('Paste addresses or CSV')
    .fill(
      [
        '"New Person" <new.person@acme.test>',
        'not-an-email',
        '"quote""d"@x.test',
        'Second New <second.new@acme.test>',
      ].join('\n'),
    );
  await dialog.getByLabel('Default team').selectOption('nlp');
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  const counts = dialog.getByRole('list', { name: 'Rows per status' });
  await expect(counts).toContainText('new: 2');
  await expect(counts).toContainText('invalid: 2');
  const table = dialog.getByRole('table', { name: 'Dry run' });
  await expect(table.getByRole('row').filter({ hasText: 'not-an-email' })).toContainText(
    'Line 2: "not-an-email" is not an email address',
  );
  await expect(table.getByRole('row').filter({ hasText: '@x.test' })).toContainText('Line 3:');
  await dialog.getByRole('button', { name: 'Send 2 invites' }).click();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByText(/Invited 2 · Skipped 2 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  expect(invitedEmails(sim)).toEqual(['new.person@acme.test', 'second.new@acme.test']);
});
