/**
 * Seat hygiene's bulk clean-up (issue #14): stale invites cancelled through the job engine, with a
 * dry run and a results file, exactly one `deleteInvite` per invite; and several members offboarded
 * at once after their combined impact.
 */
import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';
import { expect, test, type WandbPage } from './fixtures';

async function openSeatHygiene(wandb: WandbPage) {
  await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
  const dialog = await wandb.openFromMore('Seat hygiene');
  await expect(dialog.getByRole('heading', { name: /^No activity for 90 days: \d+$/ })).toBeVisible({
    timeout: 30_000,
  });
  return dialog;
}

async function csvLines(download: Promise<Download>): Promise<string[]> {
  return (await readFile((await (await download).path())!, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
}

const DAY_MS = 24 * 60 * 60 * 1000;

test('stale invites cancelled in bulk: a dry run, one confirmation, exactly one deleteInvite per invite, and a results file', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openSeatHygiene(wandb);
  // Stale = pending for 42 days or more; the expectation comes from W&B's state.
  await dialog.getByLabel('No activity for (days)').fill('42');
  const before = sim.state().invites;
  const isStale = (i: (typeof before)[number]) => Date.parse(i.createdAt) <= Date.now() - 42 * DAY_MS;
  const stale = before.filter(isStale);
  const fresh = before.filter((i) => !isStale(i));
  expect(stale.length).toBeGreaterThan(0);
  expect(fresh.length).toBeGreaterThan(0);
  await expect(dialog.getByRole('heading', { name: /^Invites pending over 42 days/ })).toHaveText(
    `Invites pending over 42 days: ${stale.length}`,
  );

  await dialog.getByRole('button', { name: 'Cancel stale invites…' }).click();
  const plan = dialog.getByRole('region', { name: 'Cancel stale invites: dry run' });
  await expect(plan.getByRole('table', { name: 'Cancellation dry run' }).getByRole('row')).toHaveCount(
    stale.length + 1,
  );
  const dryRun = await csvLines(
    Promise.all([
      wandb.page.waitForEvent('download'),
      plan.getByRole('button', { name: 'Download cancellation dry run (CSV)' }).click(),
    ]).then(([d]) => d),
  );
  expect(dryRun[0]).toBe('email,team,invited_at,days_pending,invite_id,status,reason');
  expect(
    dryRun
      .slice(1)
      .map((line) => line.split(',')[0])
      .sort(),
  ).toEqual(stale.map((i) => i.email).sort());
  const ids = dryRun.slice(1).map((line) => line.split(',')[4]);
  expect(new Set(ids).size).toBe(stale.length);
  expect(sim.graphqlRequests().filter((r) => r.operationName === 'DeleteInvite')).toEqual([]);

  const count = `${stale.length} ${stale.length === 1 ? 'invite' : 'invites'}`;
  await plan.getByRole('button', { name: `Cancel ${count}` }).click();
  await plan.getByRole('button', { name: `Confirm: cancel ${count}` }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Cancelled' })).toHaveText(
    `Cancelled ${stale.length} · Skipped 0 · Failed 0 · Left 0`,
    { timeout: 20_000 },
  );
  await expect(dialog.getByRole('progressbar', { name: 'Cancellation progress' })).toBeVisible();

  // What W&B received and shows: one deleteInvite per stale invite, the others untouched.
  const deletes = sim.graphqlRequests().filter((r) => r.operationName === 'DeleteInvite');
  expect(deletes.map((r) => (r.variables as { id: string }).id).sort()).toEqual(ids.sort());
  expect(deletes.every((r) => r.status === 200)).toBe(true);
  expect(sim.state().invites).toEqual(fresh);
  // The lists are read again: the cancelled invites are gone from them.
  await expect(dialog.getByRole('heading', { name: /^Invites pending over 42 days/ })).toHaveText(
    'Invites pending over 42 days: 0',
    { timeout: 20_000 },
  );

  const results = await csvLines(
    Promise.all([
      wandb.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download cancellation results (CSV)' }).click(),
    ]).then(([d]) => d),
  );
  expect(results[0]).toBe('email,team,invite_id,status,reason,at');
  expect(results.slice(1).map((line) => line.split(',')[3])).toEqual(stale.map(() => 'cancelled'));
});

test('several members offboarded at once: their combined impact first, then one case each, each checklist one click away', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  const dialog = await openSeatHygiene(wandb);
  await dialog.getByLabel('No activity for (days)').fill('0');
  await dialog.getByRole('button', { name: 'Offboard several…' }).click();
  const panel = dialog.getByRole('region', { name: 'Offboard several' });
  const pick = async (username: string) => {
    await panel.getByLabel('Filter by name or username').fill(username);
    await panel.getByRole('checkbox', { name: `Select ${username}`, exact: true }).check();
  };
  // Both org admins: the organization would have none.
  await pick('alice');
  await pick('bob');
  await expect(panel.getByRole('alert')).toContainText("These are all of the organization's admins");
  await expect(panel.getByRole('button', { name: 'Start offboarding 2 members' })).toBeDisabled();
  await panel.getByRole('button', { name: 'Clear' }).click();

  const chosen = ['dave', 'frank'];
  for (const username of chosen) await pick(username);
  // The expectation from W&B's state: teams whose every active admin is chosen, and their seats.
  const state = sim.state();
  const active = new Set(
    state.members.filter((m) => (m.status ?? 'active') === 'active').map((m) => m.username),
  );
  const orphaned = state.teams
    .map((t) => ({
      team: t.name,
      admins: t.members.filter((m) => m.role === 'admin' && active.has(m.username)),
    }))
    .filter((t) => t.admins.length > 0 && t.admins.every((m) => chosen.includes(m.username)))
    .map((t) => `${t.team} (admin: ${t.admins.map((m) => m.username).join(', ')})`);
  expect(orphaned.length).toBeGreaterThan(0);
  const impact = panel.getByRole('region', { name: 'Combined impact' });
  await expect(
    impact.getByRole('list', { name: 'Teams left without an admin' }).getByRole('listitem'),
  ).toHaveText(orphaned);
  const full = state.members.filter((m) => chosen.includes(m.username) && m.modelsSeat === 'full').length;
  await expect(impact).toContainText(`Seats freed once they are removed: ${full} Full Models`);

  sim.clearRequests();
  await panel.getByRole('button', { name: 'Start offboarding 2 members' }).click();
  await panel.getByRole('button', { name: 'Confirm: open 2 cases' }).click();
  const opened = panel.getByRole('region', { name: 'Cases opened' });
  await expect(opened).toContainText('2 cases open', { timeout: 20_000 });
  // Opening cases changed nothing on W&B.
  expect(
    sim
      .requests()
      .filter(
        (r) => r.kind === 'graphql' && r.operationName !== null && /^(Create|Delete)/.test(r.operationName),
      ),
  ).toEqual([]);

  await opened.getByRole('button', { name: "Open frank's checklist" }).click();
  const offboard = wandb.ui.getByRole('dialog', { name: 'Offboard member' });
  await expect(offboard.getByRole('list', { name: 'Offboarding steps' })).toBeVisible({ timeout: 20_000 });
  await expect(offboard).toContainText('(frank)');
  await expect(dialog).toBeHidden();
});

