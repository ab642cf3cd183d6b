/** Where Seat hygiene's last activity comes from: W&B's audit logs (what was read), the progress of reading them, or why not. */
import type { AuditActivity } from './useAuditActivity';

/** The hint under "No activity for N days", for the source in use. */
export function activityHint(audit: AuditActivity): string {
  return audit.status === 'ready'
    ? 'Active, non-service members whose latest auditable action in W&B’s audit logs (sign-in, run update, invite, …) is that old, or who have none in the days read.'
    : 'Active, non-service members whose last activity W&B shows is that old, or who show none (W&B’s activity signals are partial: last login where offered, run heartbeats).';
}

export function AuditActivityNote({ audit }: { audit: AuditActivity }) {
  if (audit.status === 'reading') {
    return (
      <p role="status">
        <progress aria-label="Reading W&B’s audit logs" value={audit.done} max={Math.max(1, audit.total)} />{' '}
        Reading W&B’s audit logs with the admin key: {audit.done} of {audit.total} windows…
      </p>
    );
  }
  if (audit.status === 'ready') {
    return (
      <p className="wbat-note" role="note" aria-label="Source of last activity">
        Last activity from {audit.read}: each member’s latest auditable action.
        {audit.covered
          ? null
          : ' W&B’s answers did not cover every day asked for, so some activity may be missing.'}
      </p>
    );
  }
  if (audit.status === 'fallback') {
    return (
      <p className="wbat-note" role="note" aria-label="Source of last activity">
        Last activity is from your browser session (last login where offered, run heartbeats), not W&B’s audit
        logs: {audit.reason}
      </p>
    );
  }
  return null;
}
