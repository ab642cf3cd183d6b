/** A bulk-invite job's progress as its dialog shows it: counts, rate and time left. */
import type { InviteJob } from './model';

export interface InviteJobProgress {
  total: number;
  invited: number;
  skipped: number;
  failed: number;
  /** Queued or sending. */
  left: number;
  /** Estimated time to finish from the rate since the run started; null before there is a rate or when nothing is left. */
  etaMs: number | null;
}

/** Counts per final state and what is left, with an ETA from the observed rate. */
export function jobProgress(job: InviteJob, now: number): InviteJobProgress {
  let invited = 0;
  let skipped = 0;
  let failed = 0;
  for (const unit of job.units) {
    if (unit.state === 'invited') invited++;
    else if (unit.state === 'skipped') skipped++;
    else if (unit.state === 'failed') failed++;
  }
  return progressOf({ total: job.units.length, invited, skipped, failed }, job, now);
}

/**
 * The progress of final-state counts of a job (or of its pushed summary, `../progress.ts`): what
 * is left, and the ETA from the rate since the current run started, while it runs.
 */
export function progressOf(
  counts: { total: number; invited: number; skipped: number; failed: number },
  job: Pick<InviteJob, 'status' | 'run'>,
  now: number,
): InviteJobProgress {
  const { total, invited, skipped, failed } = counts;
  const left = total - invited - skipped - failed;
  let etaMs: number | null = null;
  if (left > 0 && job.run && job.status === 'running') {
    const finishedSince = invited + skipped + failed - job.run.finishedAtStart;
    const elapsed = now - job.run.startedAt;
    if (finishedSince > 0 && elapsed > 0) etaMs = Math.round((elapsed / finishedSince) * left);
  }
  return { total, invited, skipped, failed, left, etaMs };
}

/** `about 20 s left`, `about 3 min left`, `about 1 h 5 min left`; `''` when unknown. */
export function formatEta(etaMs: number | null): string {
  if (etaMs === null) return '';
  const seconds = Math.max(1, Math.round(etaMs / 1000));
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** `Invited 5 · Skipped 1 · Failed 0 · Left 6 · about 20 s left` (the ETA part only when known). */
export function progressText(progress: InviteJobProgress): string {
  const parts = [
    `Invited ${progress.invited.toLocaleString('en-US')}`,
    `Skipped ${progress.skipped.toLocaleString('en-US')}`,
    `Failed ${progress.failed.toLocaleString('en-US')}`,
    `Left ${progress.left.toLocaleString('en-US')}`,
  ];
  const eta = formatEta(progress.etaMs);
  if (eta) parts.push(eta);
  return parts.join(' · ');
}
