/**
 * "An audit entry is written for every write, failed ones included, before the UI reports the
 * result" (issue 14): each kind of write in AUDIT_ACTIONS is made here through the background's own
 * dispatcher (`runHandler` with the handlers of lib/background/tools.ts, the senders the dialogs and
 * the options page are), once succeeding and once refused by W&B, against the in-process simulator;
 * the entry is in the log when the reply (or, for a bulk-invite job, the saved status) comes back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createAccessExpiry } from '@/lib/access-expiry/service';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@/lib/audit/log';
import { readAuditLog } from '@/lib/audit/writer';
import { createAdminKeyService } from '@/lib/background/admin-key';
import type { BackgroundDeps, Verified } from '@/lib/background/deps';
import { createDirectoryJobs } from '@/lib/background/directory-jobs';
import { runHandler } from '@/lib/background/dispatch';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { createLaunches } from '@/lib/background/launches';
import { createOffboarding } from '@/lib/background/offboarding';
import { withAdminKeyActions } from '@/lib/background/offboarding-actions';
import { createToolkitFrames } from '@/lib/background/toolkit-frames';
import { allHandlers } from '@/lib/background/tools';
import type { MessageType } from '@/lib/messages';
import { createSessionActions } from '@/lib/offboarding/actions';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { createWandbClient } from '@/lib/wandb/client';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch, simLogin } from '@/tests/simulator/test-client';
import { newRow } from '../invite/job/fakeServer';

vi.setConfig({ testTimeout: 60_000 });

const origin = 'https://wandb.ai';
const SELF_MANAGED = 'wandb.acme.test';
const page = 'https://wandb.ai/account-settings/acme/members';
const toolkitFrame = {
  id: 'ourid',
  url: 'chrome-extension://ourid/toolkit-frame.html',
  origin: 'chrome-extension://ourid',
  tab: { id: 7 },
  frameId: 4,
};
const optionsPage = { id: 'ourid', url: 'chrome-extension://ourid/options.html' };

let sim: Simulator;
let cookie: string;
beforeAll(async () => {
  sim = await startSimulator({ extraHosts: [SELF_MANAGED] });
  cookie = await simLogin(sim, 'alice');
});
afterAll(async () => {
  await sim.close();
});

/** Requests W&B is to refuse, matched on method, path and body; refused as W&B would (GraphQL error, SCIM 400). */
const refusals: ((request: { method: string; url: string; body: string }) => boolean)[] = [];

async function wandbFetch(url: string, init: RequestInit, withCookie: boolean): Promise<Response> {
  const method = init.method ?? 'GET';
  const body = typeof init.body === 'string' ? init.body : '';
  if (refusals.some((refuse) => refuse({ method, url, body }))) {
    return new URL(url).pathname.startsWith('/scim/')
      ? new Response(JSON.stringify({ detail: 'refused by the test', status: '400' }), {
          status: 400,
          headers: { 'content-type': 'application/scim+json' },
        })
      : Response.json({ errors: [{ message: 'refused by the test' }] });
  }
  const headers = {
    ...Object.fromEntries(new Headers(init.headers).entries()),
    ...(withCookie ? { cookie } : {}),
  };
  return simFetch(sim, url, { method, headers, ...(body ? { body } : {}) });
}
const graphqlCall = (operation: string, variable: string, value: string) => (r: { body: string }) => {
  if (!r.body.includes(`"${operation}"`)) return false;
  const parsed = JSON.parse(r.body) as { variables?: Record<string, unknown> };
  return parsed.variables?.[variable] === value;
};

