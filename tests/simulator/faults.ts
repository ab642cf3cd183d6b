/**
 * Runtime configuration and fault injection for API requests (/graphql and /scim only).
 * Random faults draw from a seeded PRNG, so a run with the same randomSeed and the same request
 * sequence fails the same way every time.
 */
import { z } from 'zod';
import { mulberry32 } from './generate';

export const configSchema = z
  .object({
    /** Delay before answering each API request. */
    latencyMs: z.number().min(0),
    /** At most N API requests per rolling second (null: unlimited); the excess gets 429. */
    rateLimit: z.int().min(1).nullable(),
    /** Probability of a 500/503 answer. */
    errorRate: z.number().min(0).max(1),
    /** Probability of dropping the request without an answer. */
    dropRate: z.number().min(0).max(1),
    /** After N session-authenticated API requests, every session expires (null: never). */
    expireSessionAfter: z.int().min(0).nullable(),
    /** Serve the strict-verified schema (no [3P] fields). */
    strictVerified: z.boolean(),
    /**
     * A schema without this one field (`Type.field`, e.g. `Organization.seatAvailability`): a server
     * whose schema differs from API.md in one place, for the diagnostics report. null: none.
     */
    rejectField: z
      .string()
      .regex(/^[A-Z][A-Za-z]*\.[a-z][A-Za-z]*$/)
      .nullable(),
    /** Which SCIM base paths answer: API.md names both `/scim/` and `/scim/v2/` and cannot say which the real host serves. */
    scimPaths: z.enum(['both', 'v2-only']),
    /** Seed of the PRNG behind errorRate and dropRate; setting it restarts the sequence. */
    randomSeed: z.int(),
    /** The next k API requests answer 429. */
    rateLimitNext: z.int().min(0),
    /** The next k API requests answer 503. */
    errorNext: z.int().min(0),
    /** The next k API requests are dropped. */
    dropNext: z.int().min(0),
    /** Retry-After value on 429 answers. */
    retryAfterSeconds: z.int().min(0),
  })
  .strict();

export type SimConfig = z.output<typeof configSchema>;
export const configPatchSchema = configSchema.partial();

export const DEFAULT_CONFIG: SimConfig = {
  latencyMs: 0,
  rateLimit: null,
  errorRate: 0,
  dropRate: 0,
  expireSessionAfter: null,
  strictVerified: false,
  rejectField: null,
  scimPaths: 'both',
  randomSeed: 1,
  rateLimitNext: 0,
  errorNext: 0,
  dropNext: 0,
  retryAfterSeconds: 1,
};

export type Fault = 'rate-limited' | 'server-error' | 'dropped' | 'session-expired';

export interface FaultDecision {
  fault: Exclude<Fault, 'session-expired'> | null;
  /** HTTP status for rate-limited and server-error. */
  status?: number;
}

/** A rejected simulator request body as `path: reason` lines, unknown keys named (`what` says which keys). */
export function issueMessages(error: z.ZodError, what: string): string[] {
  return error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown ${what} key(s): ${issue.keys.join(', ')}`
      : `${issue.path.join('.') || '(body)'}: ${issue.message}`,
  );
}

/** Validates a config patch; on failure returns the messages (unknown keys named). */
export function parseConfigPatch(
  json: unknown,
): { ok: true; patch: Partial<SimConfig> } | { ok: false; errors: string[] } {
  const parsed = configPatchSchema.safeParse(json);
  if (parsed.success) return { ok: true, patch: parsed.data };
  return { ok: false, errors: issueMessages(parsed.error, 'config') };
}

export class FaultEngine {
  private current: SimConfig;
  private rand: () => number;
  private recent: number[] = [];
  private readonly now: () => number;

  constructor(initial: Partial<SimConfig> = {}, now: () => number = () => performance.now()) {
    this.current = { ...DEFAULT_CONFIG, ...initial };
    this.rand = mulberry32(this.current.randomSeed);
    this.now = now;
  }

  get config(): SimConfig {
    return { ...this.current };
  }

  update(patch: Partial<SimConfig>): SimConfig {
    this.current = { ...this.current, ...patch };
    if (patch.randomSeed !== undefined) this.rand = mulberry32(patch.randomSeed);
    if (patch.rateLimit !== undefined) this.recent = [];
    return this.config;
  }

  /** Decides, on arrival, what happens to one API request. */
  decide(): FaultDecision {
    const c = this.current;
    // draw both numbers on every request so one setting does not shift the other's sequence
    const errorDraw = this.rand();
    const dropDraw = this.rand();
    const statusDraw = this.rand();
    if (c.rateLimitNext > 0) {
      c.rateLimitNext--;
      return { fault: 'rate-limited', status: 429 };
    }
    if (c.errorNext > 0) {
      c.errorNext--;
      return { fault: 'server-error', status: 503 };
    }
    if (c.dropNext > 0) {
      c.dropNext--;
      return { fault: 'dropped' };
    }
    if (c.rateLimit !== null) {
      const t = this.now();
      while (this.recent.length > 0 && this.recent[0]! <= t - 1000) this.recent.shift();
      if (this.recent.length >= c.rateLimit) return { fault: 'rate-limited', status: 429 };
      this.recent.push(t);
    }
    if (errorDraw < c.errorRate) return { fault: 'server-error', status: statusDraw < 0.5 ? 500 : 503 };
    if (dropDraw < c.dropRate) return { fault: 'dropped' };
    return { fault: null };
  }
}
