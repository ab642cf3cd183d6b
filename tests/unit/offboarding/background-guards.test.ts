/**
 * Guards of the offboarding handlers (`lib/offboarding/background.ts`), the session-only actions
 * (`actions.ts`) and the links to W&B's own pages (`links.ts`): each handler acts on the page's own
 * host and org, the session never claims a write it has no verified operation for, and a link
 * never lets a name reach into another path (found by mutation testing, issue #17).
 */
import { describe, expect, it, vi } from 'vitest';
import type { BackgroundDeps, Verified } from '@/lib/background/deps';
import { createLaunches } from '@/lib/background/launches';
import { createSessionActions } from '@/lib/offboarding/actions';
import { offboardingHandlers } from '@/lib/offboarding/background';
import {
  apiKeysPageUrl,
  membersPageUrl,
  orgDashboardUrl,
  runUrl,
  teamServiceAccountsUrl,
  teamSettingsUrl,
} from '@/lib/offboarding/links';
import { WandbError } from '@/lib/wandb/errors';

const HOST = 'https://wandb.acme.test';
const page = `${HOST}/account-settings/acme/members`;
const frame: Verified = {
  trusted: true,
  kind: 'toolkit-frame',
  tabId: 7,
  frameId: 4,
  binding: { appOrigin: HOST, pageUrl: page, tabId: 7, frameId: 4, at: 1 },
};
const popup: Verified = { trusted: true, kind: 'extension-page' };

/** The handlers over a recording offboarding service: what each was asked, in order. */
function setup(place: { appOrigin: string; org: string } | null = { appOrigin: HOST, org: 'acme' }) {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return `${name} answer`;
    };
  const launches = createLaunches();
  const openTab = vi.fn(async () => 12);
  const deps = {
    scopeFor: async (appOrigin: string) => ({ kind: 'org', org: appOrigin === HOST ? 'acme' : 'other' }),
    loadSummary: async () => ({ viewer: { username: 'alice' } }),
    openTab,
    launches,
    offboarding: {
      impact: record('impact'),
      start: record('start'),
      list: record('list'),
      act: record('act'),
      record: record('record'),
      reinvite: record('reinvite'),
      close: record('close'),
      delete: record('delete'),
      due: record('due'),
      placeOf: async (caseId: string) => {
        calls.push(['placeOf', caseId]);
        return place;
      },
    },
  } as unknown as BackgroundDeps;
  return { handlers: offboardingHandlers.handlers(deps), calls, launches, openTab };
}

describe('offboarding handlers guard "a case is read and changed in the page\'s own host and org only"', () => {
  it('impact, start and the case list name the host, the org and (for start) the signed-in admin', async () => {
    const { handlers, calls } = setup();
    expect(await handlers.offboardImpact({ pageUrl: page, username: 'dave' }, frame)).toBe('impact answer');
    expect(await handlers.offboardStart({ pageUrl: page, username: 'dave' }, frame)).toBe('start answer');
    expect(await handlers.offboardCases({ pageUrl: page }, frame)).toBe('list answer');
    expect(calls).toEqual([
      ['impact', HOST, 'acme', 'dave'],
      ['start', HOST, 'acme', 'alice', 'dave'],
      ['list', HOST, 'acme'],
    ]);
  });

  it('acting on, downloading, re-inviting, closing and deleting a case each name the case and its place', async () => {
    const { handlers, calls } = setup();
    const where = { pageUrl: page, caseId: 'case-abc-def' };
    await handlers.offboardAct({ ...where, step: 'remove-teams', action: 'run' }, frame);
    await handlers.offboardRecord({ ...where, format: 'md' }, frame);
    await handlers.offboardReinvite(where, frame);
    await handlers.offboardClose(where, frame);
    await handlers.offboardDelete(where, frame);
    await handlers.offboardDue({}, popup);
    const place = { appOrigin: HOST, org: 'acme' };
    expect(calls).toEqual([
      ['act', 'case-abc-def', place, { step: 'remove-teams', action: 'run' }],
      ['record', 'case-abc-def', place, 'md'],
      ['reinvite', 'case-abc-def', place],
      ['close', 'case-abc-def', place],
      ['delete', 'case-abc-def', place],
      ['due'],
    ]);
  });

  it('opening a case from the popup opens its own members page and hands the case to the frame that binds there', async () => {
    const { handlers, launches, openTab } = setup({ appOrigin: HOST, org: 'acme lab' });
    expect(await handlers.offboardOpenCase({ caseId: 'case-abc-def' }, popup)).toEqual({ opened: true });
    expect(openTab).toHaveBeenCalledWith(`${HOST}/account-settings/acme%20lab/members`);
    expect(launches.take(12)).toEqual({ tool: 'offboard', arg: 'case:case-abc-def' });
  });

  it('a case no longer stored opens nothing and says so', async () => {
    const { handlers, openTab } = setup(null);
    await expect(handlers.offboardOpenCase({ caseId: 'case-abc-def' }, popup)).rejects.toThrow(
      'That offboarding case is no longer stored on this device.',
    );
    expect(openTab).not.toHaveBeenCalled();
  });
});

