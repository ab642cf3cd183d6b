/**
 * Where the background pushes each bulk-invite job's counts (./progress.ts) and the toolkit frame
 * follows them with `watch`: `storage.session`, kept while the browser runs and not readable by
 * content scripts (the frame is an extension page). The jobs themselves stay in `local:inviteJobs`
 * (lib/storage.ts), the one source of truth; this item is rewritten from them on every save.
 *
 * Only the background and the toolkit frame import this module: a WXT item reads its value when
 * it is defined, which a content script may not do for a `session:` item.
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { setAsideCorrupt } from '../corrupt-storage';
import { reportFailure } from '../report';
import type { InviteRun } from './progress';

/** One job's counts and the W&B host it runs on (a frame follows only its own host's jobs). */
export interface StoredInviteRun {
  appOrigin: string;
  run: InviteRun;
}

export const inviteRunsItem = storage.defineItem<Record<string, StoredInviteRun>>('session:inviteRuns', {
  fallback: {},
  version: 1,
});

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

/** The counts of one job on `appOrigin`, or null when none are stored. */
export async function readInviteRun(jobId: string, appOrigin: string): Promise<InviteRun | null> {
  const { runs, settled } = parseInviteRuns(await inviteRunsItem.getValue());
  await settled;
  const entry = runs[jobId];
  return entry && entry.appOrigin === appOrigin ? entry.run : null;
}

/**
 * Calls `onRuns` with every job's counts on `appOrigin` each time the background saves a job.
 * Returns the function that stops following.
 */
export function watchInviteRuns(appOrigin: string, onRuns: (runs: InviteRun[]) => void): () => void {
  return inviteRunsItem.watch((value) => {
    onRuns(
      Object.values(parseInviteRuns(value).runs)
        .filter((entry) => entry.appOrigin === appOrigin)
        .map((entry) => entry.run),
    );
  });
}
