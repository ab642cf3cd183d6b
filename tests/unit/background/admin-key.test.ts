import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditLogItem } from '@/lib/audit/storage';
import { createAdminKeyService } from '@/lib/background/admin-key';
import { sessionAdminKeyItem } from '@/lib/settings/admin-key';
import { clearVaultKey, readVaultKey } from '@/lib/settings/key-vault';
import type { FetchLike } from '@/lib/wandb/graphql';
import { createScimClient } from '@/lib/wandb/scim';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch } from '@/tests/simulator/test-client';

let sim: Simulator;
let sent: { url: string; authorization: string | undefined }[];

beforeAll(async () => {
  sim = await startSimulator({});
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  await clearVaultKey();
  sent = [];
});

const WANDB = { appOrigin: 'https://wandb.ai', org: 'acme' };
const keyOf = (owner: string, name: string) => deriveApiKeySecret('org-1', owner, name);
const ALICE_KEY = keyOf('alice', 'alice-admin-key');

const fetchViaSim: FetchLike = async (url, init) => {
  const headers = { ...(init.headers as Record<string, string>) };
  sent.push({ url, authorization: headers.Authorization });
  return simFetch(sim, url, {
    method: init.method ?? 'GET',
    headers,
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
  });
};

const service = () =>
  createAdminKeyService({ fetch: fetchViaSim, retry: { sleep: async () => {}, random: () => 0 } });

describe('testKey', () => {
  it("shows whose key it is and keeps an admin's key in session storage only", async () => {
    const result = await service().testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    expect(result).toMatchObject({
      ok: true,
      data: {
        admin: true,
        owner: { username: 'alice', email: 'alice@acme.test', orgs: ['acme'], organizationRole: 'admin' },
        saved: {
          last4: ALICE_KEY.slice(-4),
          appOrigin: 'https://wandb.ai',
          remembered: false,
          status: 'admin',
        },
      },
    });
    expect(JSON.stringify(result)).not.toContain(ALICE_KEY);
    expect((await sessionAdminKeyItem.getValue())?.key).toBe(ALICE_KEY);
    expect(await readVaultKey()).toBeUndefined();
    // The key went to api.wandb.ai only: the identity query and one SCIM read.
    expect(sent.map((s) => new URL(s.url).origin + new URL(s.url).pathname)).toEqual([
      'https://api.wandb.ai/graphql',
      'https://api.wandb.ai/scim/Users',
    ]);
  });

  it("keeps a remembered key in the extension origin's IndexedDB and nowhere else", async () => {
    await service().testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: true });
    expect(((await readVaultKey()) as { key?: string } | undefined)?.key).toBe(ALICE_KEY);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(ALICE_KEY);
    expect(await sessionAdminKeyItem.getValue()).toBeNull();
  });

  it("reports a member's key as not an admin and does not keep it", async () => {
    const result = await service().testKey({
      ...WANDB,
      key: keyOf('carol', 'carol-notebook'),
      kind: 'user',
      remember: true,
    });
    expect(result).toMatchObject({
      ok: true,
      data: { admin: false, saved: null, owner: { username: 'carol' } },
    });
    expect(await readVaultKey()).toBeUndefined();
    expect(await sessionAdminKeyItem.getValue()).toBeNull();
  });

  it('refuses a wrong key with a clear message that does not repeat it', async () => {
    const wrong = 'f'.repeat(40);
    const result = await service().testKey({ ...WANDB, key: wrong, kind: 'user', remember: false });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('key-rejected');
      expect(result.error.message).toMatch(/did not accept this key: it is wrong, expired or revoked/);
      expect(result.error.message).not.toContain(wrong);
    }
    expect(await sessionAdminKeyItem.getValue()).toBeNull();
  });

  it('refuses something that is not a key without sending it anywhere', async () => {
    const result = await service().testKey({ ...WANDB, key: 'my password', kind: 'user', remember: false });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(sent).toEqual([]);
  });
});

