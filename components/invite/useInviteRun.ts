/**
 * The bulk-invite dialog's job, followed while the dialog is open: the latest job is read once on
 * opening, then the background pushes its counts (lib/invite/progress-item.ts, `watch`) instead of
 * the dialog asking for the whole job every few hundred milliseconds. The whole job is read only
 * for the results file.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ClassifiedRow } from '@/lib/invite/classify';
import { followInviteRuns, readRuns } from '@/lib/invite/follow-runs';
import type { InviteJob } from '@/lib/invite/job';
import { type InviteRun, inviteRunOf, isSettled } from '@/lib/invite/progress';
import { holdWorkerForJob } from '@/lib/invite/wake';
import { sendMessage } from '@/lib/messaging/protocol';
import { reportFailure } from '@/lib/report';

const RECENT_MS = 60 * 60_000;

/** A job worth showing on opening: not finished, or finished within the last hour. */
function isRecent(run: InviteRun): boolean {
  if (run.status !== 'done' && run.status !== 'cancelled') return true;
  return Date.now() - run.lastAt < RECENT_MS;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The counts of one job on the page's host, or null when none are stored yet. */
async function readRun(pageUrl: string, jobId: string): Promise<InviteRun | null> {
  return (await readRuns(pageUrl)).find((run) => run.id === jobId) ?? null;
}

export type InviteAction = 'pause' | 'resume' | 'cancel' | 'retry-failed' | 'send-rest';

export function useInviteRun(pageUrl: string, onError: (message: string) => void) {
  const [run, setRun] = useState<InviteRun | null>(null);
  // A pause or cancel the background took while sends were in flight (shown until the job stops).
  const [stopping, setStopping] = useState<'pause' | 'cancel' | null>(null);

  // Read once from the background: the whole job, for its counts.
  const fullJob = useCallback(
    async (jobId: string): Promise<InviteJob> => {
      const reply = await sendMessage('inviteStatus', { pageUrl, inviteJobId: jobId });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.data;
    },
    [pageUrl],
  );
  // The job's counts as the background last pushed them (or, when none are stored yet, the job's).
  const refresh = useCallback(
    async (jobId: string) => setRun((await readRun(pageUrl, jobId)) ?? inviteRunOf(await fullJob(jobId))),
    [pageUrl, fullJob],
  );

  useEffect(() => {
    sendMessage('inviteLatest', { pageUrl }).then(
      (reply) => {
        // A running or paused job, or one that finished while the dialog was closed, is shown
        // again (with its results); "New bulk invite" leaves it.
        const latest = reply.ok && reply.data ? inviteRunOf(reply.data) : null;
        if (latest && isRecent(latest)) setRun(latest);
      },
      (error: unknown) => reportFailure('invite', error),
    );
  }, [pageUrl]);

  // Follow the job while the dialog is open, until every unit is final (a cancelled job still
  // settles the sends that were in flight).
  const jobId = run?.id;
  const settled = run !== null && isSettled(run);
  useEffect(() => {
    if (!jobId || settled) return;
    let pushed = false;
    let live = true;
    const stop = followInviteRuns(pageUrl, (runs) => {
      const next = runs.find((candidate) => candidate.id === jobId);
      if (!next) return;
      pushed = true;
      setRun(next);
    });
    // A save made before the watch began (a short job may finish in that moment) is read once.
    readRun(pageUrl, jobId).then(
      (next) => {
        if (live && !pushed && next) setRun(next);
      },
      (error: unknown) => reportFailure('invite', error),
    );
    return () => {
      live = false;
      stop();
    };
  }, [jobId, settled, pageUrl]);

  // While it runs, a worker the browser stops is started again at once (lib/invite/wake.ts).
  const running = run?.status === 'running';
  useEffect(() => (running ? holdWorkerForJob() : undefined), [running]);

  const start = useCallback(
    (rows: ClassifiedRow[], options: { concurrency: number }) =>
      // Returned, so the dialog keeps Confirm disabled until the background has answered.
      sendMessage('inviteStart', { pageUrl, rows, concurrency: options.concurrency }).then(
        async (reply) => {
          if (!reply.ok) return onError(reply.error.message);
          await refresh(reply.data.jobId);
        },
        (reason: unknown) => onError(messageOf(reason)),
      ),
    [pageUrl, refresh, onError],
  );

  const control = useCallback(
    (action: InviteAction) => {
      if (!jobId) return;
      sendMessage('inviteControl', { pageUrl, inviteJobId: jobId, action })
        .then((reply) => {
          setStopping(reply.ok && (action === 'pause' || action === 'cancel') ? action : null);
          return refresh(jobId);
        })
        .catch((reason: unknown) => onError(messageOf(reason)));
    },
    [jobId, pageUrl, refresh, onError],
  );

  return {
    run,
    stopping: run?.status === 'running' ? stopping : null,
    start,
    control,
    fullJob,
    leave: () => setRun(null),
  };
}
