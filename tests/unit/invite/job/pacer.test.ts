import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInviteJob, runInviteJob } from '@/lib/invite/job';
import { RatePacer } from '@/lib/invite/job/pacer';
import { rateLimitedError } from '@/lib/wandb/errors';
import { sleepWithSignal } from '@/lib/wandb/graphql';
import { newRow } from './fakeServer';

describe('RatePacer', () => {
  it('does not hold anything back before the server has answered 429', () => {
    const pacer = new RatePacer();
    expect(pacer.rememberedStarts).toBe(0);
    for (let t = 0; t < 100; t += 10) {
      expect(pacer.reserve(t)).toBe(0);
      pacer.allowedAt(t);
    }
    expect(pacer.intervalMs).toBe(0);
  });

  it('learns the rate let through in the second before a 429 and spaces starts a little under it', () => {
    const pacer = new RatePacer();
    // 20 requests got through between t = 0 and 950 ms, then one at 990 ms was refused.
    for (let i = 0; i < 20; i++) pacer.allowedAt(i * 50);
    pacer.limitedAt(990, 1040);
    expect(pacer.intervalMs).toBeCloseTo(52.5, 5);
    // Concurrent workers get distinct, evenly spaced slots.
    expect([pacer.reserve(2000), pacer.reserve(2000), pacer.reserve(2000)]).toEqual([0, 52.5, 105]);
    // A worker coming late starts at once, the next one an interval later.
    expect(pacer.reserve(3000)).toBe(0);
    expect(pacer.reserve(3000)).toBeCloseTo(52.5, 5);
  });

  it('counts only requests that started within the window before the refused one', () => {
    const pacer = new RatePacer();
    // Still kept (within two windows of the 429) but started a window or more before the refused one.
    for (let i = 0; i < 10; i++) pacer.allowedAt(4200 + i * 40); // 4200 … 4560
    pacer.allowedAt(4600); // exactly one window before: outside
    for (let i = 0; i < 5; i++) pacer.allowedAt(5000 + i * 100); // 5000 … 5400: inside
    pacer.allowedAt(5600); // started with the refused one and let through: inside
    pacer.allowedAt(5620); // started after the refused one, answered first: not what the server allowed then
    pacer.limitedAt(5600, 5650);
    expect(pacer.intervalMs).toBeCloseTo(175, 5); // 1000 / 6 · 1.05
  });

  it('learns from the second before a slow 429, not from what was answered while it was in flight', () => {
    const pacer = new RatePacer();
    // 20 requests got through between t = 0 and 950 ms; one started at 990 ms is refused, but its
    // 429 arrives 3 s later (a slow server), after other answers moved the clock on.
    for (let i = 0; i < 20; i++) pacer.allowedAt(i * 50);
    for (let t = 2000; t < 4000; t += 500) pacer.allowedAt(t);
    pacer.limitedAt(990, 4000);
    // The rate of the second before its start (20/s), not "nothing let through" (the 250 ms back-off).
    expect(pacer.intervalMs).toBeCloseTo(52.5, 5);
  });

  it('still counts a 429 answered as late as a request can be (30 s), then forgets older starts', () => {
    const pacer = new RatePacer();
    for (let i = 0; i < 20; i++) pacer.allowedAt(i * 50); // 0 … 950
    pacer.allowedAt(30_980); // a fast answer 30 s later
    pacer.limitedAt(990, 30_990);
    expect(pacer.intervalMs).toBeCloseTo(52.5, 5);
    // 30 s and one window after those starts, a 429 has nothing of them left to count.
    pacer.allowedAt(31_950);
    expect(pacer.rememberedStarts).toBe(2);
  });

  it('remembers only the starts a late 429 could still count, however long the job runs', () => {
    const pacer = new RatePacer();
    // One start every 100 ms for 100 s: a 429 arriving now started at most 30 s ago and counts
    // the second before that, so only starts after 68.9 s are kept (68.9 s itself is outside).
    for (let t = 0; t < 100_000; t += 100) pacer.allowedAt(t);
    expect(pacer.rememberedStarts).toBe(310);
    // Kept whatever order the answers came in: a start answered late is not lost behind a newer one.
    pacer.allowedAt(99_950);
    pacer.allowedAt(99_000);
    expect(pacer.rememberedStarts).toBe(312);
  });

  it('backs off further when a 429 comes with nothing let through, up to the ceiling', () => {
    const pacer = new RatePacer({ maxIntervalMs: 1000 });
    pacer.limitedAt(0, 10);
    expect(pacer.intervalMs).toBe(250);
    pacer.limitedAt(20, 30);
    expect(pacer.intervalMs).toBe(500);
    pacer.limitedAt(40, 50);
    pacer.limitedAt(60, 70);
    expect(pacer.intervalMs).toBe(1000);
  });

  it('tries 10 % faster after a quiet spell, so a raised limit is found again', () => {
    const pacer = new RatePacer({ probeAfterMs: 20_000 });
    for (let i = 0; i < 10; i++) pacer.allowedAt(i * 100);
    pacer.limitedAt(950, 1000);
    expect(pacer.intervalMs).toBeCloseTo(105, 5);
    pacer.reserve(10_000);
    expect(pacer.intervalMs).toBeCloseTo(105, 5);
    pacer.reserve(21_000);
    expect(pacer.intervalMs).toBeCloseTo(94.5, 5);
    // The next probe is another quiet spell away, not the next request.
    pacer.reserve(21_001);
    pacer.reserve(40_999);
    expect(pacer.intervalMs).toBeCloseTo(94.5, 5);
    pacer.reserve(41_000);
    expect(pacer.intervalMs).toBeCloseTo(85.05, 5);
  });

  it('counts the quiet spell from the latest 429, not from the first', () => {
    const pacer = new RatePacer({ probeAfterMs: 15_000 });
    pacer.limitedAt(0, 10); // nothing let through: 250 ms
    pacer.limitedAt(30_000, 30_010); // again: 500 ms
    expect(pacer.intervalMs).toBe(500);
    pacer.reserve(45_000); // 14.99 s after the latest 429: no probe yet
    expect(pacer.intervalMs).toBe(500);
    pacer.reserve(45_010);
    expect(pacer.intervalMs).toBe(450);
  });
});

