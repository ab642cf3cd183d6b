/**
 * Bulk invite under one fault: 12 rows (one of them for two teams, so 13 invites) at 4 in flight,
 * through `createInviteJobs` (lib/background/invite-jobs.ts) and the real W&B client.
 */
import { expect } from 'vitest';
import { readAuditLog } from '@/lib/audit/writer';
import { createInviteJobs, type InviteJobs } from '@/lib/background/invite-jobs';
import type { InviteJob } from '@/lib/invite/job';
import { createWandbClient } from '@/lib/wandb/client';
import { newRow } from '../unit/invite/job/fakeServer';
import { ADMIN, APP_ORIGIN, countBy, type Env, type FaultId, type Figures, ORG, waitFor } from './harness';

const TEAMS = ['vision', 'nlp', 'data'];
export const INVITE_ROWS = Array.from({ length: 12 }, (_, i) =>
  newRow(i, `fault-${i}@example.test`, i === 0 ? ['vision', 'nlp'] : [TEAMS[i % TEAMS.length]!]),
);
const EXPECTED = INVITE_ROWS.flatMap((row) => row.sends.map((send) => `${row.email}|${send.team}`));

function jobsOn(env: Env) {
  const worker = env.worker();
  const client = createWandbClient({ appOrigin: APP_ORIGIN, fetch: worker.sessionFetch });
  return { worker, jobs: createInviteJobs({ clientFor: async () => client, keepAwake: () => {} }) };
}

const finished = (jobs: InviteJobs, id: string, statuses: InviteJob['status'][]) =>
  waitFor(`job ${statuses.join('/')}`, async () => {
    const job = await jobs.status(id, APP_ORIGIN);
    return statuses.includes(job.status) ? job : undefined;
  });

export async function inviteCell(env: Env, fault: FaultId): Promise<Figures> {
  const startedAt = performance.now();
  let adminActions = 0;
  let note = '';
  let { worker, jobs } = jobsOn(env);
  const start = () => jobs.start(APP_ORIGIN, ORG, `org:${ORG}`, ADMIN, INVITE_ROWS, 4);

  let job: InviteJob;
  if (fault === 'session-expiry') {
    env.sim.setConfig({ expireSessionAfter: 6 });
    const id = await start();
    const paused = await finished(jobs, id, ['paused-signed-out', 'done']);
    expect(paused.status, 'the job pauses when the session ends').toBe('paused-signed-out');
    note = `paused "${paused.message}" after ${paused.units.filter((u) => u.state === 'invited').length} invites; resumed after sign-in`;
    await env.signInAgain();
    await jobs.control(id, APP_ORIGIN, 'resume');
    adminActions += 2;
    job = await finished(jobs, id, ['done']);
  } else if (fault === 'worker-stopped') {
    const gate = env.sim.hold({ operation: 'CreateInvite', count: 4, phase: 'answer' });
    const id = await start();
    await gate.waitForHeld(4);
    worker.stop();
    ({ worker, jobs } = jobsOn(env));
    gate.open();
    await jobs.resumeRunningJobs();
    job = await finished(jobs, id, ['done']);
    note =
      '4 invites made at W&B, their answers lost with the worker; the new worker settled them by re-reading';
  } else if (fault === 'tab-closed') {
    const gate = env.sim.hold({ operation: 'CreateInvite', count: 2, phase: 'arrival' });
    // The tab asked for the job, then went away: nothing more asks about it until a new tab does.
    const id = await start();
    await gate.waitForHeld(2);
    gate.open();
    job = await waitFor('the job, seen from a new tab', async () => {
      const latest = await jobs.latest(APP_ORIGIN, ORG);
      return latest?.id === id && latest.status === 'done' ? latest : undefined;
    });
    note = 'the job went on without the tab; a new tab found it done (`latest`)';
  } else {
    env.applyFault(fault);
    const id = await start();
    job = await finished(jobs, id, ['done', 'paused', 'paused-signed-out', 'cancelled']);
  }

  // Every row in exactly one final state: one unit per (row, team), all invited.
  expect(job.status).toBe('done');
  const units = countBy(job.units, (u) => `${u.email}|${u.team}`);
  expect([...units.keys()].sort()).toEqual([...EXPECTED].sort());
  expect([...units.values()].every((n) => n === 1)).toBe(true);
  expect(
    job.units.filter((u) => u.state !== 'invited').map((u) => `${u.email}|${u.team}: ${u.state}`),
  ).toEqual([]);

  // Nothing lost, nothing twice at W&B: one pending invite per (email, team), made by one write.
  const invites = [...env.sim.state.invites.values()].filter((i) => i.email.startsWith('fault-'));
  expect(countBy(invites, (i) => `${i.email}|${i.team}`)).toEqual(new Map(EXPECTED.map((k) => [k, 1])));
  const sent = env.apiLog().filter((e) => e.operationName === 'CreateInvite' && e.fault === null);
  const vars = (e: (typeof sent)[number]) => e.variables as { email: string; entity: string };
  expect(sent.filter((e) => e.result !== 'ok').map((e) => `${vars(e).email}: ${e.error}`)).toEqual([]);
  expect(countBy(sent, (e) => `${vars(e).email}|${vars(e).entity}`)).toEqual(
    new Map(EXPECTED.map((k) => [k, 1])),
  );

  // The audit log: one entry per invite, naming W&B's invite id. The last one follows the final save.
  const byId = new Map(invites.map((i) => [`${i.email}|${i.team}`, i.id]));
  const audit = await waitFor('the audit entries', async () => {
    const log = (await readAuditLog()).filter((e) => e.action === 'invite' && e.id.startsWith(`${job.id}:`));
    return log.length >= EXPECTED.length ? log : undefined;
  });
  expect(audit.map((e) => `${e.target} ${e.result} ${e.detail}`).sort()).toEqual(
    job.units.map((u) => `${u.email} → ${u.team} ok invite ${byId.get(`${u.email}|${u.team}`)}`).sort(),
  );

  return env.figures(startedAt, adminActions, note);
}
