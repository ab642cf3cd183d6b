/**
 * Where the admin key may go: only to a host the toolkit still serves and the browser still
 * permits, never following a redirect, and it is forgotten when its host is removed.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createAccessExpiry } from '@/lib/access-expiry/service';
import { createAdminKeyService } from '@/lib/background/admin-key';
import type { BackgroundDeps } from '@/lib/background/deps';
import { createDirectoryJobs } from '@/lib/background/directory-jobs';
import { runHandler } from '@/lib/background/dispatch';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { keyHandlers } from '@/lib/background/key-handlers';
import { createLaunches } from '@/lib/background/launches';
import { createOffboarding } from '@/lib/background/offboarding';
import { createToolkitFrames } from '@/lib/background/toolkit-frames';
import { diagnosticsHandlers } from '@/lib/diagnostics/background';
import { loadAdminKey, type StoredAdminKey, storeAdminKey } from '@/lib/settings/admin-key';
import { clearVaultKey } from '@/lib/settings/key-vault';
import type { FetchLike } from '@/lib/wandb/graphql';

const KEY = 'k3y0123456789abcdef0123456789abcdef0123';
const ACME = 'https://acme.wandb.io';
const optionsPage = { id: 'ourid', url: 'chrome-extension://ourid/options.html' };

const keyFor = (appOrigin: string, remembered = true): StoredAdminKey => ({
  appOrigin,
  key: KEY,
  kind: 'user',
  owner: { username: 'alice', email: null, orgs: ['acme'], organizationRole: 'admin' },
  status: 'admin',
  remembered,
  savedAt: '2026-11-28T10:00:00.000Z',
});

let inits: { url: string; init: RequestInit }[];
const fetch: FetchLike = async (url, init) => {
  inits.push({ url, init });
  return new Response(JSON.stringify({ totalResults: 0, Resources: [] }), {
    status: 200,
    headers: { 'content-type': 'application/scim+json' },
  });
};

function deps(hosts: string[], permitted: boolean): BackgroundDeps {
  let list = [...hosts];
  return {
    extensionId: 'ourid',
    extensionOrigin: 'chrome-extension://ourid/',
    openTab: vi.fn(async () => 12),
    launches: createLaunches(),
    extraAppOrigins: () => list,
    hostPermitted: async () => permitted,
    injectToolkit: vi.fn(),
    loadSummary: vi.fn(),
    sessionTransport: vi.fn(),
    scopeFor: vi.fn(),
    directoryJobs: createDirectoryJobs(vi.fn()),
    inviteJobs: createInviteJobs({ clientFor: vi.fn(), keepAwake: vi.fn() }),
    offboarding: createOffboarding({
      clientFor: vi.fn(),
      actionsFor: vi.fn(),
      startInviteJob: vi.fn(),
      alarms: { create: vi.fn(), get: vi.fn() },
      setBadge: vi.fn(),
      now: Date.now,
    }),
    accessExpiry: createAccessExpiry({
      alarms: { create: vi.fn(), clear: vi.fn() },
      setBadge: vi.fn(),
      now: Date.now,
    }),
    logRejected: () => {},
    // Only the options page sends key messages: no toolkit frame is bound here.
    toolkitFrames: createToolkitFrames({ get: async () => undefined, set: async () => {} }),
    adminKey: createAdminKeyService({ fetch, retry: { sleep: async () => {}, random: () => 0 } }),
    openOptionsPage: vi.fn(),
    hosts: {
      added: vi.fn(),
      remove: async (origin) => {
        list = list.filter((h) => h !== origin);
        return list;
      },
    },
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await clearVaultKey();
  inits = [];
});

describe('key-using messages check the host first', () => {
  it.each([
    ['keyListRoles', { appOrigin: ACME, org: 'acme' }],
    ['keySetOrgRole', { appOrigin: ACME, org: 'acme', user: 'carol', role: 'admin' }],
  ] as const)('%s for a host no longer served sends nothing', async (type, payload) => {
    await storeAdminKey(keyFor(ACME));
    const d = deps([], true);
    const handler = keyHandlers.handlers(d)[type] as never;
    const result = await runHandler(d, type, payload, optionsPage, handler);
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request', message: /not a W&B host/ } });
    expect(inits).toEqual([]);
  });

  it.each([
    ['keyListRoles', { appOrigin: ACME, org: 'acme' }],
    ['keySetOrgRole', { appOrigin: ACME, org: 'acme', user: 'carol', role: 'admin' }],
  ] as const)('%s for a host whose permission was withdrawn sends nothing', async (type, payload) => {
    await storeAdminKey(keyFor(ACME));
    const d = deps([ACME], false);
    const handler = keyHandlers.handlers(d)[type] as never;
    const result = await runHandler(d, type, payload, optionsPage, handler);
    expect(result).toMatchObject({ ok: false, error: { message: /no longer allows/ } });
    expect(inits).toEqual([]);
  });

  it.each([
    ['a host no longer served', [], true, /not a W&B host/],
    ['a host whose permission was withdrawn', [ACME], false, /no longer allows/],
  ] as const)(
    'the options page’s diagnostics for %s send nothing',
    async (_what, served, permitted, message) => {
      await storeAdminKey(keyFor(ACME));
      const d = deps([...served], permitted);
      const handler = diagnosticsHandlers.handlers(d).diagnosticsRunForHost as never;
      const result = await runHandler(
        d,
        'diagnosticsRunForHost',
        { appOrigin: ACME, org: 'acme' },
        optionsPage,
        handler,
      );
      expect(result).toMatchObject({ ok: false, error: { message } });
      expect(inits).toEqual([]);
      expect(d.sessionTransport).not.toHaveBeenCalled();
    },
  );

  it('the service itself refuses a host that is not allowed (offboarding uses it directly)', async () => {
    await storeAdminKey(keyFor(ACME));
    const service = createAdminKeyService({ fetch, hostAllowed: async () => false });
    const result = await service.removeFromOrg({ appOrigin: ACME, org: 'acme' }, { user: 'carol' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'no-key' } });
    expect(inits).toEqual([]);
  });
});

describe('removing a host', () => {
  it('forgets the key entered for it, from session and from the vault', async () => {
    for (const remembered of [true, false]) {
      await storeAdminKey(keyFor(ACME, remembered));
      const d = deps([ACME], true);
      const result = await runHandler(
        d,
        'hostRemove',
        { origin: ACME },
        optionsPage,
        keyHandlers.handlers(d).hostRemove,
      );
      expect(result).toEqual({ ok: true, data: { hosts: [] } });
      expect(await loadAdminKey()).toBeNull();
    }
  });

  it('keeps a key entered for another host', async () => {
    await storeAdminKey(keyFor('https://wandb.ai'));
    const d = deps([ACME], true);
    await runHandler(d, 'hostRemove', { origin: ACME }, optionsPage, keyHandlers.handlers(d).hostRemove);
    expect((await loadAdminKey())?.appOrigin).toBe('https://wandb.ai');
  });
});

describe('key-bearing requests', () => {
  it("refuse to follow redirects (SCIM and the key's identity query)", async () => {
    await storeAdminKey(keyFor('https://wandb.ai'));
    const service = createAdminKeyService({ fetch, retry: { sleep: async () => {}, random: () => 0 } });
    await service.listCustomRoles({ appOrigin: 'https://wandb.ai', org: 'acme' });
    await service.testKey({ appOrigin: 'https://wandb.ai', key: KEY, kind: 'user', remember: false });
    const keyed = inits.filter((i) => JSON.stringify(i.init.headers).includes('Authorization'));
    expect(keyed.map((i) => new URL(i.url).pathname)).toEqual(['/scim/Roles', '/graphql']);
    for (const { init } of keyed) expect(init.redirect).toBe('error');
  });
});
