/**
 * Resume right after "signed out": the job pauses on the first 401 while another send is still in
 * flight, the admin signs in again and presses Resume at once. That Resume must not be lost (it was
 * dropped while the paused run was still settling its in-flight send), and nothing is sent twice.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import type { InviteJob } from '@/lib/invite/job';
import { createWandbClient } from '@/lib/wandb/client';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { simFetch, simLogin } from '@/tests/simulator/test-client';
import { newRow } from '../invite/job/fakeServer';

let sim: Simulator;
let cookie: string;
beforeAll(async () => {
  sim = await startSimulator({});
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  cookie = await simLogin(sim, 'alice');
});

const origin = 'https://wandb.ai';

async function until(jobs: ReturnType<typeof createInviteJobs>, id: string, ok: (job: InviteJob) => boolean) {
  for (let i = 0; i < 200; i++) {
    const job = await jobs.status(id, origin);
    if (ok(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return jobs.status(id, origin);
}

it('a Resume pressed while the signed-out run still settles a send is carried out once that run stops', async () => {
  const client = createWandbClient({
    appOrigin: origin,
    fetch: (url, init) =>
      simFetch(sim, url, {
        method: init.method ?? 'GET',
        headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
        ...(typeof init.body === 'string' ? { body: init.body } : {}),
      }),
  });
  const jobs = createInviteJobs({ clientFor: async () => client, keepAwake: () => {} });
  const rows = ['r1@acme.test', 'r2@acme.test', 'r3@acme.test'].map((email, i) =>
    newRow(i, email, ['vision']),
  );
  // The first invite is made at W&B but its answer is held; the session ends on the next request.
  const gate = sim.hold({ operation: 'CreateInvite', count: 1, phase: 'answer' });
  sim.setConfig({ expireSessionAfter: 1 });
  const id = await jobs.start(origin, 'acme', 'org:acme', 'alice', rows, 2);
  await gate.waitForHeld(1);
  const paused = await until(jobs, id, (job) => job.status === 'paused-signed-out');
  expect(paused.status).toBe('paused-signed-out');

  // Signed in again, Resume at once: the first send is still in flight.
  sim.setConfig({ expireSessionAfter: null });
  cookie = await simLogin(sim, 'alice');
  const resumed = jobs.control(id, origin, 'resume');
  gate.open();
  await resumed;
  const done = await until(jobs, id, (job) => job.status === 'done');
  expect(done.status).toBe('done');
  expect(done.units.map((unit) => unit.state)).toEqual(['invited', 'invited', 'invited']);
  // Each address invited once: three answered creations, one pending invite each at W&B.
  expect(sim.requests().filter((r) => r.operationName === 'CreateInvite' && r.status === 200)).toHaveLength(
    3,
  );
  const pending = sim.state
    .invitesFor('vision')
    .map((invite) => invite.email)
    .filter((email) => email.startsWith('r') && email.endsWith('@acme.test'))
    .sort();
  expect(pending).toEqual(['r1@acme.test', 'r2@acme.test', 'r3@acme.test']);
});
