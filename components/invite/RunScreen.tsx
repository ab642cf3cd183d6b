import type { InviteJob } from '@/lib/invite/job';
import { progressText } from '@/lib/invite/job';
import { type InviteRun, runProgress } from '@/lib/invite/progress';
import { CancelJob } from './CancelJob';
import { RunRows } from './RunRows';
import { SendRest } from './SendRest';

export interface RunScreenProps {
  job: InviteRun;
  /** The clock for the ETA (tests pin it); default `Date.now()` at render. */
  now?: number | undefined;
  stopping?: 'pause' | 'cancel' | null | undefined;
  onPause(): void;
  onResume(): void;
  onCancel(): void;
  onRetryFailed(): void;
  /** Sends what a cancel left unsent (shown on a cancelled job with such rows). */
  onSendRest?: (() => void) | undefined;
  onDownloadResults(job: InviteRun): void;
  /** Reads the whole job, for the rows table (absent: no table). */
  onLoadJob?: ((jobId: string) => Promise<InviteJob>) | undefined;
  onNewJob?: (() => void) | undefined;
}

function runHint(job: InviteRun, stopping: 'pause' | 'cancel' | null): string {
  if (job.status !== 'running') return `Job ${job.status}.`;
  if (stopping === 'pause') return 'Pausing: the invites already sent finish first.';
  if (stopping === 'cancel') return 'Cancelling: the invites already sent finish first.';
  return 'You can close this dialog or the tab: the job keeps running and the toolkit bar shows it.';
}

/** Step 3: the job's progress as the background pushes it, and what can be done with it now. */
export function RunScreen(props: RunScreenProps) {
  const { job } = props;
  const progress = runProgress(job, props.now ?? Date.now());
  const finished = job.status === 'done' || job.status === 'cancelled';
  const planned = job.planned ?? progress.total;
  return (
    <section className="wbat-section" aria-label="Run">
      <h3 className="wbat-section-title">3. Run</h3>
      <div className="wbat-loading">
        {/* The sends the job set out to make, not the rows the dry run skipped: 1 of 3 sent is a third. */}
        <progress
          aria-label="Invite progress"
          value={planned === 0 ? 1 : planned - progress.left}
          max={Math.max(1, planned)}
        />
        <output aria-live="polite">{progressText(progress)}</output>
      </div>
      {job.message ? (
        <div className="wbat-error" role="alert">
          <span>{job.message}</span>
        </div>
      ) : null}
      <p className="wbat-hint">{runHint(job, props.stopping ?? null)}</p>
      <div className="wbat-row">
        {job.status === 'running' ? (
          <button type="button" className="wbat-button" onClick={props.onPause} disabled={!!props.stopping}>
            Pause
          </button>
        ) : null}
        {job.status === 'paused' || job.status === 'paused-signed-out' ? (
          <button type="button" className="wbat-button wbat-primary" onClick={props.onResume}>
            Resume
          </button>
        ) : null}
        {!finished ? <CancelJob progress={progress} onCancel={props.onCancel} /> : null}
        <button type="button" className="wbat-button" onClick={() => props.onDownloadResults(job)}>
          Download results
        </button>
        {finished && progress.failed > 0 ? (
          <button type="button" className="wbat-button" onClick={props.onRetryFailed}>
            Retry failed
          </button>
        ) : null}
        {job.status === 'cancelled' && progress.left === 0 && (job.notSent ?? 0) > 0 && props.onSendRest ? (
          <SendRest notSent={job.notSent ?? 0} onSendRest={props.onSendRest} />
        ) : null}
        {finished && props.onNewJob ? (
          <button type="button" className="wbat-button" onClick={props.onNewJob}>
            New bulk invite
          </button>
        ) : null}
      </div>
      {props.onLoadJob ? <RunRows run={job} onLoadJob={props.onLoadJob} /> : null}
    </section>
  );
}
