/**
 * Seat hygiene's bulk clean-up of stale invites: a dry run first (what each invite will get, as a
 * table and a CSV), a confirmation naming the count, then a background job that cancels each
 * invite with one `deleteInvite` (lib/hygiene/cancel-job.ts), followed here with a progress bar,
 * and a results file. The job goes on if the dialog closes; reopening shows it again.
 */
import { useCallback, useEffect, useState } from 'react';
import { ConfirmStep } from '@/components/shared/ConfirmStep';
import { type VirtualColumn, VirtualTable } from '@/components/shared/VirtualTable';
import { cancelDryRunCsvChunks, cancelPlan, cancelResultsCsvChunks } from '@/lib/hygiene/cancel-job';
import type { HygieneInvite } from '@/lib/hygiene/lists';
import { type InviteJob, jobProgress } from '@/lib/invite/job';
import { sendMessage } from '@/lib/messaging/protocol';
import { reportFailure } from '@/lib/report';
import { plural } from '../dialog';

type Plan = ReturnType<typeof cancelPlan>[number];

const PLAN_COLUMNS: readonly VirtualColumn<Plan>[] = [
  { header: 'Email', cell: (p) => p.invite.email },
  { header: 'Team', cell: (p) => p.invite.team },
  { header: 'Days pending', cell: (p) => String(p.invite.days) },
  { header: 'Will', cell: (p) => (p.status === 'cancel' ? 'cancel' : 'not possible') },
  { header: 'Reason', cell: (p) => p.reason },
];

const isFinished = (job: InviteJob) => job.status === 'done' || job.status === 'cancelled';

/** The org's latest cancellation job, followed every half second until it is finished. */
function useCancelJob(pageUrl: string, onError: (message: string) => void, onFinished: () => void) {
  const [job, setJob] = useState<InviteJob | null>(null);
  useEffect(() => {
    sendMessage('hygieneCancelLatest', { pageUrl }).then(
      (reply) => (reply.ok ? setJob(reply.data) : onError(reply.error.message)),
      (error: unknown) => reportFailure('hygiene', error),
    );
  }, [pageUrl, onError]);
  const jobId = job && !isFinished(job) ? job.id : null;
  useEffect(() => {
    if (!jobId) return;
    const timer = setInterval(() => {
      sendMessage('inviteStatus', { pageUrl, inviteJobId: jobId }).then(
        (reply) => {
          if (!reply.ok) return;
          setJob(reply.data);
          // W&B changed: the lists are read again.
          if (isFinished(reply.data)) onFinished();
        },
        (error: unknown) => reportFailure('hygiene', error),
      );
    }, 500);
    return () => clearInterval(timer);
  }, [pageUrl, jobId, onFinished]);
  return [job, setJob] as const;
}

export function CancelStaleInvites({
  pageUrl,
  invites,
  onDownload,
  onFinished,
}: {
  pageUrl: string;
  /** The stale invites listed now. */
  invites: readonly HygieneInvite[];
  /** Saves a CSV file (`name` is the file's kind: `cancel-dry-run` or `cancel-results`). */
  onDownload(name: string, chunks: Iterable<string>): void;
  /** A cancellation followed here has finished: W&B's invites changed. */
  onFinished(): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [planning, setPlanning] = useState(false);
  const [job, setJob] = useCancelJob(pageUrl, setError, onFinished);
  const plan = cancelPlan(invites);
  const cancellable = plan.filter((p) => p.status === 'cancel').length;

  const start = useCallback(async () => {
    setError(null);
    const reply = await sendMessage('hygieneCancelStart', { pageUrl, invites: [...invites] }).catch(
      (failure: unknown) => ({
        ok: false as const,
        error: { message: failure instanceof Error ? failure.message : String(failure) },
      }),
    );
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    setPlanning(false);
    const status = await sendMessage('inviteStatus', { pageUrl, inviteJobId: reply.data.jobId });
    if (status.ok) setJob(status.data);
  }, [pageUrl, invites, setJob]);

  const errorNote = error ? (
    <p className="wbat-error" role="alert">
      {error}
    </p>
  ) : null;

  if (job && (!isFinished(job) || !planning))
    return (
      <div className="wbat-cancel-job">
        <CancelProgress job={job} />
        {isFinished(job) ? (
          <>
            <button
              type="button"
              className="wbat-button"
              onClick={() =>
                onDownload('cancel-results', cancelResultsCsvChunks(job, { delimiter: ',', bom: true }))
              }
            >
              Download cancellation results (CSV)
            </button>
            <button type="button" className="wbat-button" onClick={() => setPlanning(true)}>
              Plan another cancellation
            </button>
          </>
        ) : (
          <ConfirmStep
            ask="Stop cancelling"
            question="Stop cancelling invites?"
            confirm="Confirm: stop"
            keep="Keep cancelling"
            onConfirm={() =>
              sendMessage('inviteControl', { pageUrl, inviteJobId: job.id, action: 'cancel' }).then(
                (reply) => {
                  if (!reply.ok) setError(reply.error.message);
                },
              )
            }
          >
            Invites not cancelled yet stay pending; the ones in flight finish first.
          </ConfirmStep>
        )}
        {errorNote}
      </div>
    );

  if (!planning)
    return (
      <button
        type="button"
        className="wbat-button"
        disabled={invites.length === 0}
        onClick={() => setPlanning(true)}
      >
        Cancel stale invites…
      </button>
    );

  return (
    <section aria-label="Cancel stale invites: dry run" className="wbat-cancel-plan">
      <h4>Dry run: nothing is cancelled yet</h4>
      <p>
        {plural(cancellable, 'invite', 'invites')} can be cancelled
        {plan.length > cancellable ? `; ${plan.length - cancellable} cannot (no id from W&B)` : ''}.
      </p>
      <VirtualTable
        label="Cancellation dry run"
        columns={PLAN_COLUMNS}
        rows={plan}
        rowKey={(p) => `${p.invite.id ?? p.invite.email} ${p.invite.team}`}
      />
      <button
        type="button"
        className="wbat-button"
        onClick={() =>
          onDownload('cancel-dry-run', cancelDryRunCsvChunks(invites, { delimiter: ',', bom: true }))
        }
      >
        Download cancellation dry run (CSV)
      </button>
      <button type="button" className="wbat-button" onClick={() => setPlanning(false)}>
        Back
      </button>
      <ConfirmStep
        ask={`Cancel ${plural(cancellable, 'invite', 'invites')}`}
        question={`Cancel ${plural(cancellable, 'pending invite', 'pending invites')} on W&B?`}
        confirm={`Confirm: cancel ${plural(cancellable, 'invite', 'invites')}`}
        keep="Keep them"
        disabled={cancellable === 0}
        onConfirm={start}
      >
        Each invite is cancelled once with deleteInvite; the people invited can no longer accept, and you
        would have to invite them again. Every cancellation is written to the audit log.
      </ConfirmStep>
      {errorNote}
    </section>
  );
}

function CancelProgress({ job }: { job: InviteJob }) {
  const progress = jobProgress(job, Date.now());
  const done = progress.total - progress.left;
  const format = (n: number) => n.toLocaleString('en-US');
  return (
    <div role="status">
      <progress aria-label="Cancellation progress" value={done} max={Math.max(1, progress.total)} /> Cancelled{' '}
      {format(progress.invited)} · Skipped {format(progress.skipped)} · Failed {format(progress.failed)} ·
      Left {format(progress.left)}
      {job.status === 'cancelled' ? ' (stopped)' : ''}
    </div>
  );
}
