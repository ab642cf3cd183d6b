/**
 * Time-bound access in the background: dates kept per host and org, one alarm on the next date to
 * pass, the badge counting the passed ones, and both rebuilt from storage by a fresh background
 * (a browser restart drops Chrome's alarms and every badge).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { endOfDay } from '@/lib/access-expiry/model';
import { ACCESS_EXPIRY_ALARM, createAccessExpiry } from '@/lib/access-expiry/service';
import { accessExpiriesItem } from '@/lib/access-expiry/storage';
import { readAuditLog } from '@/lib/audit/writer';
import { readCorruptItems } from '@/lib/corrupt-storage';

const ACME = { appOrigin: 'https://wandb.ai', org: 'acme' };
const BETA = { appOrigin: 'https://wandb.ai', org: 'beta' };
const SELF = { appOrigin: 'https://wandb.acme.test', org: 'acme' };
/** Noon local time on 2026-12-04: the day the admin works on. */
const START = new Date(2026, 11, 4, 12).getTime();
const carol = { username: 'carol', name: 'Carol C', email: 'carol@acme.test', note: 'contract ends' };

/** A background with an alarm registry, a badge and a clock of its own (the browser's, faked). */
function background(alarms = new Map<string, number>(), clock = { now: START }) {
  const badge = { count: 0, title: '' };
  const service = createAccessExpiry({
    alarms: {
      create: async (name, when) => {
        alarms.set(name, when);
      },
      clear: async (name) => {
        alarms.delete(name);
      },
    },
    setBadge: async (count, title) => {
      badge.count = count;
      badge.title = title;
    },
    now: () => clock.now,
  });
  return { service, alarms, badge, clock };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('time-bound access in the background', () => {
  it('a date set today is watched by one alarm at midnight after it; when it passes, the badge counts it', async () => {
    const { service, alarms, badge, clock } = background();
    const list = await service.set(ACME, 'alice', { ...carol, lastDay: '2026-12-04' });
    expect(list).toMatchObject([
      { username: 'carol', lastDay: '2026-12-04', expiredAt: null, setBy: 'alice' },
    ]);
    expect([...alarms]).toEqual([[ACCESS_EXPIRY_ALARM, new Date(2026, 11, 5).getTime()]]);
    expect(badge.count).toBe(0);
    expect(await service.expiredCount(ACME)).toEqual({ expired: 0, nextAt: new Date(2026, 11, 5).getTime() });

    // The alarm fires a little after midnight.
    clock.now = new Date(2026, 11, 5, 0, 0, 5).getTime();
    await service.fired();
    expect(badge).toEqual({
      count: 1,
      title: 'Access expired: carol (acme on wandb.ai) — click to offboard',
    });
    expect(alarms.size).toBe(0);
    expect(await service.expiredCount(ACME)).toEqual({ expired: 1, nextAt: null });
    const [expired] = await service.due();
    expect(expired).toMatchObject({ username: 'carol', expiredAt: new Date(clock.now).toISOString() });
  });

  it('an alarm that fires before the date has passed marks nothing and keeps watching it', async () => {
    const { service, alarms, badge, clock } = background();
    await service.set(ACME, 'alice', { ...carol, lastDay: '2026-12-04' });
    clock.now = new Date(2026, 11, 4, 23, 59).getTime();
    await service.fired();
    expect(badge.count).toBe(0);
    expect(alarms.get(ACCESS_EXPIRY_ALARM)).toBe(new Date(2026, 11, 5).getTime());
  });

  it('a fresh background (worker or browser restart) re-creates the alarm and the badge from storage', async () => {
    const first = background();
    await first.service.set(ACME, 'alice', { ...carol, lastDay: '2026-12-04' });
    await first.service.set(BETA, 'alice', { ...carol, username: 'dave', lastDay: '2027-01-15' });
    await first.service.set(SELF, 'alice', { ...carol, username: 'erin', lastDay: '2026-12-10' });
    first.clock.now = new Date(2026, 11, 6).getTime();
    await first.service.fired();
    expect(first.badge.count).toBe(1);

    // The browser restarts: no alarm, no badge; only storage is left.
    const after = background(new Map(), { now: new Date(2026, 11, 6, 9).getTime() });
    expect(after.alarms.size).toBe(0);
    await after.service.restore();
    expect([...after.alarms]).toEqual([[ACCESS_EXPIRY_ALARM, new Date(2026, 11, 11).getTime()]]);
    expect(after.badge.count).toBe(1);
    expect(after.badge.title).toContain('carol (acme on wandb.ai)');
  });

  it('a date that passed while the browser was closed is counted as soon as the background starts', async () => {
    const first = background();
    await first.service.set(SELF, 'alice', { ...carol, lastDay: '2026-12-10' });
    const after = background(new Map(), { now: new Date(2026, 11, 20).getTime() });
    await after.service.restore();
    expect(after.badge).toEqual({
      count: 1,
      title: 'Access expired: carol (acme on wandb.acme.test) — click to offboard',
    });
    expect(after.alarms.size).toBe(0);
  });

  it('keeps dates per host and org: the same username elsewhere is another entry', async () => {
    const { service } = background();
    await service.set(ACME, 'alice', { ...carol, lastDay: '2026-12-31' });
    await service.set(SELF, 'alice', { ...carol, lastDay: '2027-02-01' });
    expect((await service.list(ACME)).map((e) => e.lastDay)).toEqual(['2026-12-31']);
    expect((await service.list(SELF)).map((e) => e.lastDay)).toEqual(['2027-02-01']);
    expect(await service.list(BETA)).toEqual([]);
  });

  it('refuses a past, an impossible and a far-off date with the field and the value, and stores nothing', async () => {
    const { service } = background();
    await expect(service.set(ACME, 'alice', { ...carol, lastDay: '2026-12-03' })).rejects.toThrow(
      'Last day of access: 2026-12-03 is in the past (today is 2026-12-04); choose today or a later day.',
    );
    await expect(service.set(ACME, 'alice', { ...carol, lastDay: '2027-02-30' })).rejects.toThrow(
      'Last day of access: “2027-02-30” is not a date (YYYY-MM-DD).',
    );
    await expect(service.set(ACME, 'alice', { ...carol, lastDay: '2040-01-01' })).rejects.toThrow(
      'Last day of access: 2040-01-01 is more than 10 years ahead; check the year.',
    );
    expect(await service.list(ACME)).toEqual([]);
    expect(await readAuditLog()).toEqual([]);
  });

  it('changing a passed date to a later one takes it off the badge; removing the last one clears the alarm', async () => {
    const { service, alarms, badge, clock } = background();
    await service.set(ACME, 'alice', { ...carol, lastDay: '2026-12-04' });
    clock.now = new Date(2026, 11, 8).getTime();
    await service.fired();
    expect(badge.count).toBe(1);
    await service.set(ACME, 'bob', { ...carol, lastDay: '2027-03-31', note: 'contract extended' });
    expect(badge.count).toBe(0);
    expect(alarms.get(ACCESS_EXPIRY_ALARM)).toBe(endOfDay('2027-03-31'));
    expect(await service.remove(ACME, 'bob', 'carol')).toEqual([]);
    expect(alarms.size).toBe(0);
    await expect(service.remove(ACME, 'bob', 'carol')).rejects.toThrow(
      'No last day of access is set for carol in acme.',
    );
    expect((await readAuditLog()).map((e) => [e.actor, e.action, e.target, e.result, e.detail])).toEqual([
      ['alice', 'access-expiry', 'carol', 'ok', 'last day of access set: 2026-12-04 (contract ends)'],
      [
        'bob',
        'access-expiry',
        'carol',
        'ok',
        'last day of access changed from 2026-12-04 to 2027-03-31 (contract extended)',
      ],
      ['bob', 'access-expiry', 'carol', 'ok', 'last day of access removed (was 2027-03-31)'],
    ]);
  });

  it('a corrupt stored entry is set aside and the others are still watched', async () => {
    const { service, alarms } = background();
    await service.set(ACME, 'alice', { ...carol, lastDay: '2026-12-20' });
    const stored = (await accessExpiriesItem.getValue()) as Record<string, unknown>;
    await accessExpiriesItem.setValue({ ...stored, 'https://wandb.ai|acme|zed': { username: 'zed' } });
    alarms.clear();
    await service.restore();
    expect(alarms.get(ACCESS_EXPIRY_ALARM)).toBe(endOfDay('2026-12-20'));
    expect((await service.list(ACME)).map((e) => e.username)).toEqual(['carol']);
    expect(Object.keys(await readCorruptItems())).toEqual(['local:accessExpiries/https://wandb.ai|acme|zed']);
  });
});