test.describe('a generated org with activity spread over a year', () => {
  test.use({ simOptions: { generate: { members: 400, teams: 12, seed: 4 } } });

  test('the inactive list matches the simulator’s state at 30, 90 and 365 days', async ({ wandb, sim }) => {
    await wandb.signIn(sim.sim.admin);
    const dialog = await openSeatHygiene(wandb);
    const state = sim.state();
    // Last activity as W&B shows it: the latest of the last login and the person's run heartbeats.
    const latest = new Map<string, number>();
    for (const m of state.members) if (m.lastLoginAt) latest.set(m.username, Date.parse(m.lastLoginAt));
    for (const project of state.projects)
      for (const run of project.runs)
        if (run.heartbeatAt && run.user)
          latest.set(run.user, Math.max(latest.get(run.user) ?? 0, Date.parse(run.heartbeatAt)));
    const people = state.members.filter(
      (m) => m.accountType === 'user' && (m.status ?? 'active') === 'active',
    );
    const spread = people.map((m) => latest.get(m.username)).filter((t): t is number => t !== undefined);
    expect(Math.max(...spread) - Math.min(...spread)).toBeGreaterThan(300 * DAY_MS);
    for (const days of [30, 90, 365]) {
      await dialog.getByLabel('No activity for (days)').fill(String(days));
      const cutoff = Date.now() - days * DAY_MS;
      const inactive = people.filter((m) => (latest.get(m.username) ?? 0) <= cutoff);
      await expect(dialog.getByRole('heading', { name: /^No activity for \d+ days/ })).toHaveText(
        `No activity for ${days} days: ${inactive.length}`,
      );
    }
  });
});
