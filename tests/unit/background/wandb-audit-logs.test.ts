/**
 * W&B's audit logs with the admin key, against the simulator: the client follows the cursor, the
 * key service reads only with the key stored for the host (never a cookie), a refusal is W&B's
 * words and only a 401 marks the key, and the toolkit frame's message is typed and bounded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditHandlers } from '@/lib/audit/background';
import { createAdminKeyService } from '@/lib/background/admin-key';
import type { BackgroundDeps } from '@/lib/background/deps';
import { runHandler } from '@/lib/background/dispatch';
import { createToolkitFrames } from '@/lib/background/toolkit-frames';
import { clearVaultKey } from '@/lib/settings/key-vault';
import { auditWindows } from '@/lib/wandb/audit-windows';
import type { FetchLike } from '@/lib/wandb/graphql';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch } from '@/tests/simulator/test-client';

let sim: Simulator;
let sent: { url: string; init: RequestInit }[];

beforeAll(async () => {
  sim = await startSimulator({});
});
afterAll(() => sim.close());
beforeEach(async () => {
  fakeBrowser.reset();
  await clearVaultKey();
  sent = [];
});

const WANDB = { appOrigin: 'https://wandb.ai', org: 'acme' };
const keyOf = (owner: string, name: string) => deriveApiKeySecret('org-1', owner, name);
const ALICE_KEY = keyOf('alice', 'alice-admin-key');
const BOB_KEY = keyOf('bob', 'bob-scripts');

const fetchViaSim: FetchLike = async (url, init) => {
  sent.push({ url, init });
  return simFetch(sim, url, {
    method: init.method ?? 'GET',
    headers: { ...(init.headers as Record<string, string>) },
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
  });
};
const service = () =>
  createAdminKeyService({ fetch: fetchViaSim, retry: { sleep: async () => {}, random: () => 0 } });

const DAY_WITH_MANY = '2026-06-10';

describe('reading one window with the admin key', () => {
  it('follows next_cursor to the end, with Basic username:key, no cookie and no redirect', async () => {
    const s = service();
    await s.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    // 250 logins on one day: three pages at the simulator's default page size.
    const carol = sim.state.member('carol')!;
    for (let i = 0; i < 250; i++)
      sim.state.auditTrail.record(
        'user:login',
        carol,
        `${DAY_WITH_MANY}T10:${String(i % 60).padStart(2, '0')}:00Z`,
      );
    sent = [];
    const result = await s.readAuditWindow(WANDB, {
      startDate: DAY_WITH_MANY,
      numDays: 0,
      endDate: DAY_WITH_MANY,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const dayEntries = sim.state.auditTrail.all().filter((e) => e.timestamp.startsWith(DAY_WITH_MANY));
    expect(result.data.entries).toHaveLength(dayEntries.length);
    expect(result.data).toMatchObject({
      pages: 3,
      count: dayEntries.length,
      rangeStart: `${DAY_WITH_MANY}T00:00:00.000Z`,
      rangeEnd: '2026-06-11T00:00:00.000Z',
    });
    expect(result.data.entries[0]).toEqual({
      timestamp: dayEntries[0]!.timestamp,
      action: dayEntries[0]!.action,
      actorEmail: dayEntries[0]!.actorEmail,
      actorUserId: dayEntries[0]!.actorUserId,
      other: '',
    });
    expect(sent).toHaveLength(3);
    for (const [i, { url, init }] of sent.entries()) {
      const u = new URL(url);
      expect(`${u.origin}${u.pathname}`).toBe('https://api.wandb.ai/audit_logs');
      expect(u.searchParams.get('startDate')).toBe(DAY_WITH_MANY);
      expect(u.searchParams.get('numDays')).toBe('0');
      expect(u.searchParams.has('cursor')).toBe(i > 0);
      expect(init).toMatchObject({
        method: 'GET',
        credentials: 'omit',
        redirect: 'error',
        headers: { Authorization: `Basic ${Buffer.from(`alice:${ALICE_KEY}`).toString('base64')}` },
      });
    }
  });

  it('without a key for the host: a no-key error and nothing sent', async () => {
    const result = await service().readAuditWindow(WANDB, auditWindows(0, new Date())[0]!);
    expect(result).toMatchObject({ ok: false, error: { kind: 'no-key' } });
    expect(sent).toEqual([]);
  });

  it("a key whose owner is no longer an org admin: W&B's 403 in its own words, and the key keeps its SCIM status", async () => {
    const s = service();
    await s.testKey({ ...WANDB, key: BOB_KEY, kind: 'user', remember: false });
    sim.state.setOrgRole('bob', 'member');
    try {
      const result = await s.readAuditWindow(WANDB, auditWindows(0, new Date())[0]!);
      expect(result).toEqual({
        ok: false,
        error: {
          kind: 'not-admin',
          status: 403,
          message:
            'W&B refused its audit logs to the admin API key (HTTP 403). W&B said: "only organization admins can read audit logs". They are for org admins of Enterprise organizations.',
        },
      });
      expect(await s.keyStatusFor('https://wandb.ai')).toBe('admin');
    } finally {
      sim.state.setOrgRole('bob', 'admin');
    }
  });

  it('a key W&B no longer accepts (401) is marked refused', async () => {
    const s = service();
    // alice's key is kept; then the simulator forgets it (revoked).
    await s.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    const keys = sim.state.apiKeys;
    const index = keys.findIndex((k) => k.name === 'alice-admin-key');
    const [removed] = keys.splice(index, 1);
    try {
      const result = await s.readAuditWindow(WANDB, auditWindows(0, new Date())[0]!);
      expect(result).toMatchObject({
        ok: false,
        error: {
          kind: 'key-rejected',
          status: 401,
          message: expect.stringContaining('W&B said: "invalid API key"'),
        },
      });
      expect(await s.keyStatusFor('https://wandb.ai')).toBe('rejected');
    } finally {
      keys.splice(index, 0, removed!);
    }
  });

  it("is not used for an organization the key's owner is not in", async () => {
    const s = service();
    await s.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    sent = [];
    const result = await s.readAuditWindow({ ...WANDB, org: 'globex' }, auditWindows(0, new Date())[0]!);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'no-key', message: expect.stringContaining('globex') },
    });
    expect(sent).toEqual([]);
  });
});

describe('the wandbAuditWindow message', () => {
  const page = 'https://wandb.ai/account-settings/acme/members';
  const frame = {
    id: 'ourid',
    url: 'chrome-extension://ourid/toolkit-frame.html',
    origin: 'chrome-extension://ourid',
    tab: { id: 7 },
    frameId: 4,
  };

  function deps(): BackgroundDeps {
    let framesState: unknown = {
      pending: {},
      frames: { '7:4': { appOrigin: 'https://wandb.ai', pageUrl: page, tabId: 7, frameId: 4, at: 1 } },
    };
    return {
      extensionId: 'ourid',
      extensionOrigin: 'chrome-extension://ourid/',
      extraAppOrigins: () => [],
      toolkitFrames: createToolkitFrames({
        get: async () => structuredClone(framesState),
        set: async (state) => {
          framesState = structuredClone(state);
        },
      }),
      scopeFor: vi.fn(async () => ({ kind: 'org' as const, org: 'acme' })),
      adminKey: service(),
      logRejected: vi.fn(),
    } as unknown as BackgroundDeps;
  }

  const send = (d: BackgroundDeps, payload: unknown) =>
    runHandler(d, 'wandbAuditWindow', payload, frame, auditHandlers.handlers(d).wandbAuditWindow);

  it("answers with each actor's latest entry of the window, or every entry", async () => {
    const d = deps();
    await d.adminKey.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    const window = { pageUrl: page, startDate: '2026-10-26', numDays: 6 };
    const latest = await send(d, { ...window, summary: 'latest' });
    const entries = await send(d, { ...window, summary: 'entries' });
    expect(latest.ok && entries.ok).toBe(true);
    if (!latest.ok || !entries.ok || latest.data.summary !== 'latest' || entries.data.summary !== 'entries')
      return;
    const inWindow = sim.state.auditTrail
      .all()
      .filter((e) => e.timestamp >= '2026-10-26' && e.timestamp < '2026-11-02');
    expect(entries.data.entries.map((e) => e.timestamp)).toEqual(inWindow.map((e) => e.timestamp));
    const newest = new Map<string, string>();
    for (const e of inWindow) newest.set(e.actorEmail, e.timestamp);
    expect(new Map(latest.data.latest.map((a) => [a.email, a.at]))).toEqual(newest);
    expect(latest.data.window).toEqual({ startDate: '2026-10-26', numDays: 6, endDate: '2026-11-01' });
  });

  it.each([
    ['more than 7 days', { numDays: 8 }, 'numDays'],
    ['a date that does not exist', { startDate: '2026-02-30' }, 'startDate'],
    ['a path of its own', { path: '/scim/Users' }, '(payload)'],
    ['an unknown summary', { summary: 'raw' }, 'summary'],
  ])('refuses %s before anything is sent', async (_name, change, field) => {
    const d = deps();
    await d.adminKey.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    sent = [];
    const result = await send(d, {
      pageUrl: page,
      startDate: '2026-10-26',
      numDays: 6,
      summary: 'latest',
      ...change,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request', field } });
    expect(sent).toEqual([]);
  });

  it('is refused to a content script (only the toolkit frame may ask)', async () => {
    const d = deps();
    await d.adminKey.testKey({ ...WANDB, key: ALICE_KEY, kind: 'user', remember: false });
    sent = [];
    const result = await runHandler(
      d,
      'wandbAuditWindow',
      { pageUrl: page, startDate: '2026-10-26', numDays: 6, summary: 'latest' },
      { id: 'ourid', url: page, tab: { id: 7 }, frameId: 0 },
      auditHandlers.handlers(d).wandbAuditWindow,
    );
    expect(result).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: 'Only the toolkit on a W&B page can ask for this.' },
    });
    expect(sent).toEqual([]);
  });
});
