/**
 * Paces requests to a server's rate limit, learnt from its 429 answers.
 *
 * Honouring `Retry-After` alone makes a job bursty: every worker sends at once until the server
 * says 429, all of them wait out Retry-After, and the cycle repeats — under a rolling 20 req/s
 * window with 4 workers that costs about a third more than the limit allows. So, on a 429 the
 * pacer counts the requests that got through in the second before it (what the server allowed)
 * and from then on spaces request starts to a little under that rate. Every `probeAfterMs`
 * without a 429 it tries 10 % faster, so a raised limit is found again; a lowered one answers
 * 429 and is learnt the same way.
 */
export interface RatePacerOptions {
  /** The window the server's limit is counted over (default 1 s, as `Retry-After` in seconds suggests). */
  windowMs?: number;
  /** Spacing kept above the learnt rate (default 5 %). */
  margin?: number;
  /** After this long without a 429, go 10 % faster (default 20 s). */
  probeAfterMs?: number;
  /** Never space requests further apart than this (default 5 s). */
  maxIntervalMs?: number;
  /**
   * The longest a request can take to be answered (default 30 s, the request timeout of
   * `lib/wandb/graphql.ts`): a 429 can refer to a start that long ago, so the starts before it
   * are kept that long.
   */
  longestAnswerMs?: number;
}

export class RatePacer {
  private readonly windowMs: number;
  private readonly margin: number;
  private readonly probeAfterMs: number;
  private readonly maxIntervalMs: number;
  private readonly longestAnswerMs: number;
  /** Start times of requests that were not rate-limited, within the last `windowMs + longestAnswerMs`. */
  private readonly allowed: number[] = [];
  private interval = 0;
  private nextSlot = 0;
  private lastLimitedAt = 0;

  constructor(options: RatePacerOptions = {}) {
    this.windowMs = options.windowMs ?? 1000;
    this.margin = options.margin ?? 0.05;
    this.probeAfterMs = options.probeAfterMs ?? 20_000;
    this.maxIntervalMs = options.maxIntervalMs ?? 5000;
    this.longestAnswerMs = options.longestAnswerMs ?? 30_000;
  }

  /** Milliseconds between request starts; 0 until a 429 has been seen. */
  get intervalMs(): number {
    return this.interval;
  }

  /** How many request starts are remembered (bounded by the rate times `windowMs + longestAnswerMs`). */
  get rememberedStarts(): number {
    return this.allowed.length;
  }

  /**
   * Reserves the next start time and returns how long to wait for it (0 = go now). Call once per
   * request, right before it is picked, so concurrent workers get distinct slots.
   */
  reserve(now: number): number {
    if (this.interval === 0) return 0;
    if (now - this.lastLimitedAt >= this.probeAfterMs) {
      this.interval *= 0.9;
      this.lastLimitedAt = now;
    }
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.interval;
    return slot - now;
  }

  /** A request that started at `startedAt` was answered, and not with a 429. */
  allowedAt(startedAt: number): void {
    this.allowed.push(startedAt);
    this.trim(startedAt);
  }

  /** A request that started at `startedAt` was answered 429 at `now`: learn the rate it allows. */
  limitedAt(startedAt: number, now: number): void {
    let count = 0;
    for (const at of this.allowed) if (at > startedAt - this.windowMs && at <= startedAt) count++;
    const learnt =
      count > 0
        ? (this.windowMs / count) * (1 + this.margin)
        : Math.max(this.interval * 2, this.windowMs / 4);
    this.interval = Math.min(this.maxIntervalMs, learnt);
    this.lastLimitedAt = now;
  }

  /**
   * Forgets starts no future 429 can count: one arriving at or after `now` started at most
   * `longestAnswerMs` before, and counts the starts in the window before its own. (Cutting at two
   * windows before `now`, as this did, under-counted a 429 answered more than a window after its
   * start — a slow server — and the pacer then slowed the job more than the server asked.)
   */
  private trim(now: number): void {
    const horizon = now - this.longestAnswerMs - this.windowMs;
    // Answers arrive out of start order, so keep whatever is recent rather than cutting a prefix.
    let kept = 0;
    for (const at of this.allowed) if (at > horizon) this.allowed[kept++] = at;
    this.allowed.length = kept;
  }
}
