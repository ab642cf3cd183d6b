import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverError, WandbError } from '@/lib/wandb/errors';
import { mapWithConcurrency } from '@/lib/wandb/pool';

/** Lets `ticks` macrotasks pass, so calls finish out of order. */
async function ticks(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Wraps `fn` so the largest number of calls running at once is recorded. */
function tracked<T, R>(fn: (item: T, index: number) => Promise<R>) {
  let running = 0;
  const stats = { max: 0, started: [] as number[] };
  return {
    stats,
    fn: async (item: T, index: number) => {
      stats.started.push(index);
      running++;
      stats.max = Math.max(stats.max, running);
      try {
        return await fn(item, index);
      } finally {
        running--;
      }
    },
  };
}

describe('mapWithConcurrency', () => {
  it('never has more than `limit` calls in flight, and keeps the items order in the results', async () => {
    const delays = [5, 1, 4, 1, 3, 2, 1, 6, 1, 2];
    const { fn, stats } = tracked(async (delay: number, index) => {
      await ticks(delay);
      return `item-${index}`;
    });
    const results = await mapWithConcurrency(delays, 3, fn);
    expect(results).toEqual(delays.map((_delay, index) => `item-${index}`));
    expect(stats.max).toBe(3);
    expect(stats.started).toHaveLength(10);
  });

  it('resolves an empty list with [] without calling fn', async () => {
    let calls = 0;
    await expect(
      mapWithConcurrency([], 4, async () => {
        calls++;
      }),
    ).resolves.toEqual([]);
    expect(calls).toBe(0);
  });

  it('treats a limit below 1 as 1', async () => {
    const { fn, stats } = tracked(async (value: number) => value * 2);
    await expect(mapWithConcurrency([1, 2, 3], 0, fn)).resolves.toEqual([2, 4, 6]);
    expect(stats.max).toBe(1);
  });

  it('stops at the first failure: rejects with it, starts nothing more, aborts the calls in flight', async () => {
    const failure = new WandbError({ kind: 'not-admin', message: 'no' });
    const abortedInFlight: number[] = [];
    const started: number[] = [];
    const pending = mapWithConcurrency(
      Array.from({ length: 20 }, (_value, index) => index),
      2,
      async (index, _position, signal) => {
        started.push(index);
        const onAbort = () => abortedInFlight.push(index);
        signal.addEventListener('abort', onAbort);
        try {
          await ticks(index === 0 ? 2 : 10);
          if (index === 0) throw failure;
          return index;
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      },
    );
    await expect(pending).rejects.toBe(failure);
    await ticks(20);
    expect(started).toEqual([0, 1]);
    expect(abortedInFlight).toEqual([1]);
  });

  it('passes a failure that survived retries through as is', async () => {
    const failure = serverError(503);
    await expect(
      mapWithConcurrency([1, 2], 2, async (value) => {
        if (value === 2) throw failure;
        return value;
      }),
    ).rejects.toBe(failure);
  });

  it('rejects with cancelled on abort, and does not start the remaining items', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const pending = mapWithConcurrency(
      [0, 1, 2, 3, 4, 5],
      2,
      async (index) => {
        started.push(index);
        if (index === 1) controller.abort();
        await ticks(2);
        return index;
      },
      { signal: controller.signal },
    );
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    await ticks(10);
    expect(started).toEqual([0, 1]);
  });

  it('rejects at once with cancelled when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(
      mapWithConcurrency(
        [1],
        1,
        async () => {
          calls++;
        },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(calls).toBe(0);
  });

  it('property: returns fn(items) in order for any list and limit, never exceeding the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer(), fc.integer({ min: 0, max: 3 })), { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        async (items, limit) => {
          const { fn, stats } = tracked(async ([value, delay]: [number, number]) => {
            await ticks(delay);
            return value * 3 + 1;
          });
          const results = await mapWithConcurrency(items, limit, fn);
          expect(results).toEqual(items.map(([value]) => value * 3 + 1));
          expect(stats.max).toBeLessThanOrEqual(limit);
          expect(stats.max).toBe(Math.min(limit, items.length));
        },
      ),
      { numRuns: 60 },
    );
  });
});
