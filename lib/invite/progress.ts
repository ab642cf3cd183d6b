/**
 * A bulk-invite job as its dialog and the toolkit bar follow it: status and counts, no units. The
 * background writes one per job whenever the job is saved (./progress-item.ts), so a dialog
 * receives counts instead of asking for the whole job (up to 10,000 units) again and again; the
 * whole job is read only for the results file.
 */
import { CANCELLED, type InviteJob, type InviteJobProgress, type InviteJobStatus, progressOf } from './job';

export interface InviteRun {
  id: string;
  org: string;
  status: InviteJobStatus;
  message?: string;
  total: number;
  invited: number;
  skipped: number;
  failed: number;
  /** Queued or sending. */
  left: number;
  /** Skipped because the job was cancelled before they were sent (part of `skipped`); absent in older entries. */
  notSent?: number;
  /** Units the job set out to send (the dry run's skips left out): the progress bar's whole; absent in older entries (then: `total`). */
  planned?: number;
  /** The current run's start and how many units were final then (for the ETA). */
  run?: { startedAt: number; finishedAtStart: number };
  /** When the last unit settled (ms since the epoch); 0 before any did. */
  lastAt: number;
}

/** The counts of `job`, as its dialog shows them. */
export function inviteRunOf(job: InviteJob): InviteRun {
  let invited = 0;
  let skipped = 0;
  let failed = 0;
  let notSent = 0;
  let lastAt = 0;
  for (const unit of job.units) {
    if (unit.state === 'invited') invited++;
    else if (unit.state === 'skipped') {
      skipped++;
      if (unit.reason === CANCELLED) notSent++;
    } else if (unit.state === 'failed') failed++;
    if (unit.at) lastAt = Math.max(lastAt, Date.parse(unit.at) || 0);
  }
  const total = job.units.length;
  return {
    id: job.id,
    org: job.org,
    status: job.status,
    message: job.message,
    total,
    invited,
    skipped,
    failed,
    left: total - invited - skipped - failed,
    notSent,
    planned: job.planned ?? total,
    ...(job.run ? { run: { ...job.run } } : {}),
    lastAt,
  };
}

/** Counts with the ETA from the rate since the run started (`jobProgress` of the whole job, by the same rule). */
export function runProgress(run: InviteRun, now: number): InviteJobProgress {
  return progressOf(run, run, now);
}

/** Done or cancelled with nothing left in flight (a cancelled job still settles the sends in flight). */
export function isSettled(run: InviteRun): boolean {
  return (run.status === 'done' || run.status === 'cancelled') && run.left === 0;
}

/** Not done and not cancelled: running, paused, or waiting for sign-in. */
export function isUnfinishedRun(run: InviteRun): boolean {
  return run.status !== 'done' && run.status !== 'cancelled';
}
