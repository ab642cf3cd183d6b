/**
 * Bounded concurrency for the directory's per-team reads: enough in parallel to be quick on an
 * org with hundreds of teams, few enough not to trip W&B's rate limit.
 */
import { cancelledError } from './errors';

/** Settings for `mapWithConcurrency`; all optional. */
export interface ConcurrencyOptions {
  /** Aborting stops launching work, aborts the work in flight and rejects with a `cancelled` WandbError. */
  signal?: AbortSignal;
}

/**
 * `fn` applied to every item with at most `limit` calls in flight (a `limit` below 1 counts as
 * 1), resolving with the results in the items' order; an empty list resolves with `[]`.
 * `fn` is expected to retry its own transient failures, so the first rejection is final: no
 * further items start, the `signal` handed to the calls still running is aborted, and the whole
 * map rejects with that error.
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  options: ConcurrencyOptions = {},
): Promise<R[]> {
  const outerSignal = options.signal;
  const width = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;

  return new Promise<R[]>((resolve, reject) => {
    if (outerSignal?.aborted) {
      reject(cancelledError());
      return;
    }
    const results = new Array<R>(items.length);
    const inner = new AbortController();
    let nextIndex = 0;
    let running = 0;
    let completed = 0;
    let settled = false;

    const finish = (outcome: { ok: true } | { ok: false; error: unknown }) => {
      if (settled) return;
      settled = true;
      outerSignal?.removeEventListener('abort', onOuterAbort);
      if (outcome.ok) {
        resolve(results);
      } else {
        inner.abort();
        reject(outcome.error);
      }
    };
    const onOuterAbort = () => finish({ ok: false, error: cancelledError() });
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });

    const launch = () => {
      while (!settled && running < width && nextIndex < items.length) {
        const index = nextIndex++;
        running++;
        let call: Promise<R>;
        try {
          call = fn(items[index] as T, index, inner.signal);
        } catch (error) {
          call = Promise.reject(error);
        }
        Promise.resolve(call).then(
          (value) => {
            running--;
            results[index] = value;
            completed++;
            if (completed === items.length) finish({ ok: true });
            else launch();
          },
          (error: unknown) => {
            running--;
            finish({ ok: false, error });
          },
        );
      }
    };

    if (items.length === 0) finish({ ok: true });
    else launch();
  });
}
