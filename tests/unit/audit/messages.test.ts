/**
 * The Audit log's one message through the dispatcher: only the toolkit frame bound to an admin page
 * may read the log, with a payload that is exactly `{ pageUrl }` for that page; it gets the stored
 * log, the cap and the page's org and host.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditHandlers } from '@/lib/audit/background';
import { appendAudit } from '@/lib/audit/writer';
import type { BackgroundDeps } from '@/lib/background/deps';
import { runHandler } from '@/lib/background/dispatch';
import { createToolkitFrames } from '@/lib/background/toolkit-frames';

const page = 'https://wandb.ai/account-settings/acme/members';
const toolkitFrame = {
  id: 'ourid',
  url: 'chrome-extension://ourid/toolkit-frame.html',
  origin: 'chrome-extension://ourid',
  tab: { id: 7 },
  frameId: 4,
};

function deps(): BackgroundDeps {
  let frames: unknown = {
    pending: {},
    frames: { '7:4': { appOrigin: 'https://wandb.ai', pageUrl: page, tabId: 7, frameId: 4, at: 1 } },
  };
  return {
    extensionId: 'ourid',
    extensionOrigin: 'chrome-extension://ourid/',
    extraAppOrigins: () => [],
    scopeFor: vi.fn(async () => ({ kind: 'org' as const, org: 'acme' })),
    logRejected: vi.fn(),
    toolkitFrames: createToolkitFrames({
      get: async () => structuredClone(frames),
      set: async (state) => {
        frames = structuredClone(state);
      },
    }),
  } as Partial<BackgroundDeps> as BackgroundDeps;
}

const read = (payload: unknown, sender: object = toolkitFrame) => {
  const d = deps();
  return runHandler(d, 'auditEntries', payload, sender, auditHandlers.handlers(d).auditEntries);
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('auditEntries', () => {
  it("answers the toolkit frame with the log, what the cap dropped, the cap, and its page's org and host", async () => {
    const entry = {
      id: 'a',
      at: '2026-12-01T10:00:00.000Z',
      actor: 'alice',
      action: 'invite' as const,
      target: 'ann@acme.test → vision',
      host: 'wandb.ai',
      org: 'acme',
      result: 'ok' as const,
      detail: 'invite inv-1',
    };
    await appendAudit([entry, { ...entry, id: 'b', at: '2026-12-02T10:00:00.000Z' }], 1);
    expect(await read({ pageUrl: page })).toEqual({
      ok: true,
      data: {
        entries: [{ ...entry, id: 'b', at: '2026-12-02T10:00:00.000Z' }],
        dropped: { count: 1, oldestKeptAt: '2026-12-02T10:00:00.000Z' },
        max: 5000,
        page: { org: 'acme', host: 'wandb.ai' },
      },
    });
  });

  const onlyFrame = { kind: 'bad-request', message: 'Only the toolkit on a W&B page can ask for this.' };
  it.each([
    [
      'the options page',
      { pageUrl: page },
      { id: 'ourid', url: 'chrome-extension://ourid/options.html' },
      onlyFrame,
    ],
    [
      'a W&B page itself',
      { pageUrl: page },
      { id: 'ourid', url: page, tab: { id: 7 }, frameId: 0 },
      onlyFrame,
    ],
    [
      'another page than the frame’s',
      { pageUrl: 'https://wandb.ai/account-settings/beta/members' },
      toolkitFrame,
      { kind: 'bad-request', message: 'The page URL does not match the page the toolkit was opened on.' },
    ],
    [
      'an extra field',
      { pageUrl: page, filter: 'all' },
      toolkitFrame,
      expect.objectContaining({ kind: 'bad-request', field: '(payload)' }),
    ],
  ])('refuses %s', async (_name, payload, sender, expected) => {
    const reply = await read(payload, sender);
    expect(reply.ok).toBe(false);
    expect(reply.ok ? null : reply.error).toEqual(expected);
  });
});
