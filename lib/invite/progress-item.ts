/**
 * Where the background pushes each bulk-invite job's counts (./runs.ts): `storage.session`, kept
 * while the browser runs. The jobs themselves stay in `local:inviteJobs` (lib/storage.ts), the one
 * source of truth; this item is rewritten from them on every save.
 *
 * Only the background imports this module: a WXT item reads its value when it is defined, and
 * Firefox gives no `storage.session` to content scripts nor to an extension page framed in a web
 * page (the toolkit frame). The frame follows the counts through ./follow-runs.ts.
 */
import { storage } from 'wxt/utils/storage';
import type { InviteRun } from './progress';
import { parseInviteRuns, runsOn, type StoredInviteRun } from './runs';

export const inviteRunsItem = storage.defineItem<Record<string, StoredInviteRun>>('session:inviteRuns', {
  fallback: {},
  version: 1,
});

/** Every job's counts on `appOrigin`, as last saved. */
export async function readInviteRuns(appOrigin: string): Promise<InviteRun[]> {
  const { runs, settled } = runsOn(await inviteRunsItem.getValue(), appOrigin);
  await settled;
  return runs;
}

/** The counts of one job on `appOrigin`, or null when none are stored. */
export async function readInviteRun(jobId: string, appOrigin: string): Promise<InviteRun | null> {
  const { runs, settled } = parseInviteRuns(await inviteRunsItem.getValue());
  await settled;
  const entry = runs[jobId];
  return entry && entry.appOrigin === appOrigin ? entry.run : null;
}
