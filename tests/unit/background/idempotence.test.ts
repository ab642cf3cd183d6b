/**
 * Nothing starts twice: an identical bulk-invite job for the same org and rows is refused, and two
 * offboarding starts for one member at once open one case (against the in-process simulator).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { createOffboarding } from '@/lib/background/offboarding';
import { createSessionActions } from '@/lib/offboarding/actions';
import { inviteJobsItem, offboardingCasesItem } from '@/lib/storage';
import { createWandbClient } from '@/lib/wandb/client';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { simFetch, simLogin } from '@/tests/simulator/test-client';
import { newRow } from '../invite/job/fakeServer';

let sim: Simulator;
let cookie: string;
beforeAll(async () => {
  sim = await startSimulator({ latencyMs: 30 });
  cookie = await simLogin(sim, 'alice');
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  sim.clearRequests();
});

const origin = 'https://wandb.ai';
const client = () =>
  createWandbClient({
    appOrigin: origin,
    fetch: (url, init) =>
      simFetch(sim, url, {
        method: init.method ?? 'GET',
        headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
        ...(typeof init.body === 'string' ? { body: init.body } : {}),
      }),
  });

describe('bulk-invite start', () => {
  it('refuses an identical second job for the same org and rows, even sent at the same moment', async () => {
    const c = client();
    const jobs = createInviteJobs({ clientFor: async () => c, keepAwake: () => {} });
    const rows = [newRow(0, 'twice@acme.test', ['vision'])];
    const results = await Promise.allSettled([
      jobs.start(origin, 'acme', 'org:acme', 'alice', rows, 1),
      jobs.start(origin, 'acme', 'org:acme', 'alice', rows, 1),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/same invites.*already/);
    expect(Object.keys(await inviteJobsItem.getValue())).toHaveLength(1);
    for (let i = 0; i < 100; i++) {
      const job = Object.values(await inviteJobsItem.getValue())[0]!.job;
      if (job.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const sent = sim.requests().filter((r) => r.operationName === 'CreateInvite');
    expect(sent).toHaveLength(1);
  });

  it('still starts a job for other rows, or for the same rows in another org', async () => {
    const c = client();
    const jobs = createInviteJobs({ clientFor: async () => c, keepAwake: () => {} });
    await jobs.start(origin, 'acme', 'org:acme', 'alice', [newRow(0, 'one@acme.test', ['vision'])], 1);
    await jobs.start(origin, 'acme', 'org:acme', 'alice', [newRow(0, 'two@acme.test', ['vision'])], 1);
    await jobs.start(origin, 'globex', 'org:globex', 'alice', [newRow(0, 'one@acme.test', ['vision'])], 1);
    expect(Object.keys(await inviteJobsItem.getValue())).toHaveLength(3);
  });
});

describe('offboarding start', () => {
  it('two starts for one member at once open one case', async () => {
    const c = client();
    const offboarding = createOffboarding({
      clientFor: async () => c,
      actionsFor: async () => createSessionActions(c),
      startInviteJob: async () => 'unused',
      alarms: { create: async () => {}, get: async () => undefined },
      setBadge: async () => {},
      now: () => Date.now(),
    });
    const [a, b] = await Promise.all([
      offboarding.start(origin, 'acme', 'alice', 'frank'),
      offboarding.start(origin, 'acme', 'alice', 'frank'),
    ]);
    expect(a.id).toBe(b.id);
    expect(Object.keys(await offboardingCasesItem.getValue())).toHaveLength(1);
  });
});
