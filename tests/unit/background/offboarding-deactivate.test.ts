/**
 * The deactivation step on a self-managed host (the simulator's `wandb.acme.test`), through the real
 * admin-key service and SCIM client, and with the session alone: what W&B received (one SCIM PATCH
 * at most) and what it shows afterwards, the guards, and the audit entry.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditLogItem } from '@/lib/audit/storage';
import { createAdminKeyService } from '@/lib/background/admin-key';
import { createOffboarding } from '@/lib/background/offboarding';
import { withAdminKeyActions } from '@/lib/background/offboarding-actions';
import { createSessionActions } from '@/lib/offboarding/actions';
import { stepOf } from '@/lib/offboarding/steps';
import { clearVaultKey } from '@/lib/settings/key-vault';
import { createWandbClient } from '@/lib/wandb/client';
import type { FetchLike } from '@/lib/wandb/graphql';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch } from '@/tests/simulator/test-client';

const HOST = 'wandb.acme.test';
const origin = `https://${HOST}`;
const acme = { appOrigin: origin, org: 'acme' };
const ALICE_KEY = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');

let sim: Simulator;
let cookie: string;

// A fresh simulator per test: each test changes W&B's state.
beforeEach(async () => {
  fakeBrowser.reset();
  await clearVaultKey();
  sim = await startSimulator({ extraHosts: [HOST] });
  cookie = `wandb=${sim.createSession('alice')}`;
});
afterEach(async () => {
  await sim.close();
});
vi.setConfig({ testTimeout: 60_000 });

const viaSim: FetchLike = (url, init) =>
  simFetch(sim, url, {
    method: init.method ?? 'GET',
    headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
  });

async function setup({ key }: { key: boolean }) {
  const keys = createAdminKeyService({ fetch: viaSim, retry: { sleep: async () => {}, random: () => 0 } });
  if (key) {
    const tested = await keys.testKey({ appOrigin: origin, key: ALICE_KEY, kind: 'user', remember: false });
    expect(tested.ok).toBe(true);
  }
  const client = createWandbClient({ appOrigin: origin, fetch: viaSim });
  const offboarding = createOffboarding({
    clientFor: async () => client,
    actionsFor: async (appOrigin, org) =>
      withAdminKeyActions(
        createSessionActions(client),
        keys,
        { appOrigin, org },
        await keys.capabilitiesFor(appOrigin),
      ),
    startInviteJob: async () => 'unused',
    alarms: { create: async () => {}, get: async () => undefined },
    setBadge: async () => {},
    now: () => Date.parse('2026-12-04T10:00:00Z'),
  });
  sim.clearRequests();
  return offboarding;
}

const scimPatches = () => sim.requests().filter((r) => r.kind === 'scim' && r.method === 'PATCH');
const statusOf = (username: string) =>
  sim.state.toSeed().members.find((m) => m.username === username)?.status;

describe('deactivation with the admin key on a self-managed host', () => {
  it('guard "cut access first": one SCIM PATCH active:false, read back from SCIM, audited; a second run is refused', async () => {
    const offboarding = await setup({ key: true });
    let c = await offboarding.start(origin, 'acme', 'alice', 'frank');
    expect(stepOf(c, 'deactivate')).toEqual({ id: 'deactivate', mode: 'automated', state: 'todo' });
    c = await offboarding.act(c.id, acme, { step: 'deactivate', action: 'run' });
    expect(stepOf(c, 'deactivate')).toMatchObject({
      state: 'done',
      note: 'W&B (SCIM) shows frank deactivated.',
    });
    expect(statusOf('frank')).toBe('deactivated');
    expect(scimPatches().map((r) => [r.host, r.body])).toEqual([
      [
        HOST,
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        },
      ],
    ]);
    const audit = (await auditLogItem.getValue()).entries;
    expect(audit.filter((e) => e.action === 'deactivate')).toEqual([
      expect.objectContaining({
        actor: 'alice',
        org: 'acme',
        target: 'frank → acme',
        result: 'ok',
        detail: 'W&B (SCIM) accepted deactivating frank.',
      }),
    ]);
    await expect(offboarding.act(c.id, acme, { step: 'deactivate', action: 'run' })).rejects.toThrow(
      'Deactivate their account is already done.',
    );
    expect(scimPatches()).toHaveLength(1);
    // The team removal still runs for a deactivated member, and org removal is no longer blocked by this step.
    c = await offboarding.act(c.id, acme, { step: 'remove-teams', action: 'run' });
    expect(stepOf(c, 'remove-teams').state).toBe('done');
    expect(stepOf(c, 'remove-org').state).toBe('todo');
  });

  it('guard "never sent twice": a user SCIM already shows inactive gets no PATCH, and the step settles from the read', async () => {
    const offboarding = await setup({ key: true });
    const c = await offboarding.start(origin, 'acme', 'alice', 'frank');
    sim.state.setActive('frank', false); // done on W&B's dashboard meanwhile
    sim.clearRequests();
    const done = await offboarding.act(c.id, acme, { step: 'deactivate', action: 'run' });
    expect(stepOf(done, 'deactivate').state).toBe('done');
    expect(scimPatches()).toEqual([]);
  });

  it('guard "no team left without an admin": the only admin of a team is not deactivated before a new admin is in place', async () => {
    const offboarding = await setup({ key: true });
    const c = await offboarding.start(origin, 'acme', 'alice', 'dave');
    expect(stepOf(c, 'deactivate')).toMatchObject({ state: 'blocked' });
    await expect(offboarding.act(c.id, acme, { step: 'deactivate', action: 'run' })).rejects.toThrow(
      'Waits until every team they are the only admin of has another admin.',
    );
    // Fresh data: erin became the only admin of nlp after her case opened — the run refuses and reopens reassign.
    const erin = await offboarding.start(origin, 'acme', 'alice', 'erin');
    expect(stepOf(erin, 'deactivate').state).toBe('todo');
    sim.state.setTeamRole('alice', 'nlp', 'member');
    sim.clearRequests();
    const refused = await offboarding.act(erin.id, acme, { step: 'deactivate', action: 'run' });
    expect(stepOf(refused, 'reassign')).toMatchObject({
      state: 'todo',
      note: expect.stringContaining('nlp'),
    });
    expect(stepOf(refused, 'deactivate').state).toBe('blocked');
    expect(scimPatches()).toEqual([]);
    expect(statusOf('erin')).toBe('active');
  });
});

describe('deactivation with the session only on a self-managed host', () => {
  it('is guided: Run is refused, Verify reads the directory before and after the admin deactivates on W&B', async () => {
    const offboarding = await setup({ key: false });
    let c = await offboarding.start(origin, 'acme', 'alice', 'frank');
    expect(stepOf(c, 'deactivate')).toEqual({ id: 'deactivate', mode: 'guided', state: 'todo' });
    await expect(offboarding.act(c.id, acme, { step: 'deactivate', action: 'run' })).rejects.toThrow(
      /guided step with your session/,
    );
    c = await offboarding.act(c.id, acme, { step: 'deactivate', action: 'verify' });
    expect(stepOf(c, 'deactivate')).toMatchObject({
      state: 'todo',
      note: "W&B's directory still shows frank active.",
    });
    sim.state.setActive('frank', false); // what the admin does on the organization dashboard
    c = await offboarding.act(c.id, acme, { step: 'deactivate', action: 'verify' });
    expect(stepOf(c, 'deactivate')).toMatchObject({
      state: 'done',
      note: "W&B's directory shows frank deactivated.",
    });
    expect(sim.requests().filter((r) => r.kind === 'scim')).toEqual([]);
  });
});
