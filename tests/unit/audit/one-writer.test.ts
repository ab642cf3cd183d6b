/**
 * One audit writer: two bulk-invite jobs, an offboarding case's steps and an admin-key change all
 * write at the same time, and the log keeps every entry (against the in-process simulator).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditLogItem } from '@/lib/audit/storage';
import { createAdminKeyService } from '@/lib/background/admin-key';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { createOffboarding } from '@/lib/background/offboarding';
import { createSessionActions } from '@/lib/offboarding/actions';
import { createWandbClient } from '@/lib/wandb/client';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch, simLogin } from '@/tests/simulator/test-client';
import { newRow } from '../invite/job/fakeServer';

let sim: Simulator;
let cookie: string;

beforeAll(async () => {
  sim = await startSimulator({});
  cookie = await simLogin(sim, 'alice');
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  // A real browser's storage answers over IPC, a few ms later: writers that read, then write, interleave.
  const local = fakeBrowser.storage.local;
  const get = local.get.bind(local);
  const set = local.set.bind(local);
  const later = () => new Promise((resolve) => setTimeout(resolve, 2 + Math.floor(Math.random() * 20)));
  vi.spyOn(local, 'get').mockImplementation(async (keys?: Parameters<typeof get>[0]) => {
    await later();
    return get(keys);
  });
  vi.spyOn(local, 'set').mockImplementation(async (items: Parameters<typeof set>[0]) => {
    await later();
    return set(items);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const origin = 'https://wandb.ai';
const withSession = (url: string, init: RequestInit) =>
  simFetch(sim, url, {
    method: init.method ?? 'GET',
    headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
  });
const withHeadersOnly = (url: string, init: RequestInit) =>
  simFetch(sim, url, {
    method: init.method ?? 'GET',
    headers: { ...(init.headers as Record<string, string>) },
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
  });

describe('the audit log under concurrent writers', () => {
  it('keeps every entry of two invite jobs, offboarding steps and a key change made at once', async () => {
    const client = createWandbClient({ appOrigin: origin, fetch: withSession });
    const jobs = createInviteJobs({ clientFor: async () => client, keepAwake: () => {} });
    const offboarding = createOffboarding({
      clientFor: async () => client,
      actionsFor: async () => createSessionActions(client),
      startInviteJob: async () => 'unused',
      alarms: { create: async () => {}, get: async () => undefined },
      setBadge: async () => {},
      now: () => Date.now(),
    });
    const keys = createAdminKeyService({
      fetch: withHeadersOnly,
      retry: { sleep: async () => {}, random: () => 0 },
    });
    const aliceKey = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
    await keys.testKey({ appOrigin: origin, key: aliceKey, kind: 'user', remember: false });
    const frank = await offboarding.start(origin, 'acme', 'alice', 'frank');
    const before = (await auditLogItem.getValue()).entries.length;

    const rowsA = ['a1', 'a2', 'a3', 'a4', 'a5'].map((n, i) => newRow(i, `${n}@acme.test`, ['vision']));
    const rowsB = ['b1', 'b2', 'b3', 'b4', 'b5'].map((n, i) => newRow(i, `${n}@acme.test`, ['data']));
    const [jobA, jobB] = await Promise.all([
      jobs.start(origin, 'acme', 'org:acme', 'alice', rowsA, 4),
      jobs.start(origin, 'acme', 'org:acme', 'alice', rowsB, 4),
      offboarding.act(frank.id, { appOrigin: origin, org: 'acme' }, { step: 'remove-teams', action: 'run' }),
      keys.setOrgRole({ appOrigin: origin, org: 'acme' }, { user: 'carol', role: 'admin' }),
    ]);
    for (let i = 0; i < 200; i++) {
      const [a, b] = await Promise.all([jobs.status(jobA!, origin), jobs.status(jobB!, origin)]);
      if (a.status === 'done' && b.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A job's last audit write follows its final save: wait for it (bounded), then look.
    let log = (await auditLogItem.getValue()).entries;
    for (let i = 0; i < 40 && log.filter((e) => e.action === 'invite').length < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = (await auditLogItem.getValue()).entries;
    }
    const targets = log.map((e) => `${e.action} ${e.target}`);
    for (const email of ['a1', 'a2', 'a3', 'a4', 'a5'])
      expect(targets).toContain(`invite ${email}@acme.test → vision`);
    for (const email of ['b1', 'b2', 'b3', 'b4', 'b5'])
      expect(targets).toContain(`invite ${email}@acme.test → data`);
    expect(targets).toContain('change-role carol → org role admin');
    expect(targets.filter((t) => t.startsWith('remove-from-team frank → ')).length).toBeGreaterThan(0);
    expect(targets.filter((t) => t.startsWith('offboarding-step frank: Remove from each team'))).toHaveLength(
      1,
    );
    expect(log.length).toBeGreaterThanOrEqual(before + 10 + 1 + 2);
  });
});
