import { describe, expect, it, vi } from 'vitest';
import { createAccessExpiry } from '@/lib/access-expiry/service';
import { createAdminKeyService } from '@/lib/background/admin-key';
import type { BackgroundDeps } from '@/lib/background/deps';
import { createDirectoryJobs } from '@/lib/background/directory-jobs';
import { refuseUnknownMessages, runHandler } from '@/lib/background/dispatch';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { keyHandlers } from '@/lib/background/key-handlers';
import { createLaunches } from '@/lib/background/launches';
import { createOffboarding } from '@/lib/background/offboarding';
import { frameHandlers, routeForPage } from '@/lib/background/page-access';
import { createToolkitFrames, type ToolkitFramesState } from '@/lib/background/toolkit-frames';
import { WandbError } from '@/lib/wandb/errors';

const page = 'https://wandb.ai/account-settings/acme/members';
const contentScript = { id: 'ourid', url: page, tab: { id: 7 }, frameId: 0 };
/** The toolkit UI frame on that page (tab 7, frame 4), bound to it by the handshake in `deps()`. */
const toolkitFrame = {
  id: 'ourid',
  url: 'chrome-extension://ourid/toolkit-frame.html',
  origin: 'chrome-extension://ourid',
  tab: { id: 7 },
  frameId: 4,
};
const frameBinding = { appOrigin: 'https://wandb.ai', pageUrl: page, tabId: 7, frameId: 4, at: 1 };

/** A frame registry in memory, starting with the given bound frames. */
function memoryFrames(frames: ToolkitFramesState['frames'] = {}) {
  let value: unknown = { pending: {}, frames };
  return createToolkitFrames({
    get: async () => structuredClone(value),
    set: async (state) => {
      value = structuredClone(state);
    },
  });
}

function deps(): BackgroundDeps & { rejected: string[] } {
  const rejected: string[] = [];
  return {
    rejected,
    toolkitFrames: memoryFrames({ '7:4': frameBinding }),
    extensionId: 'ourid',
    extensionOrigin: 'chrome-extension://ourid/',
    openTab: vi.fn(async () => 12),
    launches: createLaunches(),
    extraAppOrigins: () => [],
    injectToolkit: vi.fn(async () => {}),
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
    logRejected: (reason) => rejected.push(reason),
    adminKey: createAdminKeyService({
      fetch: vi.fn(async () => {
        throw new Error('no network in this test');
      }),
    }),
    openOptionsPage: vi.fn(async () => {}),
    hostPermitted: vi.fn(async () => true),
    hosts: { added: vi.fn(async () => []), remove: vi.fn(async () => []) },
  };
}

describe('runHandler', () => {
  it('runs the handler with the parsed payload for a trusted sender', async () => {
    const handler = vi.fn(async (data: { pageUrl: string; refresh: boolean }) => data.refresh);
    const result = await runHandler(deps(), 'getSummary', { pageUrl: page }, toolkitFrame, handler);
    expect(result).toEqual({ ok: true, data: false });
    expect(handler).toHaveBeenCalledWith(
      { pageUrl: page, refresh: false },
      { trusted: true, kind: 'toolkit-frame', tabId: 7, frameId: 4, binding: frameBinding },
    );
  });

  it.each([
    ['a missing field', {}, 'pageUrl'],
    ['a wrong type', { pageUrl: page, refresh: 'yes' }, 'refresh'],
    ['an unknown key', { pageUrl: page, query: '{ viewer { id } }' }, '(payload)'],
    ['a URL that is not https', { pageUrl: 'javascript:alert(1)' }, 'pageUrl'],
    ['not a URL at all', { pageUrl: 'wandb' }, 'pageUrl'],
    ['not an object', 'getSummary', '(payload)'],
  ])('refuses %s with a typed error and runs nothing', async (_name, payload, field) => {
    const handler = vi.fn();
    const result = await runHandler(deps(), 'getSummary', payload, toolkitFrame, handler);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'bad-request',
        field,
        message: expect.stringMatching(
          new RegExp(`^Malformed getSummary message: ${field.replace(/[()]/g, '\\$&')}: .+`),
        ),
      },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an untrusted sender, logs the reason (not the payload), and runs nothing', async () => {
    const d = deps();
    const handler = vi.fn();
    const result = await runHandler(
      d,
      'getSummary',
      { pageUrl: page },
      { ...toolkitFrame, id: 'other' },
      handler,
    );
    expect(result).toEqual({
      ok: false,
      error: { kind: 'forbidden-sender', message: 'This sender may not use the toolkit.' },
    });
    expect(d.rejected).toEqual(['getSummary: message from another extension']);
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a W&B error into its typed data', async () => {
    const result = await runHandler(deps(), 'getSummary', { pageUrl: page }, toolkitFrame, async () => {
      throw new WandbError({
        kind: 'rate-limited',
        message: 'W&B is rate limiting requests.',
        retryAfterMs: 2000,
      });
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2000 });
  });
});