describe('keyed writes', () => {
  it('changes an org role through SCIM and records it in the audit log without the key', async () => {
    const s = service();
    await s.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    const result = await s.setOrgRole(WANDB, { user: 'carol@acme.test', role: 'admin' });
    expect(result).toMatchObject({ ok: true, data: { username: 'carol', organizationRole: 'admin' } });
    expect(sim.state.toSeed().members.find((m) => m.username === 'carol')?.orgRole).toBe('admin');
    const log = (await auditLogItem.getValue()).entries;
    expect(log.at(-1)).toMatchObject({
      action: 'change-role',
      actor: 'alice (admin key)',
      host: 'wandb.ai',
      org: 'acme',
      result: 'ok',
      detail: 'org role member → admin',
    });
    expect(JSON.stringify(log)).not.toContain(ALICE_KEY);
    await s.setOrgRole(WANDB, { user: 'carol', role: 'member' });
  });

  it('changes a team role and removes a member from the organization', async () => {
    const s = service();
    await s.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    const member = sim.state
      .toSeed()
      .teams.flatMap((t) => t.members.map((m) => ({ team: t.name, ...m })))
      .find((m) => m.role === 'member' && !['alice', 'bob', 'carol', 'dave'].includes(m.username))!;
    const changed = await s.setTeamRole(WANDB, { user: member.username, team: member.team, role: 'admin' });
    expect(changed.ok).toBe(true);
    const team = sim.state.toSeed().teams.find((t) => t.name === member.team)!;
    expect(team.members.find((m) => m.username === member.username)?.role).toBe('admin');

    const removed = await s.removeFromOrg(WANDB, { user: member.username });
    expect(removed).toMatchObject({ ok: true, data: { username: member.username } });
    expect(sim.state.toSeed().members.some((m) => m.username === member.username)).toBe(false);
  });

  it('lists custom roles', async () => {
    const s = service();
    await s.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    const roles = await s.listCustomRoles(WANDB);
    expect(roles.ok && roles.data.map((r) => r.name)).toEqual(['auditor']);
  });

  it('without a key, or with a key for another host, sends nothing and says what to do', async () => {
    const s = service();
    expect(await s.setOrgRole(WANDB, { user: 'carol', role: 'admin' })).toMatchObject({
      ok: false,
      error: { kind: 'no-key', message: expect.stringMatching(/needs an admin API key for wandb.ai/) },
    });
    await s.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    sent = [];
    const other = await s.removeFromOrg(
      { appOrigin: 'https://acme.wandb.io', org: 'acme' },
      { user: 'carol' },
    );
    expect(other).toMatchObject({
      ok: false,
      error: { kind: 'no-key', message: expect.stringMatching(/entered for wandb.ai, not acme.wandb.io/) },
    });
    expect(sent).toEqual([]);
  });

  it('marks a key W&B stopped accepting as rejected', async () => {
    const s = service();
    await s.testKey({ ...WANDB, key: keyOf('bob', 'bob-scripts'), kind: 'user', remember: false });
    expect(await s.keyStatusFor('https://wandb.ai')).toBe('admin');
    sim.state.removeFromOrg('bob');
    const result = await s.setOrgRole(WANDB, { user: 'carol', role: 'admin' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'key-rejected' } });
    expect(await s.keyStatusFor('https://wandb.ai')).toBe('rejected');
    expect((await s.capabilitiesFor('https://wandb.ai'))['set-org-role'].transport).toBe('manual');
  });
});

