import { ConfirmStep } from '@/components/shared/ConfirmStep';
import type { InviteJobProgress } from '@/lib/invite/job';

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * Cancel for a running bulk-invite job: the first click asks, with what has been sent and what
 * would not be; only "Cancel the job" cancels. Invites already sent stay sent.
 */
export function CancelJob({ progress, onCancel }: { progress: InviteJobProgress; onCancel(): void }) {
  const n = (value: number) => numberFormat.format(value);
  return (
    <ConfirmStep
      ask="Cancel"
      question="Cancel this job?"
      keep="Keep running"
      confirm="Cancel the job"
      onConfirm={onCancel}
    >
      {n(progress.invited)} of {n(progress.total)} invites are sent (they stay sent); {n(progress.left)} not
      sent yet will not be sent.
    </ConfirmStep>
  );
}
