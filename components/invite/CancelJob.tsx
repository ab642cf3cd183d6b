import { useState } from 'react';
import type { InviteJobProgress } from '@/lib/invite/job';

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * Cancel for a running bulk-invite job: the first click asks, with what has been sent and what
 * would not be; only "Cancel the job" cancels. Invites already sent stay sent.
 */
export function CancelJob({ progress, onCancel }: { progress: InviteJobProgress; onCancel(): void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="wbat-button" onClick={() => setAsking(true)}>
        Cancel
      </button>
    );
  }
  const n = (value: number) => numberFormat.format(value);
  return (
    <fieldset className="wbat-confirm">
      <legend>Cancel this job?</legend>
      <p>
        {n(progress.invited)} of {n(progress.total)} invites are sent (they stay sent); {n(progress.left)} not
        sent yet will not be sent.
      </p>
      <button type="button" className="wbat-button" onClick={() => setAsking(false)}>
        Keep running
      </button>
      <button
        type="button"
        className="wbat-button wbat-primary"
        onClick={() => {
          setAsking(false);
          onCancel();
        }}
      >
        Cancel the job
      </button>
    </fieldset>
  );
}