describe('keyProbe (the diagnostics report)', () => {
  it('GETs only the SCIM user lists and the audit-log paths, with the key in the header, no cookie and no redirect', async () => {
    await service().testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    const inits: { url: string; init: RequestInit }[] = [];
    const probeService = createAdminKeyService({
      fetch: async (url, init) => {
        inits.push({ url, init });
        return fetchViaSim(url, init);
      },
    });
    const probe = await probeService.keyProbe(WANDB.appOrigin);
    expect(probe).toMatchObject({ last4: ALICE_KEY.slice(-4), kind: 'user', ownerRole: 'admin' });
    expect(JSON.stringify(probe)).not.toContain(ALICE_KEY);
    expect((await probe!.get('/scim/Users?count=1')).status).toBe(200);
    expect(inits).toEqual([
      {
        url: 'https://api.wandb.ai/scim/Users?count=1',
        init: expect.objectContaining({ method: 'GET', credentials: 'omit', redirect: 'error' }),
      },
    ]);
    await expect(probe!.get('/scim/Users/abc')).rejects.toThrow('does not read');
    await expect(probe!.get('/graphql')).rejects.toThrow('does not read');
    // The audit logs: one day and one entry only, with W&B's Basic `username:key` (API.md §4).
    await expect(probe!.get('/audit_logs?startDate=2026-12-04&numDays=7&limit=1000')).rejects.toThrow(
      'does not read',
    );
    expect(inits).toHaveLength(1);
    expect((await probe!.get('/audit_logs?startDate=2026-12-04&numDays=0&limit=1')).status).toBe(200);
    expect(inits[1]).toEqual({
      url: 'https://api.wandb.ai/audit_logs?startDate=2026-12-04&numDays=0&limit=1',
      init: expect.objectContaining({
        method: 'GET',
        credentials: 'omit',
        redirect: 'error',
        headers: expect.objectContaining({
          Authorization: `Basic ${Buffer.from(`alice:${ALICE_KEY}`).toString('base64')}`,
        }),
      }),
    });
    expect(await probeService.keyProbe('https://acme.wandb.io')).toBeNull();
  });
});

describe('SCIM client against the simulator', () => {
  it('an outdated ETag is refused with 412 and nothing changes', async () => {
    const scim = createScimClient({
      apiOrigin: 'https://api.wandb.ai',
      credentials: { scheme: 'basic', kind: 'user', username: 'alice', key: ALICE_KEY },
      fetch: fetchViaSim,
    });
    const dave = (await scim.findUser('dave'))!;
    const fresh = await scim.getUser(dave.id);
    expect(fresh.etag).toBe(dave.meta?.version);
    await scim.setTeamRoles(dave.id, []);
    const outdated = await scim.setOrgRole(dave.id, 'admin', { ifMatch: 'W/"0"' }).catch((e: unknown) => e);
    expect(outdated).toMatchObject({ kind: 'stale', status: 412 });
    expect(sim.state.toSeed().members.find((m) => m.username === 'dave')?.orgRole).toBe('member');
  });

  it('on a host serving SCIM under /scim/v2/ only, the key test moves to /scim/v2/ once; a missing user stays a 404', async () => {
    sim.setConfig({ scimPaths: 'v2-only' });
    try {
      const result = await service().testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
      expect(result.ok).toBe(true);
      expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/graphql', '/scim/Users', '/scim/v2/Users']);
      const scim = createScimClient({
        apiOrigin: 'https://api.wandb.ai',
        credentials: { scheme: 'basic', kind: 'user', username: 'alice', key: ALICE_KEY },
        fetch: fetchViaSim,
      });
      sent = [];
      // Once /scim/v2 answered, a 404 for one user is that user missing, not the base.
      await scim.listUsers({ count: 1 });
      const missing = await scim.getUser('no-such-id').catch((e: unknown) => e);
      expect(missing).toMatchObject({ kind: 'not-found' });
      expect(sent.map((s) => new URL(s.url).pathname)).toEqual([
        '/scim/Users',
        '/scim/v2/Users',
        '/scim/v2/Users/no-such-id',
      ]);
    } finally {
      sim.setConfig({ scimPaths: 'both' });
    }
  });

  it('pages through every user with startIndex/count', async () => {
    const scim = createScimClient({
      apiOrigin: 'https://api.wandb.ai',
      credentials: { scheme: 'basic', kind: 'user', username: 'alice', key: ALICE_KEY },
      fetch: fetchViaSim,
    });
    sent = [];
    const users = await scim.listAllUsers({ pageSize: 40 });
    expect(users.length).toBe(sim.state.toSeed().members.length);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(sent.length).toBe(Math.ceil(users.length / 40));
  });
});
