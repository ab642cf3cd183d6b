import { useId, useRef, useState } from 'react';
import type { SeatImpact } from '@/lib/invite/dry-run';
import { reportFailure } from '@/lib/report';
import { plural } from '../dialog';

export interface ConfirmSendProps {
  /** What is sent, in words ("3 invites and 1 SCIM creation"). */
  what: string;
  teams: number;
  /** The dry run's seat impact; null when the directory is not loaded. */
  impact: SeatImpact | null;
  concurrencyText: string;
  onConcurrencyText(text: string): void;
  onBack(): void;
  /** Starts the job; while its promise is pending the button stays disabled. */
  onConfirm(): Promise<unknown> | undefined;
}

/**
 * The last step before a bulk invite is sent. Confirm works once (a double click must not start
 * two jobs); over the seat limit it repeats the shortfall and waits for an explicit acknowledgement.
 */
export function ConfirmSend(props: ConfirmSendProps) {
  const [starting, setStarting] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const atOnceHint = useId();
  // A ref, not only state: the second click of a double click arrives before React re-renders.
  const startingRef = useRef(false);
  const impact = props.impact;
  const reported = impact?.exceeds && impact.fullSeatsLeftAfter !== null ? -impact.fullSeatsLeftAfter : 0;
  // Pending invitees may take a seat first; W&B does not say whether its used-seat figure counts them.
  const leftCountingPending = impact?.fullSeatsLeftCountingPending ?? null;
  const withPending =
    leftCountingPending !== null && leftCountingPending < 0 && (impact?.newPeople ?? 0) > 0
      ? -leftCountingPending
      : 0;
  const pendingMatters = withPending > reported;
  const shortfall = Math.max(reported, withPending);
  const left =
    impact && impact.fullSeatsTotal !== null && impact.fullSeatsUsed !== null
      ? Math.max(0, impact.fullSeatsTotal - impact.fullSeatsUsed)
      : 0;
  const blocked = starting || (shortfall > 0 && !acknowledged);

  function confirm() {
    if (startingRef.current || blocked) return;
    startingRef.current = true;
    setStarting(true);
    Promise.resolve(props.onConfirm())
      // The caller shows a refused start; anything else thrown here is logged, and Confirm comes back.
      .catch((error: unknown) => reportFailure('invite', error))
      .finally(() => {
        startingRef.current = false;
        setStarting(false);
      });
  }

  return (
    <fieldset className="wbat-confirm">
      <legend data-screen-focus>
        Send {props.what} to {plural(props.teams, 'team', 'teams')}?
      </legend>
      {shortfall > 0 ? (
        <div className="wbat-error">
          <p>
            These invites need {plural(impact?.newPeople ?? 0, 'Full Models seat', 'Full Models seats')}, but
            only {plural(left, 'Full Models seat is', 'Full Models seats are')} left
            {reported > 0 ? (
              <>: {plural(reported, 'person', 'people')} would have no seat when they accept.</>
            ) : (
              ' by W&B’s count, enough on their own.'
            )}
          </p>
          {pendingMatters ? (
            <p>
              {plural(impact?.pendingPeople ?? 0, 'person', 'people')} outside the organization already{' '}
              {impact?.pendingPeople === 1 ? 'has' : 'have'} a pending invite and may take a Full Models seat
              when they accept. W&B does not report whether its used-seat count includes pending invites, so
              counting them too: {plural(withPending, 'person', 'people')} would have no seat.
            </p>
          ) : null}
          <label className="wbat-inline-field">
            <input
              type="checkbox"
              checked={acknowledged}
              onChange={(event) => setAcknowledged(event.currentTarget.checked)}
            />{' '}
            I understand {pendingMatters ? 'up to ' : ''}
            {plural(shortfall, 'person', 'people')} would have no seat
          </label>
        </div>
      ) : null}
      <button type="button" className="wbat-button" onClick={props.onBack} disabled={starting}>
        Back
      </button>
      <label className="wbat-inline-field">
        Invites sent at once{' '}
        <input
          type="number"
          className="wbat-input wbat-number"
          aria-describedby={atOnceHint}
          min={1}
          max={16}
          value={props.concurrencyText}
          onChange={(event) => props.onConcurrencyText(event.currentTarget.value)}
        />
      </label>
      <p className="wbat-hint" id={atOnceHint}>
        How many invites are in flight together (1–16). More finishes sooner; if W&B answers "too many
        requests", the job slows to the rate W&B allows and nothing is lost or sent twice.
      </p>
      <button type="button" className="wbat-button wbat-primary" disabled={blocked} onClick={confirm}>
        Confirm
      </button>
      {starting ? <output className="wbat-hint">Starting…</output> : null}
    </fieldset>
  );
}