describe('refuseUnknownMessages', () => {
  it('answers unknown types with a typed error and logs once per type', async () => {
    const d = deps();
    const listener = refuseUnknownMessages(d);
    await expect(listener({ type: 'callAnyApi', data: { url: 'https://evil.example' } })).resolves.toEqual({
      res: { ok: false, error: { kind: 'bad-request', message: 'Unknown message type.' } },
    });
    await expect(listener(null)).resolves.toMatchObject({ res: { ok: false } });
    expect(d.rejected).toEqual(['unknown message type "callAnyApi"', 'unknown message type undefined']);
  });

  it('leaves known types to their handlers', () => {
    expect(refuseUnknownMessages(deps())({ type: 'getSummary', data: {} })).toBeUndefined();
  });
});

describe('admin key and host messages', () => {
  const optionsPage = { id: 'ourid', url: 'chrome-extension://ourid/options.html' };
  const selfManaged = {
    id: 'ourid',
    url: 'https://acme.wandb.io/account-settings/acme/members',
    tab: { id: 9 },
    frameId: 0,
  };

  it('trusts a content script on an added host (the list is read asynchronously) and no other', async () => {
    const d = { ...deps(), extraAppOrigins: async () => ['https://acme.wandb.io'] };
    const handler = vi.fn(async () => 'ok');
    expect(await runHandler(d, 'injectToolkit', { pageUrl: selfManaged.url }, selfManaged, handler)).toEqual({
      ok: true,
      data: 'ok',
    });
    const other = { ...selfManaged, url: 'https://evil.example/account-settings/acme/members' };
    expect(await runHandler(d, 'injectToolkit', { pageUrl: other.url }, other, handler)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
  });

  it('answers the toolkit on an added host while the host is served, and not once it is removed', async () => {
    let served = ['https://acme.wandb.io'];
    const d = {
      ...deps(),
      extraAppOrigins: async () => served,
      toolkitFrames: memoryFrames({
        '9:2': { appOrigin: 'https://acme.wandb.io', pageUrl: selfManaged.url, tabId: 9, frameId: 2, at: 1 },
      }),
    };
    const frame = { ...toolkitFrame, tab: { id: 9 }, frameId: 2 };
    const handler = vi.fn(async () => 'ok');
    expect(await runHandler(d, 'getSummary', { pageUrl: selfManaged.url }, frame, handler)).toEqual({
      ok: true,
      data: 'ok',
    });
    served = [];
    expect(await runHandler(d, 'getSummary', { pageUrl: selfManaged.url }, frame, handler)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
    expect(d.rejected).toEqual(['getSummary: toolkit frame on a host the toolkit no longer serves']);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a malformed key message names the field but never echoes the key', async () => {
    const secret = 'x'.repeat(300);
    const result = await runHandler(
      deps(),
      'keyTest',
      { appOrigin: 'https://wandb.ai', key: secret, kind: 'user', remember: false },
      optionsPage,
      vi.fn(),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request', field: 'key' } });
    expect(JSON.stringify(result)).not.toContain('xxxxxxxxxx');
  });

  it.each([
    ['an origin with a path', 'https://wandb.ai/account-settings'],
    ['plain http', 'http://wandb.ai'],
  ])('refuses %s as an app origin', async (_name, appOrigin) => {
    const result = await runHandler(deps(), 'capabilities', { appOrigin }, optionsPage, vi.fn());
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request', field: 'appOrigin' } });
  });
});

describe('offboarding messages', () => {
  const act = { pageUrl: page, caseId: 'case-abc-def' };

  it.each([
    ['an unknown step', { ...act, step: 'delete-everything', action: 'run' }, 'step'],
    ['an unknown action', { ...act, step: 'remove-org', action: 'force' }, 'action'],
    ['a made-up case id', { ...act, caseId: '../../other', step: 'remove-org', action: 'verify' }, 'caseId'],
    ['an extra field', { ...act, step: 'remove-org', action: 'verify', mutation: 'removeUser' }, '(payload)'],
    ['re-check days out of range', { ...act, step: 'recheck', action: 'run', days: 4000 }, 'days'],
  ])('refuses %s before anything runs', async (_name, payload, field) => {
    const handler = vi.fn();
    const result = await runHandler(deps(), 'offboardAct', payload, toolkitFrame, handler);
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request', field } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an offboarding message from another extension', async () => {
    const handler = vi.fn();
    const result = await runHandler(
      deps(),
      'offboardStart',
      { pageUrl: page, username: 'dave' },
      { ...toolkitFrame, id: 'x' },
      handler,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('parses a payload into the step action it names, and refuses combinations that make no sense', async () => {
    const base = { pageUrl: page, caseId: 'case-abc-def' };
    const parsed = async (payload: object) => {
      const handler = vi.fn(async (data: unknown) => data);
      const result = await runHandler(deps(), 'offboardAct', payload, toolkitFrame, handler);
      if (result.ok) return result.data;
      throw new Error(result.error.message);
    };
    expect(await parsed({ ...base, step: 'remove-org', action: 'run', confirm: 'dave' })).toEqual({
      ...base,
      step: 'remove-org',
      action: 'run',
      confirm: 'dave',
    });
    expect(await parsed({ ...base, step: 'recheck', action: 'run' })).toEqual({
      ...base,
      step: 'recheck',
      action: 'run',
      days: 30,
    });
    await expect(parsed({ ...base, step: 'remove-org', action: 'run' })).rejects.toThrow(/typed username/);
    await expect(
      parsed({ ...base, step: 'remove-org', action: 'choose', team: 't', to: 'u' }),
    ).rejects.toThrow(/reassign/);
    await expect(parsed({ ...base, step: 'revoke-keys', action: 'skip' })).rejects.toThrow(/reason/);
    await expect(parsed({ ...base, step: 'remove-org', action: 'confirm' })).rejects.toThrow(/confirmation/);
  });
});

describe('the toolkit frame: only a frame the toolkit opened on its page can act', () => {
  const otherFrame = { ...toolkitFrame, frameId: 5 };
  const token = (d: BackgroundDeps, sender = contentScript, pageUrl = page) =>
    runHandler(d, 'toolkitFrameToken', { pageUrl }, sender, frameHandlers(d).toolkitFrameToken);
  const hello = (d: BackgroundDeps, value: string, sender = otherFrame) =>
    runHandler(d, 'toolkitFrameHello', { token: value }, sender, frameHandlers(d).toolkitFrameHello);

  it('refuses every tool message from a toolkit frame that presented no token (a page embedding it itself)', async () => {
    const d = deps();
    const handler = vi.fn(async () => 'ran');
    for (const [type, payload] of [
      ['getSummary', { pageUrl: page }],
      ['inviteStart', { pageUrl: page, rows: [] }],
      ['offboardStart', { pageUrl: page, username: 'dave' }],
      ['directoryLoad', { pageUrl: page }],
    ] as const) {
      expect(await runHandler(d, type, payload, otherFrame, handler)).toEqual({
        ok: false,
        error: { kind: 'forbidden-sender', message: 'This sender may not use the toolkit.' },
      });
    }
    expect(handler).not.toHaveBeenCalled();
    expect(d.rejected[0]).toBe('getSummary: toolkit frame not opened by the toolkit on its page');
  });

  it("binds a frame of the content script's own tab with the token, once, and then answers it", async () => {
    const d = deps();
    const issued = await token(d);
    if (!issued.ok) throw new Error('no token');
    expect(issued.data.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await hello(d, issued.data.token)).toEqual({ ok: true, data: { pageUrl: page } });
    const handler = vi.fn(async () => 'ran');
    expect(await runHandler(d, 'getSummary', { pageUrl: page }, otherFrame, handler)).toEqual({
      ok: true,
      data: 'ran',
    });
    // Single use: a second frame presenting the same token is not bound.
    expect(await hello(d, issued.data.token, { ...toolkitFrame, frameId: 6 })).toMatchObject({
      ok: false,
      error: { kind: 'bad-request', message: 'This frame was not opened by the toolkit on this page.' },
    });
    expect(
      await runHandler(d, 'getSummary', { pageUrl: page }, { ...toolkitFrame, frameId: 6 }, handler),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
  });

  it('tells a newly bound frame the tool the background opened its tab for, once (the popup\'s "Open the case")', async () => {
    const d = deps();
    d.launches.set(7, { tool: 'offboard', arg: 'case-abc' });
    const issued = await token(d);
    if (!issued.ok) throw new Error('no token');
    expect(await hello(d, issued.data.token)).toEqual({
      ok: true,
      data: { pageUrl: page, launch: { tool: 'offboard', arg: 'case-abc' } },
    });
    const again = await token(d);
    if (!again.ok) throw new Error('no token');
    expect(await hello(d, again.data.token)).toEqual({ ok: true, data: { pageUrl: page } });
    // Only the extension's own pages (the popup) may open a case; a toolkit frame may not.
    const handler = vi.fn(async () => ({ opened: true as const }));
    expect(
      await runHandler(d, 'offboardOpenCase', { caseId: 'case-abc' }, toolkitFrame, handler),
    ).toMatchObject({
      ok: false,
      error: { kind: 'bad-request', message: "Only the toolkit's own pages (its popup) can do this." },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not bind a frame in another tab, nor one presenting a token nobody issued', async () => {
    const d = deps();
    const issued = await token(d);
    if (!issued.ok) throw new Error('no token');
    expect(await hello(d, issued.data.token, { ...otherFrame, tab: { id: 8 } })).toMatchObject({
      ok: false,
      error: { kind: 'bad-request' },
    });
    expect(await hello(d, '00000000-0000-4000-8000-000000000000')).toMatchObject({
      ok: false,
      error: { kind: 'bad-request' },
    });
  });

  it('issues tokens only to a content script on an admin page of its own origin', async () => {
    const d = deps();
    expect(await token(d, toolkitFrame)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(await token(d, contentScript, 'https://wandb.ai/home')).toMatchObject({
      ok: false,
      error: { kind: 'bad-request', message: expect.stringMatching(/admin pages/) },
    });
    expect(
      await token(d, contentScript, 'https://acme.wandb.io/account-settings/acme/members'),
    ).toMatchObject({
      ok: false,
      error: { kind: 'bad-request', message: 'The page URL does not match the sending page.' },
    });
  });

  it('a content script cannot use the tools, and the toolkit frame cannot touch the admin key', async () => {
    const asContentScript = {
      trusted: true,
      kind: 'content-script',
      appOrigin: 'https://wandb.ai',
      tabId: 7,
      frameId: 0,
    } as const;
    expect(() => routeForPage(asContentScript, page)).toThrow(
      'Only the toolkit on a W&B page can ask for this.',
    );
    const d = deps();
    expect(await runHandler(d, 'keyInfo', {}, toolkitFrame, keyHandlers.handlers(d).keyInfo)).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: 'Only the toolkit options page can do this.' },
    });
  });

  it('acts only for the very page the frame was opened on', () => {
    const asFrame = {
      trusted: true,
      kind: 'toolkit-frame',
      tabId: 7,
      frameId: 4,
      binding: frameBinding,
    } as const;
    expect(routeForPage(asFrame, page)).toEqual({
      appOrigin: 'https://wandb.ai',
      route: { kind: 'org-members', org: 'acme' },
    });
    expect(() => routeForPage(asFrame, 'https://wandb.ai/account-settings/other-org/members')).toThrow(
      'The page URL does not match the page the toolkit was opened on.',
    );
    expect(() => routeForPage({ ...asFrame, binding: null }, page)).toThrow(
      'Only the toolkit on a W&B page can ask for this.',
    );
  });
});
