/** W&B's audit logs read as 7-day windows: the plan, the walk (progress, stop at the first refusal) and the summaries. */
import { describe, expect, it, vi } from 'vitest';
import {
  type AuditWindow,
  type AuditWindowMeta,
  auditWindows,
  coversAskedDays,
  describeAuditRead,
  latestByActor,
  mergeLatest,
  readAuditLogs,
  type WandbAuditEntry,
} from '@/lib/wandb/audit-windows';
import { WandbError } from '@/lib/wandb/errors';

const NOW = new Date('2026-12-04T18:07:00Z');
const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe('auditWindows', () => {
  it('covers today and the N days before it with 7-day windows, newest first, without gaps or overlaps', () => {
    const windows = auditWindows(90, NOW);
    expect(windows).toHaveLength(13);
    expect(windows[0]).toEqual({ startDate: '2026-11-28', numDays: 6, endDate: '2026-12-04' });
    expect(windows.at(-1)).toEqual({ startDate: '2026-09-05', numDays: 6, endDate: '2026-09-11' });
    for (const [i, w] of windows.entries()) {
      expect(ms(w.endDate) - ms(w.startDate)).toBe(w.numDays * DAY);
      expect(w.numDays).toBeLessThanOrEqual(6);
      const older = windows[i + 1];
      if (older) expect(ms(w.startDate) - ms(older.endDate)).toBe(DAY);
    }
  });

  it('clips the oldest window at the first day asked, reads today alone for 0, and at most 366 days', () => {
    expect(auditWindows(10, NOW)).toEqual([
      { startDate: '2026-11-28', numDays: 6, endDate: '2026-12-04' },
      { startDate: '2026-11-24', numDays: 3, endDate: '2026-11-27' },
    ]);
    expect(auditWindows(0, NOW)).toEqual([{ startDate: '2026-12-04', numDays: 0, endDate: '2026-12-04' }]);
    const year = auditWindows(5000, NOW);
    expect(year).toHaveLength(53);
    expect(year.at(-1)!.startDate).toBe(new Date(ms('2026-12-04') - 366 * DAY).toISOString().slice(0, 10));
    expect(auditWindows(-3, NOW)).toHaveLength(1);
  });
});

describe('readAuditLogs', () => {
  const windows = auditWindows(20, NOW);

  it('reads each window in turn and reports progress after each', async () => {
    const progress: string[] = [];
    const read = await readAuditLogs({
      windows,
      readWindow: async (w) => w.startDate,
      onProgress: ({ done, total, window }) => progress.push(`${done}/${total} ${window.startDate}`),
    });
    expect(read).toEqual(windows.map((w) => w.startDate));
    expect(progress).toEqual(windows.map((w, i) => `${i + 1}/${windows.length} ${w.startDate}`));
  });

  it('stops at the first refusal and throws it as W&B said it; later windows are not asked for', async () => {
    const refusal = new WandbError({ kind: 'not-admin', message: 'W&B said: "only organization admins"' });
    const readWindow = vi.fn(async (w: AuditWindow) => {
      if (w === windows[1]) throw refusal;
      return w.startDate;
    });
    await expect(readAuditLogs({ windows, readWindow })).rejects.toBe(refusal);
    expect(readWindow).toHaveBeenCalledTimes(2);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const readWindow = vi.fn(async () => controller.abort());
    await expect(readAuditLogs({ windows, readWindow, signal: controller.signal })).rejects.toThrow(
      'Cancelled',
    );
    expect(readWindow).toHaveBeenCalledTimes(1);
  });
});

const entry = (
  timestamp: string,
  email: string | null,
  id: string | null,
  action = 'user:login',
): WandbAuditEntry => ({
  timestamp,
  action,
  actorEmail: email,
  actorUserId: id,
  other: '',
});

describe('latest activity per actor', () => {
  it('keeps each actor’s newest entry, by email in any case, else by id; unnamed actors and non-dates are left out', () => {
    const latest = latestByActor([
      entry('2026-11-01T10:00:00Z', 'Ann@X.io', 'user-1'),
      entry('2026-11-03T10:00:00Z', 'ann@x.io', 'user-1', 'team:invite_user'),
      entry('2026-11-02T10:00:00Z', 'ann@x.io', 'user-1'),
      entry('2026-11-05T10:00:00Z', null, 'user-9'),
      entry('2026-11-04T10:00:00Z', null, null),
      entry('yesterday', 'bo@x.io', 'user-2'),
    ]);
    expect(latest).toEqual([
      { email: 'ann@x.io', userId: 'user-1', at: '2026-11-03T10:00:00Z', action: 'team:invite_user' },
      { email: null, userId: 'user-9', at: '2026-11-05T10:00:00Z', action: 'user:login' },
    ]);
    const merged = mergeLatest([
      latest,
      [{ email: 'ann@x.io', userId: 'user-1', at: '2026-11-30T00:00:00Z', action: 'run:update' }],
    ]);
    expect(merged.find((a) => a.email === 'ann@x.io')?.at).toBe('2026-11-30T00:00:00Z');
  });
});

describe('what the dialog says was read', () => {
  const metas: AuditWindowMeta[] = auditWindows(90, NOW).map((window) => ({
    window,
    rangeStart: `${window.startDate}T00:00:00.000Z`,
    rangeEnd: new Date(ms(window.endDate) + DAY).toISOString(),
    pages: 1,
    count: 0,
  }));

  it('names the days W&B answered for and the number of windows', () => {
    expect(describeAuditRead(metas)).toBe('W&B audit logs, 2026-09-05 – 2026-12-04, 13 windows');
    expect(describeAuditRead(metas.slice(0, 1))).toBe('W&B audit logs, 2026-11-28 – 2026-12-04, 1 window');
  });

  it('notices a server whose ranges leave days unread', () => {
    expect(coversAskedDays(metas, NOW)).toBe(true);
    const short = metas.map((m) => ({ ...m, rangeEnd: `${m.window.endDate}T00:00:00.000Z` }));
    expect(coversAskedDays(short, NOW)).toBe(false);
    // A range that ends at the time of the read covers today.
    expect(coversAskedDays([{ ...metas[0]!, rangeEnd: NOW.toISOString() }], NOW)).toBe(true);
  });
});