/** The background for a page on `at` (wandb.ai by default; an added self-managed host for deactivation). */
function background(at: { origin: string; page: string } = { origin, page }) {
  const client = createWandbClient({
    appOrigin: at.origin,
    fetch: (url, init) => wandbFetch(url, init, true),
  });
  const adminKey = createAdminKeyService({
    fetch: (url, init) => wandbFetch(url, init, false),
    retry: { sleep: async () => {}, random: () => 0 },
  });
  const inviteJobs = createInviteJobs({ clientFor: async () => client, keepAwake: () => {} });
  let frames: unknown = {
    pending: {},
    frames: { '7:4': { appOrigin: at.origin, pageUrl: at.page, tabId: 7, frameId: 4, at: 1 } },
  };
  const deps: BackgroundDeps = {
    extensionId: 'ourid',
    extensionOrigin: 'chrome-extension://ourid/',
    extraAppOrigins: () => (at.origin === origin ? [] : [at.origin]),
    adminKey,
    openOptionsPage: async () => {},
    openTab: async () => 1,
    launches: createLaunches(),
    hostPermitted: async () => true,
    hosts: { added: async () => [], remove: async () => [] },
    injectToolkit: async () => {},
    loadSummary: async () => client.directory.loadSummary({ kind: 'org', org: 'acme' }),
    sessionTransport: async () => client.transport,
    inviteJobs,
    directoryJobs: createDirectoryJobs(vi.fn()),
    scopeFor: async () => ({ kind: 'org', org: 'acme' }),
    offboarding: createOffboarding({
      clientFor: async () => client,
      actionsFor: async (appOrigin, org) =>
        withAdminKeyActions(
          createSessionActions(client),
          adminKey,
          { appOrigin, org },
          await adminKey.capabilitiesFor(appOrigin),
        ),
      startInviteJob: (appOrigin, org, actor, rows) =>
        inviteJobs.start(appOrigin, org, `org:${org}`, actor, rows),
      alarms: { create: async () => {}, get: async () => undefined },
      setBadge: async () => {},
      now: Date.now,
    }),
    accessExpiry: createAccessExpiry({
      alarms: { create: async () => {}, clear: async () => {} },
      setBadge: async () => {},
      now: Date.now,
    }),
    logRejected: () => {},
    toolkitFrames: createToolkitFrames({
      get: async () => structuredClone(frames),
      set: async (state) => {
        frames = structuredClone(state);
      },
    }),
  };
  const handlers = allHandlers(deps) as Record<
    MessageType,
    (data: unknown, sender: Verified) => Promise<unknown>
  >;
  /** Sends one message as the given sender through the dispatcher; the reply's data, or a thrown error. */
  return async function send<T>(
    type: MessageType,
    payload: unknown,
    sender: object = toolkitFrame,
  ): Promise<T> {
    const reply = await runHandler(deps, type, payload, sender, handlers[type]);
    if (!reply.ok) throw new Error(`${type}: ${reply.error.message}`);
    return reply.data as T;
  };
}

const logOf = async (action: AuditAction) =>
  (await readAuditLog()).filter((entry) => entry.action === action).map(summary);
const summary = (e: AuditEntry) => ({ target: e.target, result: e.result, host: e.host, org: e.org });
/** Which action each test below writes, so a new action without a test here fails. */
const covered = new Set<AuditAction>();

beforeEach(() => {
  fakeBrowser.reset();
  refusals.length = 0;
});

