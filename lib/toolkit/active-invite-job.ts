import { useEffect, useState } from 'react';
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

/**
 * The org's bulk-invite job while it is not finished (running, paused, or waiting for sign-in),
 * for the toolkit bar: asked on mount and whenever `refresh` changes (a dialog closed), then
 * followed through the counts the background pushes on every save (no polling). A job of this
 * host not seen before (started in another tab) makes it ask once more, since only the background
 * knows which org a page belongs to. The bar never fetches the rows.
 */
export function useActiveInviteJob(
  pageUrl: string,
  enabled: boolean,
  refresh: unknown,
): ActiveInviteJob | null {
  const [active, setActive] = useState<ActiveInviteJob | null>(null);
  useEffect(() => {
    void refresh;
    if (!enabled) {
      setActive(null);
      return;
    }
    let stopped = false;
    let current: string | null = null;
    const seen = new Set<string>();
    const ask = () => {
      sendMessage('inviteActive', { pageUrl }).then(
        (reply) => {
          if (stopped) return;
          const next = reply.ok ? reply.data : null;
          current = next?.id ?? null;
          if (next) seen.add(next.id);
          setActive(next);
        },
        (error: unknown) => reportFailure('invite', error),
      );
    };
    const unwatch = followInviteRuns(
      pageUrl,
      (runs) => {
        for (const run of runs) {
          if (run.id === current) {
            if (!isUnfinishedRun(run)) current = null;
            setActive(isUnfinishedRun(run) ? activeOf(run) : null);
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
    return () => {
      stopped = true;
      unwatch();
    };
  }, [pageUrl, enabled, refresh]);
  // While it runs, a worker the browser stops is started again at once (lib/invite/wake.ts).
  const running = active?.status === 'running';
  useEffect(() => (running ? holdWorkerForJob() : undefined), [running]);
  return active;
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
