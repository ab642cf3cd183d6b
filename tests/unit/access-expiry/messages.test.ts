/**
 * Time-bound access through the dispatcher: the dialog's messages only from the toolkit frame of
 * the page, with the org taken from that page; the popup's only from the extension's own pages; and
 * the popup's "Offboard <name>" opens the org's members page with the checklist on that member —
 * only for a member whose date has passed.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { accessExpiryHandlers } from '@/lib/access-expiry/background';
import { createAccessExpiry } from '@/lib/access-expiry/service';
import type { BackgroundDeps } from '@/lib/background/deps';
import { runHandler } from '@/lib/background/dispatch';
import { createLaunches } from '@/lib/background/launches';
import { createToolkitFrames } from '@/lib/background/toolkit-frames';
import type { MessageType } from '@/lib/messages';
import { summaryFixture } from '../components/summary-fixture';

const page = 'https://wandb.ai/account-settings/acme/members';
const toolkitFrame = {
  id: 'ourid',
  url: 'chrome-extension://ourid/toolkit-frame.html',
  origin: 'chrome-extension://ourid',
  tab: { id: 7 },
  frameId: 4,
};
const popup = { id: 'ourid', url: 'chrome-extension://ourid/popup.html' };
const wandbPage = { id: 'ourid', url: page, tab: { id: 7 }, frameId: 0 };

function setup() {
  let frames: unknown = {
    pending: {},
    frames: { '7:4': { appOrigin: 'https://wandb.ai', pageUrl: page, tabId: 7, frameId: 4, at: 1 } },
  };
  const clock = { now: Date.now() };
  const launches = createLaunches();
  const deps = {
    extensionId: 'ourid',
    extensionOrigin: 'chrome-extension://ourid/',
    extraAppOrigins: () => [],
    scopeFor: vi.fn(async () => ({ kind: 'org' as const, org: 'acme' })),
    loadSummary: vi.fn(async () =>
      summaryFixture({ viewer: { username: 'alice', isOrgAdmin: true, isTeamAdmin: true } }),
    ),
    openTab: vi.fn(async () => 12),
    launches,
    accessExpiry: createAccessExpiry({
      alarms: { create: async () => {}, clear: async () => {} },
      setBadge: async () => {},
      now: () => clock.now,
    }),
    logRejected: vi.fn(),
    toolkitFrames: createToolkitFrames({
      get: async () => structuredClone(frames),
      set: async (state) => {
        frames = structuredClone(state);
      },
    }),
  } as Partial<BackgroundDeps> as BackgroundDeps;
  const handlers = accessExpiryHandlers.handlers(deps) as Record<
    string,
    (data: never, sender: never) => Promise<unknown>
  >;
  const send = (type: MessageType, payload: unknown, sender: object = toolkitFrame) =>
    runHandler(deps, type, payload, sender, handlers[type] as never);
  return { send, deps, clock, launches };
}

const errorOf = (reply: { ok: boolean; error?: { message: string } }) =>
  reply.ok ? null : reply.error?.message;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const carol = { pageUrl: page, username: 'carol', name: 'Carol', email: 'carol@acme.test', note: '' };

beforeEach(() => {
  fakeBrowser.reset();
});

describe('time-bound access messages', () => {
  it("sets a date for the page's org as the signed-in admin, and lists it", async () => {
    const { send } = setup();
    const lastDay = inDays(10);
    expect(await send('accessExpirySet', { ...carol, lastDay })).toMatchObject({
      ok: true,
      data: [{ appOrigin: 'https://wandb.ai', org: 'acme', username: 'carol', lastDay, setBy: 'alice' }],
    });
    expect(await send('accessExpiryList', { pageUrl: page })).toMatchObject({
      ok: true,
      data: [{ username: 'carol' }],
    });
  });

  it.each([
    ['a W&B page itself', 'accessExpirySet', wandbPage, 'Only the toolkit on a W&B page can ask for this.'],
    ['the popup', 'accessExpiryList', popup, 'Only the toolkit on a W&B page can ask for this.'],
    [
      'the toolkit frame',
      'accessExpiryDue',
      toolkitFrame,
      "Only the toolkit's own pages (its popup) can do this.",
    ],
    [
      'a W&B page',
      'accessExpiryOffboard',
      wandbPage,
      "Only the toolkit's own pages (its popup) can do this.",
    ],
  ] as const)('refuses %s sending %s', async (_who, type, sender, message) => {
    const { send } = setup();
    const payload =
      type === 'accessExpiryDue'
        ? {}
        : type === 'accessExpiryOffboard'
          ? { appOrigin: 'https://wandb.ai', org: 'acme', username: 'carol' }
          : type === 'accessExpiryList'
            ? { pageUrl: page }
            : { ...carol, lastDay: inDays(3) };
    expect(errorOf(await send(type, payload, sender))).toBe(message);
  });

  it('refuses a username that could not key a stored date, and a note that is too long', async () => {
    const { send } = setup();
    expect(errorOf(await send('accessExpirySet', { ...carol, username: 'a|b', lastDay: inDays(3) }))).toMatch(
      /^Malformed accessExpirySet message: username: a W&B username has no spaces and no "\|"\.$/,
    );
    expect(
      errorOf(await send('accessExpirySet', { ...carol, note: 'x'.repeat(201), lastDay: inDays(3) })),
    ).toBe('Malformed accessExpirySet message: note: Note: at most 200 characters.');
  });

  it('the popup lists an expired member and opens the checklist on them; not one whose date is still ahead', async () => {
    const { send, deps, clock, launches } = setup();
    await send('accessExpirySet', { ...carol, lastDay: inDays(1) });
    const where = { appOrigin: 'https://wandb.ai', org: 'acme', username: 'carol' };
    expect(errorOf(await send('accessExpiryOffboard', where, popup))).toBe(
      `carol's access has not expired yet (last day ${inDays(1)}).`,
    );
    expect(deps.openTab).not.toHaveBeenCalled();

    clock.now += 3 * 86_400_000;
    expect(await send('accessExpiryDue', {}, popup)).toMatchObject({
      ok: true,
      data: [{ username: 'carol' }],
    });
    expect(await send('accessExpiryOffboard', where, popup)).toEqual({ ok: true, data: { opened: true } });
    expect(deps.openTab).toHaveBeenCalledWith('https://wandb.ai/account-settings/acme/members');
    expect(launches.take(12)).toEqual({ tool: 'offboard', arg: 'member:carol' });
    expect(errorOf(await send('accessExpiryOffboard', { ...where, username: 'dave' }, popup))).toBe(
      'No last day of access is kept for dave in acme.',
    );
  });
});