describe('session actions guard "no write without a verified operation"', () => {
  const input = { team: 'vision', username: 'frank', membershipId: 'm-1' };

  it('team removal sends deleteInvite with the membership id and team, and says what W&B answered', async () => {
    const deleteInvite = vi.fn(async () => ({ success: true }));
    const actions = createSessionActions({ deleteInvite });
    expect(await actions.removeFromTeam(input)).toEqual({
      ok: true,
      detail: 'W&B confirmed frank removed from vision.',
    });
    expect(deleteInvite).toHaveBeenCalledWith({ id: 'm-1', team: 'vision' });
    const refused = createSessionActions({ deleteInvite: async () => ({ success: false }) });
    expect(await refused.removeFromTeam(input)).toEqual({
      ok: false,
      detail: 'W&B did not confirm removing frank from vision.',
    });
  });

  it("a failed removal is a failed step with W&B's message; a cancelled one stops the run instead", async () => {
    const failing = createSessionActions({
      deleteInvite: async () => {
        throw new WandbError({ kind: 'server', message: 'W&B answered 502.' });
      },
    });
    expect(await failing.removeFromTeam(input)).toEqual({ ok: false, detail: 'W&B answered 502.' });
    const thrown = createSessionActions({
      deleteInvite: async () => {
        throw 'offline';
      },
    });
    expect(await thrown.removeFromTeam(input)).toEqual({ ok: false, detail: 'offline' });
    const cancelled = new WandbError({ kind: 'cancelled', message: 'The request was cancelled.' });
    const stopping = createSessionActions({
      deleteInvite: async () => {
        throw cancelled;
      },
    });
    await expect(stopping.removeFromTeam(input)).rejects.toBe(cancelled);
  });

  it('org removal, promotion and deactivation are unsupported, and deactivation cannot be read', async () => {
    const deleteInvite = vi.fn();
    const actions = createSessionActions({ deleteInvite });
    expect(await actions.removeFromOrg({ username: 'frank', userId: 'u-1', email: 'f@acme.test' })).toBe(
      'unsupported',
    );
    expect(await actions.promoteTeamAdmin({ team: 'vision', username: 'zoe' })).toBe('unsupported');
    expect(await actions.deactivate({ username: 'frank' })).toBe('unsupported');
    expect(await actions.isDeactivated({ username: 'frank' })).toBe('unknown');
    expect(deleteInvite).not.toHaveBeenCalled();
    expect(actions.capabilities).toEqual({
      deactivate: 'unavailable',
      removeFromTeam: 'session',
      removeFromOrg: 'manual',
      promoteTeamAdmin: 'manual',
    });
  });
});

describe('links guard "a name is one path segment"', () => {
  it('each link is on the host given, with names encoded', () => {
    const odd = 'a b/../c?d#e';
    const seg = 'a%20b%2F..%2Fc%3Fd%23e';
    expect(membersPageUrl(HOST, odd)).toBe(`${HOST}/account-settings/${seg}/members`);
    expect(apiKeysPageUrl(HOST, odd)).toBe(`${HOST}/account-settings/${seg}/api-keys`);
    expect(orgDashboardUrl(HOST)).toBe(`${HOST}/org/dashboard`);
    expect(teamSettingsUrl(HOST, odd)).toBe(`${HOST}/${seg}/settings`);
    expect(teamServiceAccountsUrl(HOST, odd)).toBe(`${HOST}/${seg}/service-accounts`);
    expect(runUrl(HOST, odd, 'p/q', 'r s')).toBe(`${HOST}/${seg}/p%2Fq/runs/r%20s`);
  });
});
