import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { deriveApiKeySecret } from '../simulator/state';
import { expect, type SimHandle, test, testAdminKey, WandbPage } from './fixtures';

// Each journey reads the whole directory again at every verification (that is the point), so it
// takes longer than the other specs, most of all when two run side by side on two cores.
// Offboarding journeys re-read the whole directory at most steps: 12–40 s each on a loaded
// 2-core machine. A hang fails at 60 s, not three minutes.
test.describe.configure({ timeout: 60_000 });
const W = { timeout: 20_000 };

/** The Offboard member dialog and its parts. */
class OffboardDialogPage {
  constructor(readonly wandb: WandbPage) {}

  get dialog(): Locator {
    return this.wandb.ui.getByRole('dialog', { name: 'Offboard member' });
  }

  async open(): Promise<void> {
    await this.wandb.bar.getByRole('button', { name: 'Offboard member' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Searches and picks a member, then waits for the impact. */
  async pick(query: string, username: string): Promise<void> {
    const search = this.dialog.getByRole('searchbox', { name: 'Search members' });
    await expect(this.dialog.getByText(/members\. Type to search/)).toBeVisible(W);
    await search.fill(query);
    await this.dialog
      .getByRole('list', { name: 'Matching members' })
      .getByRole('button', { name: new RegExp(`\\(${username}\\)`) })
      .click();
    await expect(this.dialog.getByRole('region', { name: 'Teams' })).toBeVisible(W);
  }

  async start(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Start offboarding' }).click();
    await expect(this.steps).toBeVisible(W);
  }

  get steps(): Locator {
    return this.dialog.getByRole('list', { name: 'Offboarding steps' });
  }

  step(title: string): Locator {
    return this.steps.getByRole('listitem', { name: title, exact: true });
  }

  async expectState(
    title: string,
    state: 'To do' | 'Done' | 'Reviewed by admin' | 'Skipped' | 'Blocked',
  ): Promise<void> {
    await expect(this.step(title).locator('p').first()).toContainText(state, W);
  }
}

function teamsOf(sim: SimHandle, username: string) {
  return sim
    .state()
    .teams.flatMap((team) =>
      team.members.filter((m) => m.username === username).map((m) => ({ team: team.name, role: m.role })),
    );
}

test('dave, the only admin of robotics: blocked until reassigned, teams removed, case resumed after a reload', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const offboard = new OffboardDialogPage(wandb);
  await offboard.open();
  await offboard.pick('dimitrov', 'dave');
  await expect(offboard.dialog.getByRole('region', { name: 'Teams' })).toContainText(
    'robotics: admin — only admin (blocker)',
  );
  await expect(offboard.dialog.getByRole('region', { name: 'API keys' })).toContainText('cannot be read', W);
  await offboard.start();

  await offboard.expectState('Record a snapshot', 'Done');
  await offboard.expectState('Remove from each team', 'Blocked');
  await expect(offboard.step('Remove from each team').getByRole('button')).toHaveCount(0);

  const reassign = offboard.step('Reassign team admin');
  await reassign.getByRole('combobox', { name: 'New admin of robotics' }).selectOption('zoe');
  await reassign.getByRole('button', { name: 'Verify reassignment' }).click();
  await expect(reassign).toContainText('W&B still shows no other admin of robotics', W);
  await offboard.expectState('Reassign team admin', 'To do');

  // The admin makes zoe a team admin in W&B itself (the session has no verified operation for it).
  sim.sim.state.setTeamRole('zoe', 'robotics', 'admin');
  await reassign.getByRole('button', { name: 'Verify reassignment' }).click();
  await offboard.expectState('Reassign team admin', 'Done');
  await expect(reassign).toContainText('robotics: zoe admin', W);

  const teams = offboard.step('Remove from each team');
  await expect(teams).toContainText('Removes dave from robotics (admin), vision (member)');
  await teams.getByRole('button', { name: 'Remove from teams…' }).click();
  await teams.getByRole('button', { name: 'Confirm removal from 2 teams' }).click();
  await offboard.expectState('Remove from each team', 'Done');
  expect(teamsOf(sim, 'dave')).toEqual([]);
  const deletes = sim.graphqlRequests().filter((r) => r.operationName === 'DeleteInvite');
  expect(deletes.map((r) => [(r.variables as { entity?: string }).entity, r.status, r.result])).toEqual([
    ['robotics', 200, 'ok'],
    ['vision', 200, 'ok'],
  ]);

  // Reopening the page resumes the case where it was left.
  await wandb.page.reload();
  await expect(wandb.bar.getByRole('status', { name: 'Open offboarding cases' })).toHaveText(
    '1 open offboarding case',
    W,
  );
  await offboard.open();
  await offboard.dialog.getByRole('button', { name: 'Resume dave' }).click();
  await offboard.expectState('Reassign team admin', 'Done');
  await offboard.expectState('Remove from each team', 'Done');
  await offboard.expectState('Remove from the organization', 'To do');
});

test('a full run without the admin key: guided org removal on the Members page, verified; record; re-invite restores the teams', async ({
  wandb,
  sim,
  browser_,
}) => {
  await wandb.signIn(sim.sim.admin);
  const offboard = new OffboardDialogPage(wandb);
  await offboard.open();
  await offboard.pick('frank@acme', 'frank');
  await expect(offboard.dialog.getByRole('region', { name: 'Recent runs' })).toContainText(
    'nlp/llm-finetune/n3d7e8f9',
    W,
  );
  // Before the case starts, the admin learns when frank's access ends, and why not sooner on wandb.ai.
  await expect(offboard.dialog.getByRole('note').filter({ hasText: 'access ends' })).toHaveText(
    'Their access ends at the step “Remove from the organization”: on wandb.ai W&B offers no way to suspend a member and keep them (SCIM active: false removes the user there), so until that step they can still sign in.',
  );
  await offboard.start();
  await offboard.expectState('Reassign team admin', 'Skipped');

  const automation = offboard.step('Identify and rotate automation using their key');
  for (const box of await automation.getByRole('checkbox').all()) {
    await box.check();
    await expect(box).toBeChecked();
  }
  await automation.getByRole('button', { name: 'Confirm automation reviewed' }).click();
  await offboard.expectState('Identify and rotate automation using their key', 'Reviewed by admin');

  const teams = offboard.step('Remove from each team');
  await teams.getByRole('button', { name: 'Remove from teams…' }).click();
  await teams.getByRole('button', { name: 'Confirm removal from 3 teams' }).click();
  await offboard.expectState('Remove from each team', 'Done');

  const org = offboard.step('Remove from the organization');
  await org.getByRole('button', { name: 'Check it is safe now' }).click();
  await expect(org).toContainText('Checked against W&B just now', W);
  await org.getByRole('button', { name: 'Verify removal' }).click();
  await expect(org).toContainText('W&B still lists frank as a member of acme', W);
  await offboard.expectState('Remove from the organization', 'To do');

  // The guided part: W&B's own Members page, in another tab, as the link opens it.
  const href = await org.getByRole('link', { name: 'Members page' }).getAttribute('href');
  expect(href).toBe('https://wandb.ai/account-settings/acme/members');
  const native = await browser_.context.newPage();
  await native.goto(href as string);
  await native.getByRole('searchbox', { name: 'Search users' }).fill('frank');
  // The page filters as you type and redraws its table: open the menu once the filter has settled.
  await expect(native.getByText('1 user', { exact: true })).toBeVisible();
  await native.getByRole('button', { name: 'Actions for frank' }).click();
  native.once('dialog', (dialog) => dialog.accept());
  await native.getByRole('menuitem', { name: 'Remove member' }).click();
  await expect.poll(() => sim.state().members.some((m) => m.username === 'frank')).toBe(false);
  await native.close();

  await org.getByRole('button', { name: 'Verify removal' }).click();
  await offboard.expectState('Remove from the organization', 'Done');
  await offboard
    .step('Revoke their API keys')
    .getByRole('button', { name: 'I revoked them on W&B’s page' })
    .click();
  await offboard.expectState('Revoke their API keys', 'Reviewed by admin');
  await offboard.step('Reclaim the seat').getByRole('button', { name: 'Verify seat released' }).click();
  await offboard.expectState('Reclaim the seat', 'Done');
  await expect(wandb.bar.getByRole('status', { name: 'Open offboarding cases' })).toHaveText(
    '1 open offboarding case',
  );
  await offboard.step('Schedule a re-check').getByRole('button', { name: 'Schedule re-check' }).click();
  await offboard.expectState('Schedule a re-check', 'Done');
  // Every step is settled: the case closes itself and the bar no longer counts it.
  await expect(
    offboard.dialog.getByText('Status: closed, every step settled; this record is final.'),
  ).toBeVisible();
  await expect(offboard.dialog.getByRole('button', { name: 'Close case' })).toHaveCount(0);
  await expect(wandb.bar.getByRole('status', { name: 'Open offboarding cases' })).toHaveCount(0);
  const alarms = (await browser_.serviceWorker.evaluate(
    'chrome.alarms.getAll().then((all) => all.map((a) => ({ name: a.name, when: a.scheduledTime })))',
  )) as { name: string; when: number }[];
  const recheck = alarms.find((a) => a.name.startsWith('offboard-recheck:'));
  expect(recheck).toBeTruthy();
  expect((recheck?.when ?? 0) - Date.now()).toBeGreaterThan(29 * 86_400_000);

  // The re-check fires (brought forward here; an unpacked extension's alarm may fire at once):
  // W&B is read again and the action badge points to the case.
  await browser_.serviceWorker.evaluate(
    `chrome.alarms.create(${JSON.stringify(recheck?.name)}, { when: Date.now() + 200 })`,
  );
  await expect
    .poll(() => browser_.serviceWorker.evaluate('chrome.action.getBadgeText({})'), { timeout: 20_000 })
    .toBe('1');
  // The badge's popup (opened here as a page: a headless browser has no toolbar to click) names the
  // result and opens its case: the org's members page in a new tab, the checklist on frank's case.
  const popup = await browser_.context.newPage();
  await popup.goto(`chrome-extension://${browser_.extensionId}/popup.html`);
  const results = popup.getByRole('list', { name: 'Re-check results' });
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results).toContainText('frank is not back (acme on wandb.ai, checked ');
  const caseTab = browser_.context.waitForEvent('page');
  await results.getByRole('button', { name: 'Open frank’s case' }).click();
  const opened = new WandbPage(await caseTab);
  await expect(opened.page).toHaveURL('https://wandb.ai/account-settings/acme/members');
  const openedDialog = opened.ui.getByRole('dialog', { name: 'Offboard member' });
  await expect(
    openedDialog
      .getByRole('list', { name: 'Offboarding steps' })
      .getByRole('listitem', { name: 'Schedule a re-check', exact: true }),
  ).toContainText('frank is not back.', W);
  await opened.page.close();
  await popup.close();
  await wandb.page.bringToFront();
  await offboard.dialog.getByRole('button', { name: 'All cases' }).click();
  await offboard.dialog.getByRole('button', { name: 'View frank' }).click();
  const recheckStep = offboard.step('Schedule a re-check');
  await expect(recheckStep).toContainText('frank is not back.', W);
  await recheckStep.getByRole('button', { name: 'Mark re-check seen' }).click();
  await expect
    .poll(() => browser_.serviceWorker.evaluate('chrome.action.getBadgeText({})'), { timeout: 10_000 })
    .toBe('');

  // The record: who, what, when, by whom, before and after, each step's result.
  const download = wandb.page.waitForEvent('download');
  await offboard.dialog.getByRole('button', { name: 'Download record (JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^wandb-acme-offboarding-frank-\d{4}-\d{2}-\d{2}\.json$/);
  const record = JSON.parse(await readFile((await file.path()) as string, 'utf8'));
  expect(record).toMatchObject({
    org: 'acme',
    member: 'frank',
    openedBy: 'alice',
    status: 'closed',
    before: {
      username: 'frank',
      email: 'frank@acme.test',
      orgRole: 'member',
      teams: [
        { team: 'data', role: 'admin' },
        { team: 'ml-ops', role: 'member' },
        { team: 'nlp', role: 'member' },
      ],
    },
    after: 'removed',
  });
  expect(record.steps.map((s: { id: string; state: string }) => `${s.id}:${s.state}`)).toEqual([
    'snapshot:done',
    'reassign:skipped',
    'deactivate:skipped',
    'automation:reviewed',
    'remove-teams:done',
    'remove-org:done',
    'revoke-keys:reviewed',
    'reclaim-seat:done',
    'recheck:done',
  ]);

  // Re-invite through the bulk-invite engine; once accepted, the memberships are back.
  await offboard.dialog.getByRole('button', { name: 'Re-invite with the same teams' }).click();
  await offboard.dialog.getByRole('button', { name: /^Send \d+ invites?$/ }).click();
  await expect(offboard.dialog.getByRole('status').filter({ hasText: 'Re-invite sent' })).toBeVisible(W);
  await expect
    .poll(() => sim.state().invites.filter((i) => i.email === 'frank@acme.test').length, { timeout: 20_000 })
    .toBe(3);
  const sent = sim.state().invites.filter((i) => i.email === 'frank@acme.test');
  expect(sent.map((i) => [i.team, i.role]).sort()).toEqual([
    ['data', 'admin'],
    ['ml-ops', 'member'],
    ['nlp', 'member'],
  ]);
  for (const invite of [...sim.sim.state.invites.values()].filter((i) => i.email === 'frank@acme.test'))
    sim.sim.state.acceptInvite(invite.id);
  const back = sim.state().members.find((m) => m.email === 'frank@acme.test');
  expect(back).toBeTruthy();
  expect(teamsOf(sim, back?.username as string).sort((a, b) => a.team.localeCompare(b.team))).toEqual([
    { team: 'data', role: 'admin' },
    { team: 'ml-ops', role: 'member' },
    { team: 'nlp', role: 'member' },
  ]);
});

test('the last org admin is refused, with the reason', async ({ wandb, sim }) => {
  sim.sim.state.setOrgRole('bob', 'member');
  await wandb.signIn(sim.sim.admin);
  const offboard = new OffboardDialogPage(wandb);
  await offboard.open();
  await offboard.pick('alice', 'alice');
  await expect(offboard.dialog.getByRole('alert')).toContainText('alice is the last org admin', W);
  await expect(offboard.dialog.getByRole('button', { name: 'Start offboarding' })).toBeDisabled();
  expect(
    sim
      .graphqlRequests()
      .filter((r) => r.operationName === 'DeleteInvite' || r.operationName === 'CreateInvite'),
  ).toEqual([]);
});

test('Back from the impact and All cases from a case return to a picker that finds members', async ({
  wandb,
  sim,
}) => {
  sim.sim.state.setOrgRole('bob', 'member');
  await wandb.signIn(sim.sim.admin);
  const offboard = new OffboardDialogPage(wandb);
  await offboard.open();
  await offboard.pick('alice', 'alice');
  await offboard.dialog.getByRole('button', { name: 'Back' }).click();
  // The directory read when the dialog opened is still there: the search works at once.
  await offboard.pick('frank', 'frank');
  await offboard.start();
  await offboard.dialog.getByRole('button', { name: 'All cases' }).click();
  await expect(offboard.dialog.getByRole('button', { name: 'Resume frank' })).toBeVisible(W);
  await offboard.pick('carol', 'carol');
  await expect(offboard.dialog.getByRole('region', { name: 'Member' }).getByRole('heading')).toContainText(
    '(carol)',
  );
});

test('stale data: a co-admin demoted after the impact stops team removal before anything is removed', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const offboard = new OffboardDialogPage(wandb);
  await offboard.open();
  await offboard.pick('frank', 'frank');
  await offboard.start();
  await offboard.expectState('Remove from each team', 'To do');

  sim.sim.state.setTeamRole('alice', 'data', 'member'); // someone changes W&B meanwhile
  const teams = offboard.step('Remove from each team');
  await teams.getByRole('button', { name: 'Remove from teams…' }).click();
  await teams.getByRole('button', { name: 'Confirm removal from 3 teams' }).click();
  await expect(offboard.step('Reassign team admin')).toContainText('frank is now the only admin of data', W);
  await offboard.expectState('Reassign team admin', 'To do');
  await offboard.expectState('Remove from each team', 'Blocked');
  expect(sim.graphqlRequests().filter((r) => r.operationName === 'DeleteInvite')).toEqual([]);
  expect(teamsOf(sim, 'frank')).toHaveLength(3);
});

test('with the admin key: the team admin is handed over and the member removed from the org through SCIM, after typing the username', async ({
  wandb,
  sim,
  browser_,
}) => {
  // The key first, on the options page (org admin alice's key for wandb.ai).
  await testAdminKey(browser_, deriveApiKeySecret('org-1', 'alice', 'alice-admin-key'));

  await wandb.signIn(sim.sim.admin);
  const offboard = new OffboardDialogPage(wandb);
  await offboard.open();
  await offboard.pick('dimitrov', 'dave');
  await offboard.start();

  const reassign = offboard.step('Reassign team admin');
  await reassign.getByRole('combobox', { name: 'New admin of robotics' }).selectOption('zoe');
  await reassign.getByRole('button', { name: 'Make team admin' }).click();
  await offboard.expectState('Reassign team admin', 'Done');
  expect(teamsOf(sim, 'zoe')).toContainEqual({ team: 'robotics', role: 'admin' });

  const teams = offboard.step('Remove from each team');
  await teams.getByRole('button', { name: 'Remove from teams…' }).click();
  await teams.getByRole('button', { name: 'Confirm removal from 2 teams' }).click();
  await offboard.expectState('Remove from each team', 'Done');

  const org = offboard.step('Remove from the organization');
  const remove = org.getByRole('button', { name: 'Remove from organization' });
  await expect(remove).toBeDisabled();
  await org.getByRole('textbox', { name: 'Type dave to confirm' }).fill('dave');
  await remove.click();
  await offboard.expectState('Remove from the organization', 'Done');
  expect(sim.state().members.some((m) => m.username === 'dave')).toBe(false);
  const scim = sim.requests().filter((r) => r.kind === 'scim' && r.method !== 'GET');
  expect(scim.map((r) => [r.method, r.status, r.auth?.owner])).toEqual([
    ['PATCH', 200, 'alice'],
    ['DELETE', 204, 'alice'],
  ]);
});

test.describe('a generated organization of 3,000 members', () => {
  test.use({ simOptions: { generate: { members: 3000, teams: 12, seed: 7 } } });

  test('the picker finds every namesake whatever the accents and case, tells them apart, and reaches the last one', async ({
    wandb,
    sim,
  }) => {
    const fold = (text: string) =>
      text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    const zoes = sim
      .state()
      .members.filter((m) => fold(`${m.name} ${m.username} ${m.email}`).includes('zoe'))
      .map((m) => m.username);
    expect(zoes.length).toBeGreaterThan(20);
    await wandb.signIn(sim.sim.admin);
    const offboard = new OffboardDialogPage(wandb);
    await offboard.open();
    await expect(offboard.dialog.getByText(/members\. Type to search/)).toBeVisible(W);
    const search = offboard.dialog.getByRole('searchbox', { name: 'Search members' });
    await search.fill('ZOE');
    await expect(offboard.dialog.getByText(`${zoes.length} matching.`, { exact: false })).toBeVisible();
    const results = offboard.dialog.getByRole('list', { name: 'Matching members' });
    // Virtualised: only the rows in view are in the page, yet the list says how many there are.
    await expect(results.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(zoes.length));
    expect(await results.getByRole('listitem').count()).toBeLessThan(zoes.length);
    // Namesakes are told apart by their email, org role, teams and last activity.
    await expect(results.getByRole('button').first()).toContainText(/@acme\.test .*org \w+ · .* · last a/);
    await search.press('ArrowDown');
    await offboard.wandb.ui.locator(':focus').press('End');
    const focused = offboard.wandb.ui.locator('li:has(> button:focus)');
    await expect(focused).toHaveAttribute('aria-posinset', String(zoes.length));
    const last = /\((\w+)\)/.exec((await focused.textContent()) ?? '')?.[1];
    expect(zoes).toContain(last);
    await offboard.wandb.ui.locator(':focus').press('Enter');
    await expect(offboard.dialog.getByRole('region', { name: 'Member' }).getByRole('heading')).toContainText(
      `(${last})`,
      W,
    );
  });
});

test('a stored case can be deleted after a confirmation naming what goes; W&B is not changed', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const offboard = new OffboardDialogPage(wandb);
  await offboard.open();
  await offboard.pick('frank', 'frank');
  await offboard.start();
  await offboard.dialog.getByRole('button', { name: 'All cases' }).click();
  const cases = offboard.dialog.getByRole('region', { name: 'Offboarding cases' });
  await expect(cases.getByRole('heading')).toHaveText('Cases (1 open)', W);
  const stateBefore = sim.state();
  sim.clearRequests();

  // Asked first; "Keep case" keeps it.
  await cases.getByRole('button', { name: 'Delete case of frank' }).click();
  const confirm = cases.getByRole('group', { name: 'Delete the case of frank?' });
  await expect(confirm).toContainText(
    'Its steps and record are removed from this device; nothing changes on W&B. The case is still open: the steps not done will no longer be tracked.',
  );
  await expect(confirm.getByRole('button', { name: 'Keep case' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep case' }).click();
  await expect(cases.getByRole('button', { name: 'Delete case of frank' })).toBeFocused();
  await expect(cases.getByRole('button', { name: 'Resume frank' })).toBeVisible();

  await cases.getByRole('button', { name: 'Delete case of frank' }).click();
  await confirm.getByRole('button', { name: 'Delete case' }).click();
  await expect(cases).toHaveCount(0);
  await expect(offboard.dialog.getByRole('searchbox', { name: 'Search members' })).toBeFocused();
  await expect(wandb.bar.getByRole('status', { name: 'Open offboarding cases' })).toHaveCount(0);
  // Gone after a reload too, and nothing was written to W&B.
  await offboard.dialog.getByRole('button', { name: 'Close' }).click();
  await wandb.page.reload();
  await offboard.open();
  await expect(offboard.dialog.getByText(/members\. Type to search/)).toBeVisible(W);
  await expect(offboard.dialog.getByRole('region', { name: 'Offboarding cases' })).toHaveCount(0);
  expect(
    sim
      .graphqlRequests()
      .filter(
        (request) => request.operationName !== null && /^(Create|Delete|Update)/.test(request.operationName),
      ),
  ).toEqual([]);
  expect(sim.state()).toEqual(stateBefore);
});
