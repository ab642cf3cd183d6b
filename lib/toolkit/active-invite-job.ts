import { followInviteRuns } from '../invite/follow-runs';
import type { ActiveInviteJob } from '../invite/messages';
import { type InviteRun, isUnfinishedRun } from '../invite/progress';
import { holdWorkerForJob } from '../invite/wake';
import { sendMessage } from '../messaging/protocol';
import { reportFailure } from '../report';

function activeOf(run: InviteRun): ActiveInviteJob {
  const { total, invited, skipped, failed, left } = run;
  return { id: run.id, status: run.status, progress: { total, invited, skipped, failed, left } };
}

export interface ActiveJobFeed {
  /** Asks the background again (a dialog closed: a job may have started there). */
  ask(): void;
  stop(): void;
}

/**
 * The org's bulk-invite job while it is not finished (running, paused, or waiting for sign-in),
 * for the toolkit bar: asked at the start and on `ask()`, then followed through the counts the
 * background pushes on every save (no polling). A job of this host not seen before (started in
 * another tab) makes it ask once more, since only the background knows which org a page belongs
 * to. The bar never fetches the rows. While the job runs, a worker the browser stops is started
 * again at once (lib/invite/wake.ts).
 */
export function followActiveInviteJob(
  pageUrl: string,
  onActive: (job: ActiveInviteJob | null) => void,
): ActiveJobFeed {
  let stopped = false;
  let current: string | null = null;
  let release: (() => void) | null = null;
  const seen = new Set<string>();
  const set = (job: ActiveInviteJob | null) => {
    const running = job?.status === 'running';
    if (running && !release) release = holdWorkerForJob();
    else if (!running && release) {
      release();
      release = null;
    }
    onActive(job);
  };
  const ask = () => {
    sendMessage('inviteActive', { pageUrl }).then(
      (reply) => {
        if (stopped) return;
        const next = reply.ok ? reply.data : null;
        current = next?.id ?? null;
        if (next) seen.add(next.id);
        set(next);
      },
      (error: unknown) => reportFailure('invite', error),
    );
  };
  const unwatch = followInviteRuns(
    pageUrl,
    (runs) => {
      if (stopped) return;
      for (const run of runs) {
        if (run.id === current) {
          if (!isUnfinishedRun(run)) current = null;
          set(isUnfinishedRun(run) ? activeOf(run) : null);
        } else if (isUnfinishedRun(run) && !seen.has(run.id)) {
          seen.add(run.id);
          ask();
        }
      }
    },
    // Without storage.session (Firefox) the bar asks every 3 s, as it did before counts were pushed.
    { pollMs: 3000 },
  );
  ask();
  return {
    ask,
    stop: () => {
      stopped = true;
      unwatch();
      release?.();
      release = null;
    },
  };
}

/**
 * What the bar says of it: `Invite job running: 5 invited · 2 skipped · 0 failed · 5 left`,
 * `… paused`, `… waiting for sign-in`. Sent, skipped, failed and left are separate counts: a
 * skipped row is never shown as done.
 */
export function activeJobLabel(job: ActiveInviteJob): string {
  const { invited, skipped, failed, left } = job.progress;
  const format = (count: number) => count.toLocaleString('en-US');
  const counts = `${format(invited)} invited · ${format(skipped)} skipped · ${format(failed)} failed · ${format(left)} left`;
  if (job.status === 'paused') return `Invite job paused: ${counts}`;
  if (job.status === 'paused-signed-out') return `Invite job waiting for sign-in: ${counts}`;
  return `Invite job running: ${counts}`;
}

/**
 * Follows the org's unfinished job only while the bar has figures (`setReady`): started when they
 * arrive, stopped (and forgotten) when they go.
 */
export function followJobWhileReady(pageUrl: string, onActive: (job: ActiveInviteJob | null) => void) {
  let feed: ActiveJobFeed | null = null;
  return {
    setReady(ready: boolean) {
      if (ready) feed ??= followActiveInviteJob(pageUrl, onActive);
      else if (feed) {
        feed.stop();
        feed = null;
        onActive(null);
      }
    },
    ask: () => feed?.ask(),
    stop: () => feed?.stop(),
  };
}