describe('every write is audited, ok and failed, before its result is reported', () => {
  it('admin-key: a key that SCIM accepts, one W&B refuses, and forgetting it; never more than the last 4', async () => {
    covered.add('admin-key');
    const send = background();
    const key = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
    await send('keyTest', { appOrigin: origin, key, kind: 'user', remember: false }, optionsPage);
    const wrong = `${key.slice(0, -6)}zzzzzz`;
    await expect(
      send('keyTest', { appOrigin: origin, key: wrong, kind: 'user', remember: false }, optionsPage),
    ).rejects.toThrow(/did not accept this key/);
    await send('keyForget', {}, optionsPage);
    // Kept again, then forgotten with its host.
    await send('keyTest', { appOrigin: origin, key, kind: 'user', remember: true }, optionsPage);
    await send('hostRemove', { origin }, optionsPage);
    const kept = { target: `admin key ****${key.slice(-4)}`, result: 'ok', host: 'wandb.ai', org: 'acme' };
    expect(await logOf('admin-key')).toEqual([
      kept,
      { target: 'admin key ****zzzz', result: 'error', host: 'wandb.ai', org: '' },
      kept,
      kept,
      kept,
    ]);
    const log = JSON.stringify(await readAuditLog());
    expect(log).not.toContain(key.slice(0, 8));
    expect(log).not.toContain(wrong.slice(0, 8));
    expect((await readAuditLog()).map((e) => e.detail)).toEqual([
      'tested: SCIM accepted it; kept for this browser session',
      expect.stringMatching(/^not kept: W&B at api\.wandb\.ai did not accept this key/),
      'forgotten: Forget key on the options page',
      'tested: SCIM accepted it; remembered on this device',
      'forgotten: its host was removed, or the browser withdrew access to it',
    ]);
  });

  it('change-role: an org role set with the key, and one W&B refuses', async () => {
    covered.add('change-role');
    const send = background();
    const key = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
    await send('keyTest', { appOrigin: origin, key, kind: 'user', remember: false }, optionsPage);
    const change = { appOrigin: origin, org: 'acme', role: 'admin' };
    await send('keySetOrgRole', { ...change, user: 'carol' }, optionsPage);
    refusals.push((r) => r.method === 'PATCH' && r.url.includes('/scim/Users/'));
    await expect(send('keySetOrgRole', { ...change, user: 'erin' }, optionsPage)).rejects.toThrow(
      /refused by the test/,
    );
    expect(await logOf('change-role')).toEqual([
      { target: 'carol → org role admin', result: 'ok', host: 'wandb.ai', org: 'acme' },
      { target: 'erin → org role admin', result: 'error', host: 'wandb.ai', org: 'acme' },
    ]);
  });

  it('invite: a bulk-invite job, whose saved state (what the dialog and bar show) never holds a result the log does not', async () => {
    covered.add('invite');
    const send = background();
    // Every save of the jobs is checked against the audit log as stored at that moment.
    const shownUnaudited: string[] = [];
    const local = fakeBrowser.storage.local;
    const [get, set] = [local.get.bind(local), local.set.bind(local)];
    vi.spyOn(local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      const jobs = items.inviteJobs as Record<string, { job: { units: { email: string; state: string }[] } }>;
      if (jobs) {
        const stored = (await get('auditLog')).auditLog as { entries: AuditEntry[] } | undefined;
        const audited = new Set((stored?.entries ?? []).map((e) => e.target.split(' → ')[0]));
        for (const { job } of Object.values(jobs))
          for (const unit of job.units)
            if ((unit.state === 'invited' || unit.state === 'failed') && !audited.has(unit.email))
              shownUnaudited.push(`${unit.email} ${unit.state}`);
      }
      return set(items);
    });
    refusals.push(graphqlCall('CreateInvite', 'email', 'refused@acme.test'));
    const rows = [newRow(0, 'welcome@acme.test', ['vision']), newRow(1, 'refused@acme.test', ['vision'])];
    const { jobId } = await send<{ jobId: string }>('inviteStart', { pageUrl: page, rows, concurrency: 1 });
    for (let i = 0; i < 400; i++) {
      const job = await send<{ status: string }>('inviteStatus', { pageUrl: page, inviteJobId: jobId });
      if (job.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    vi.restoreAllMocks();
    expect(shownUnaudited).toEqual([]);
    expect(await logOf('invite')).toEqual([
      { target: 'welcome@acme.test → vision', result: 'ok', host: 'wandb.ai', org: 'acme' },
      { target: 'refused@acme.test → vision', result: 'error', host: 'wandb.ai', org: 'acme' },
    ]);
  });

  it("cancel-invite: Seat hygiene's bulk cancellation, one entry per invite, a refused one too", async () => {
    covered.add('cancel-invite');
    const send = background();
    const directory = await createWandbClient({
      appOrigin: origin,
      fetch: (url, init) => wandbFetch(url, init, true),
    }).directory.loadDirectory({ kind: 'org', org: 'acme' });
    const [kept, gone] = directory.invites.filter((i) => i.id && i.team);
    const target = (i: typeof kept) => ({
      email: i?.email ?? '',
      team: i?.team ?? '',
      invitedAt: i?.createdAt ?? '',
      days: 30,
      id: i?.id ?? null,
    });
    refusals.push(graphqlCall('DeleteInvite', 'id', kept?.id ?? ''));
    const { jobId } = await send<{ jobId: string }>('hygieneCancelStart', {
      pageUrl: page,
      invites: [target(kept), target(gone)],
    });
    for (let i = 0; i < 400; i++) {
      const job = await send<{ status: string }>('inviteStatus', { pageUrl: page, inviteJobId: jobId });
      if (job.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const logged = await logOf('cancel-invite');
    expect(logged.sort((a, b) => a.result.localeCompare(b.result))).toEqual([
      { target: `${kept?.email} → ${kept?.team}`, result: 'error', host: 'wandb.ai', org: 'acme' },
      { target: `${gone?.email} → ${gone?.team}`, result: 'ok', host: 'wandb.ai', org: 'acme' },
    ]);
  });

  it('remove-from-team and offboarding-step: a removal W&B refuses fails its step; run again, both done', async () => {
    covered.add('remove-from-team');
    covered.add('offboarding-step');
    const send = background();
    const c = await send<OffboardingCase>('offboardStart', { pageUrl: page, username: 'frank' });
    refusals.push(graphqlCall('DeleteInvite', 'entity', 'nlp'));
    const run = { pageUrl: page, caseId: c.id, step: 'remove-teams', action: 'run' };
    await send('offboardAct', run);
    const failed = await logOf('remove-from-team');
    expect(failed).toContainEqual({ target: 'frank → nlp', result: 'error', host: 'wandb.ai', org: 'acme' });
    expect(failed).toContainEqual({ target: 'frank → ml-ops', result: 'ok', host: 'wandb.ai', org: 'acme' });
    expect((await logOf('offboarding-step')).at(-1)).toMatchObject({
      target: 'frank: Remove from each team',
      result: 'error',
    });
    refusals.length = 0;
    await send('offboardAct', run);
    expect((await logOf('remove-from-team')).at(-1)).toEqual({
      target: 'frank → nlp',
      result: 'ok',
      host: 'wandb.ai',
      org: 'acme',
    });
    expect((await logOf('offboarding-step')).at(-1)).toMatchObject({
      target: 'frank: Remove from each team',
      result: 'ok',
    });
  });

  it('remove-from-org: the SCIM removal W&B refuses, then the one it makes', async () => {
    covered.add('remove-from-org');
    const send = background();
    sim.state.setTeamRole('zoe', 'robotics', 'member');
    const key = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
    await send('keyTest', { appOrigin: origin, key, kind: 'user', remember: false }, optionsPage);
    const username = 'nils.adeyemi';
    const c = await send<OffboardingCase>('offboardStart', { pageUrl: page, username });
    const at = { pageUrl: page, caseId: c.id };
    await send('offboardAct', { ...at, step: 'remove-teams', action: 'run' });
    refusals.push((r) => r.method === 'DELETE' && r.url.includes('/scim/Users/'));
    const removeOrg = { ...at, step: 'remove-org', action: 'run', confirm: username };
    await send('offboardAct', removeOrg);
    expect(await logOf('remove-from-org')).toEqual([
      { target: `${username} → acme`, result: 'error', host: 'wandb.ai', org: 'acme' },
    ]);
    refusals.length = 0;
    await send('offboardAct', removeOrg);
    expect((await logOf('remove-from-org')).at(-1)).toEqual({
      target: `${username} → acme`,
      result: 'ok',
      host: 'wandb.ai',
      org: 'acme',
    });
    expect(sim.state.toSeed().members.some((m) => m.username === username)).toBe(false);
  });

  it('deactivate: the SCIM deactivation W&B refuses, then the one it makes (on a self-managed host)', async () => {
    covered.add('deactivate');
    const at = {
      origin: `https://${SELF_MANAGED}`,
      page: `https://${SELF_MANAGED}/account-settings/acme/members`,
    };
    const send = background(at);
    const key = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
    await send('keyTest', { appOrigin: at.origin, key, kind: 'user', remember: false }, optionsPage);
    const c = await send<OffboardingCase>('offboardStart', { pageUrl: at.page, username: 'erin' });
    refusals.push((r) => r.method === 'PATCH' && r.url.includes('/scim/Users/'));
    const run = { pageUrl: at.page, caseId: c.id, step: 'deactivate', action: 'run' };
    await send('offboardAct', run);
    const entry = { target: 'erin → acme', host: SELF_MANAGED, org: 'acme' };
    expect(await logOf('deactivate')).toEqual([{ ...entry, result: 'error' }]);
    expect(sim.state.toSeed().members.find((m) => m.username === 'erin')?.status ?? 'active').toBe('active');
    refusals.length = 0;
    await send('offboardAct', run);
    expect((await logOf('deactivate')).at(-1)).toEqual({ ...entry, result: 'ok' });
    expect(sim.state.toSeed().members.find((m) => m.username === 'erin')?.status).toBe('deactivated');
  });

  it('access-expiry: a last day of access set, changed and removed, and one the storage refuses to keep', async () => {
    covered.add('access-expiry');
    const send = background();
    const day = (ahead: number) => new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10);
    const [lastDay, later] = [day(40), day(70)];
    const member = { pageUrl: page, username: 'carol', name: 'Carol', email: 'carol@acme.test' };
    await send('accessExpirySet', { ...member, lastDay, note: 'contract ends' });
    await send('accessExpirySet', { ...member, lastDay: later, note: 'extended' });
    const local = fakeBrowser.storage.local;
    const set = local.set.bind(local);
    vi.spyOn(local, 'set').mockImplementation(async (items: Record<string, unknown>) => {
      if ('accessExpiries' in items) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    });
    await expect(send('accessExpiryRemove', { pageUrl: page, username: 'carol' })).rejects.toThrow(
      /QUOTA_BYTES quota exceeded/,
    );
    vi.restoreAllMocks();
    await send('accessExpiryRemove', { pageUrl: page, username: 'carol' });
    const entry = { target: 'carol', host: 'wandb.ai', org: 'acme' };
    expect(await logOf('access-expiry')).toEqual([
      { ...entry, result: 'ok' },
      { ...entry, result: 'ok' },
      { ...entry, result: 'error' },
      { ...entry, result: 'ok' },
    ]);
    expect((await readAuditLog()).map((e) => `${e.actor}: ${e.detail}`)).toEqual([
      `alice: last day of access set: ${lastDay} (contract ends)`,
      `alice: last day of access changed from ${lastDay} to ${later} (extended)`,
      `alice: not saved (QUOTA_BYTES quota exceeded): last day of access removed (was ${later})`,
      `alice: last day of access removed (was ${later})`,
    ]);
  });

  it('each audit action has its test above', () => {
    expect(AUDIT_ACTIONS.filter((action) => !covered.has(action))).toEqual([]);
  });
});
