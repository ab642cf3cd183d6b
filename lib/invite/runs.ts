/**
 * The counts the background keeps for each bulk-invite job (./progress.ts), as stored in the
 * `session:inviteRuns` item (./progress-item.ts, defined in the background only) and as the
 * toolkit frame reads them (./follow-runs.ts): what a stored entry must look like, and the
 * entries of one W&B host.
 */
import * as z from 'zod/mini';
import { setAsideCorrupt } from '../corrupt-storage';
import { reportFailure } from '../report';
import type { InviteRun } from './progress';

/** One job's counts and the W&B host it runs on (a frame follows only its own host's jobs). */
export interface StoredInviteRun {
  appOrigin: string;
  run: InviteRun;
}

const count = z.number().check(z.int(), z.minimum(0));
const storedInviteRunSchema = z.object({
  appOrigin: z.string(),
  run: z.object({
    id: z.string(),
    org: z.string(),
    status: z.enum(['running', 'paused', 'paused-signed-out', 'cancelled', 'done']),
    message: z.optional(z.string()),
    total: count,
    invited: count,
    skipped: count,
    failed: count,
    left: count,
    // Absent in entries written before they were kept.
    notSent: z.optional(count),
    planned: z.optional(count),
    run: z.optional(z.object({ startedAt: z.number(), finishedAtStart: z.number() })),
    lastAt: z.number(),
  }),
});

/**
 * The entries that parse; anything else is left out (the next save of that job rewrites it) and
 * set aside like any damaged stored value (lib/corrupt-storage.ts). `settled` resolves once it is.
 */
export function parseInviteRuns(raw: unknown): {
  runs: Record<string, StoredInviteRun>;
  settled: Promise<unknown>;
} {
  const runs: Record<string, StoredInviteRun> = {};
  const asides: Promise<void>[] = [];
  const setAside = (where: string, value: unknown, problem: string) =>
    asides.push(setAsideCorrupt(where, value, problem).catch((error) => reportFailure('invite', error)));
  if (raw === null || raw === undefined) return { runs, settled: Promise.resolve() };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    setAside('session:inviteRuns', raw, '(value): expected an object');
    return { runs, settled: Promise.all(asides) };
  }
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = storedInviteRunSchema.safeParse(value);
    if (parsed.success) runs[id] = parsed.data as StoredInviteRun;
    else setAside('session:inviteRuns', value, `job ${id.slice(0, 80)}: not the counts of a job`);
  }
  return { runs, settled: Promise.all(asides) };
}

/** The counts of every job on `appOrigin` in a stored value (damaged entries set aside, see above). */
export function runsOn(raw: unknown, appOrigin: string): { runs: InviteRun[]; settled: Promise<unknown> } {
  const { runs, settled } = parseInviteRuns(raw);
  return {
    runs: Object.values(runs)
      .filter((entry) => entry.appOrigin === appOrigin)
      .map((entry) => entry.run),
    settled,
  };
}
