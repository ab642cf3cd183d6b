import { describe, expect, it, vi } from 'vitest';
import { createAdminKeyService } from '../../../lib/background/admin-key';
import { createDirectoryJobs } from '../../../lib/background/directory-jobs';
import {
  type BackgroundDeps,
  refuseUnknownMessages,
  runHandler,
  toStepAction,
} from '../../../lib/background/handlers';
import { createInviteJobs } from '../../../lib/background/invite-jobs';
import { createOffboarding } from '../../../lib/background/offboarding';
import { WandbError } from '../../../lib/wandb/errors';

const page = 'https://wandb.ai/account-settings/acme/members';
const contentScript = { id: 'ourid', url: page, tab: { id: 7 }, frameId: 0 };

function deps(): BackgroundDeps & { rejected: string[] } {
  const rejected: string[] = [];
  return {
    rejected,
    extensionId: 'ourid',
    extensionOrigin: 'chrome-extension://ourid/',
    extraAppOrigins: () => [],
    injectToolkit: vi.fn(async () => {}),
    loadSummary: vi.fn(),
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
    const result = await runHandler(deps(), 'getSummary', { pageUrl: page }, contentScript, handler);
    expect(result).toEqual({ ok: true, data: false });
    expect(handler).toHaveBeenCalledWith(
      { pageUrl: page, refresh: false },
      { trusted: true, kind: 'content-script', appOrigin: 'https://wandb.ai', tabId: 7, frameId: 0 },
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
    const result = await runHandler(deps(), 'getSummary', payload, contentScript, handler);
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
      { ...contentScript, id: 'other' },
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
    const result = await runHandler(deps(), 'getSummary', { pageUrl: page }, contentScript, async () => {
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
    expect(await runHandler(d, 'getSummary', { pageUrl: selfManaged.url }, selfManaged, handler)).toEqual({
      ok: true,
      data: 'ok',
    });
    const other = { ...selfManaged, url: 'https://evil.example/account-settings/acme/members' };
    expect(await runHandler(d, 'getSummary', { pageUrl: other.url }, other, handler)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
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
    const result = await runHandler(deps(), 'offboardAct', payload, contentScript, handler);
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-request', field } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an offboarding message from another extension', async () => {
    const handler = vi.fn();
    const result = await runHandler(
      deps(),
      'offboardStart',
      { pageUrl: page, username: 'dave' },
      { ...contentScript, id: 'x' },
      handler,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('maps a payload to the step action it names, and refuses combinations that make no sense', () => {
    const base = { pageUrl: page, caseId: 'case-abc-def' };
    expect(toStepAction({ ...base, step: 'remove-org', action: 'run', confirm: 'dave' })).toEqual({
      step: 'remove-org',
      action: 'run',
      confirm: 'dave',
    });
    expect(toStepAction({ ...base, step: 'recheck', action: 'run' })).toEqual({
      step: 'recheck',
      action: 'run',
      days: 30,
    });
    expect(() => toStepAction({ ...base, step: 'remove-org', action: 'run' })).toThrow(/typed username/);
    expect(() => toStepAction({ ...base, step: 'remove-org', action: 'choose', team: 't', to: 'u' })).toThrow(
      /reassign/,
    );
    expect(() => toStepAction({ ...base, step: 'revoke-keys', action: 'skip' })).toThrow(/reason/);
    expect(() => toStepAction({ ...base, step: 'remove-org', action: 'confirm' })).toThrow(/confirmation/);
  });
});