describe('a job under a rolling rate limit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * W&B stand-in on fake timers: answers after `latencyMs`, lets `limit` requests through per
   * rolling second (counted on arrival) and answers the rest 429 with Retry-After 1 s.
   */
  async function runLimited(rows: number, limit: number, latencyMs: number, concurrency: number) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const arrivals: number[] = [];
    const created: string[] = [];
    let refused = 0;
    const job = createInviteJob(
      Array.from({ length: rows }, (_, i) => newRow(i, `u${i}@x.io`, ['vision'])),
      { id: 'j', org: 'acme', scope: 'org:acme', now: Date.now(), concurrency },
    );
    const started = Date.now();
    const run = runInviteJob(job, {
      save: async () => {},
      async send(unit) {
        const t = Date.now();
        while (arrivals.length > 0 && arrivals[0]! <= t - 1000) arrivals.shift();
        const allowed = arrivals.length < limit;
        if (allowed) arrivals.push(t);
        await new Promise((resolve) => setTimeout(resolve, latencyMs));
        if (!allowed) {
          refused++;
          throw rateLimitedError(1000);
        }
        created.push(unit.email);
        return { inviteId: `inv-${created.length}` };
      },
      findPendingInvite: async () => null,
      now: Date.now,
      sleep: sleepWithSignal,
      random: () => 0.5,
    });
    await vi.runAllTimersAsync();
    const result = await run;
    return { result, created, refused, wallMs: Date.now() - started };
  }

  it('finishes within 1.2 × the limit bound, with a handful of 429s and no invite sent twice', async () => {
    const { result, created, refused, wallMs } = await runLimited(400, 20, 50, 4);
    expect(result.status).toBe('done');
    expect(result.units.every((unit) => unit.state === 'invited')).toBe(true);
    expect(new Set(created).size).toBe(400);
    expect(created).toHaveLength(400);
    const boundMs = (400 / 20) * 1000;
    expect(wallMs).toBeGreaterThanOrEqual(boundMs - 1000);
    expect(wallMs / boundMs).toBeLessThanOrEqual(1.2);
    expect(refused).toBeLessThanOrEqual(6);
  });

  it('is not slowed when there is no limit to meet', async () => {
    const { result, refused, wallMs } = await runLimited(400, 10_000, 50, 4);
    expect(result.status).toBe('done');
    expect(refused).toBe(0);
    expect(wallMs).toBe((400 * 50) / 4);
  });
});
