/**
 * Same-person links through the dispatcher: only the toolkit frame bound to an admin page reads and
 * changes them, for its page's host and organization only; kept in `local:idpLinks` (validated,
 * a damaged entry set aside), one link per member and per address.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { BackgroundDeps } from '@/lib/background/deps';
import { runHandler } from '@/lib/background/dispatch';
import { createToolkitFrames } from '@/lib/background/toolkit-frames';
import { readCorruptItems } from '@/lib/corrupt-storage';
import { reconcileHandlers } from '@/lib/reconcile/background';
import { idpLinksItem, readLinks } from '@/lib/reconcile/links';

const page = 'https://wandb.ai/account-settings/acme/members';
const toolkitFrame = {
  id: 'ourid',
  url: 'chrome-extension://ourid/toolkit-frame.html',
  origin: 'chrome-extension://ourid',
  tab: { id: 7 },
  frameId: 4,
};

function deps(org = 'acme'): BackgroundDeps {
  let frames: unknown = {
    pending: {},
    frames: { '7:4': { appOrigin: 'https://wandb.ai', pageUrl: page, tabId: 7, frameId: 4, at: 1 } },
  };
  return {
    extensionId: 'ourid',
    extensionOrigin: 'chrome-extension://ourid/',
    extraAppOrigins: () => [],
    scopeFor: vi.fn(async () => ({ kind: 'org' as const, org })),
    logRejected: vi.fn(),
    toolkitFrames: createToolkitFrames({
      get: async () => structuredClone(frames),
      set: async (state) => {
        frames = structuredClone(state);
      },
    }),
  } as Partial<BackgroundDeps> as BackgroundDeps;
}

type Type = 'reconcileLinks' | 'reconcileLink' | 'reconcileUnlink';
function send(type: Type, payload: unknown, sender: object = toolkitFrame, d = deps()) {
  const handler = reconcileHandlers.handlers(d)[type] as never;
  return runHandler(d, type, payload, sender, handler);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('same-person links', () => {
  it('are kept per host and organization, one per member, and read back for the page', async () => {
    const linked = await send('reconcileLink', {
      pageUrl: page,
      username: 'gus',
      idpEmail: ' Gus.Old@ACME.test ',
      memberEmail: 'gus@acme.test',
    });
    expect(linked).toEqual({
      ok: true,
      data: [
        {
          username: 'gus',
          idpEmail: 'gus.old@acme.test',
          memberEmail: 'gus@acme.test',
          linkedAt: expect.any(String),
        },
      ],
    });
    // Linking gus again replaces his link.
    await send('reconcileLink', { pageUrl: page, username: 'gus', idpEmail: 'g@acme.test', memberEmail: '' });
    const read = await send('reconcileLinks', { pageUrl: page });
    expect(read).toEqual({
      ok: true,
      data: [{ username: 'gus', idpEmail: 'g@acme.test', memberEmail: '', linkedAt: expect.any(String) }],
    });
    expect(Object.keys(await idpLinksItem.getValue())).toEqual(['https://wandb.ai acme']);
    // Another organization's page sees none of acme's links.
    expect(await send('reconcileLinks', { pageUrl: page }, toolkitFrame, deps('beta'))).toEqual({
      ok: true,
      data: [],
    });
    expect(await send('reconcileUnlink', { pageUrl: page, username: 'gus' })).toEqual({ ok: true, data: [] });
    expect(await idpLinksItem.getValue()).toEqual({});
  });

  it('refuses an address that is not one, and an address already linked to another member', async () => {
    const bad = await send('reconcileLink', {
      pageUrl: page,
      username: 'gus',
      idpEmail: 'gus at acme',
      memberEmail: '',
    });
    expect(bad).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: 'Bad email: "gus at acme" contains a space.' },
    });
    await send('reconcileLink', {
      pageUrl: page,
      username: 'gus',
      idpEmail: 'gus.old@acme.test',
      memberEmail: '',
    });
    const taken = await send('reconcileLink', {
      pageUrl: page,
      username: 'hal',
      idpEmail: 'GUS.OLD@acme.test',
      memberEmail: '',
    });
    expect(taken).toEqual({
      ok: false,
      error: {
        kind: 'bad-request',
        message: 'GUS.OLD@acme.test is already linked to gus: remove that link first.',
      },
    });
  });

  it.each([
    ['the options page', { pageUrl: page }, { id: 'ourid', url: 'chrome-extension://ourid/options.html' }],
    ['a W&B page itself', { pageUrl: page }, { id: 'ourid', url: page, tab: { id: 7 }, frameId: 0 }],
    [
      'another page than the frame’s',
      { pageUrl: 'https://wandb.ai/account-settings/beta/members' },
      toolkitFrame,
    ],
    ['an extra field', { pageUrl: page, org: 'beta' }, toolkitFrame],
  ])('refuses %s', async (_name, payload, sender) => {
    const reply = await send('reconcileLinks', payload, sender);
    expect(reply.ok).toBe(false);
    expect(reply.ok ? null : reply.error.kind).toBe('bad-request');
  });

  it('sets a damaged entry aside and keeps the others', async () => {
    await idpLinksItem.setValue({
      'https://wandb.ai acme': { appOrigin: 'https://wandb.ai', org: 'acme', links: [{ username: 'gus' }] },
      'https://wandb.ai beta': {
        appOrigin: 'https://wandb.ai',
        org: 'beta',
        links: [
          { username: 'bo', idpEmail: 'bo@beta.test', memberEmail: '', linkedAt: '2026-12-01T00:00:00.000Z' },
        ],
      },
    });
    expect(await readLinks('https://wandb.ai', 'acme')).toEqual([]);
    expect((await readLinks('https://wandb.ai', 'beta')).map((l) => l.username)).toEqual(['bo']);
    expect(Object.keys(await readCorruptItems())).toEqual(['local:idpLinks/https://wandb.ai acme']);
  });
});
