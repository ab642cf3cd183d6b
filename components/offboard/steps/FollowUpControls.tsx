import { useState } from 'react';
import type { StepId } from '@/lib/offboarding/model';
import { STEP_TITLES } from '@/lib/offboarding/steps';
import type { StepRequest } from '../types';
import type { StepControlProps } from './props';

/** A reason, then Skip: for the steps that may be skipped. */
export function SkipControl({ step, onStep }: { step: StepId; onStep(request: StepRequest): void }) {
  const [reason, setReason] = useState('');
  return (
    <span className="wbat-row">
      <input
        className="wbat-input"
        aria-label={`Reason to skip ${STEP_TITLES[step]}`}
        placeholder="Reason to skip"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button
        type="button"
        className="wbat-button"
        disabled={reason.trim() === ''}
        onClick={() => onStep({ step, action: 'skip', reason: reason.trim() })}
      >
        Skip
      </button>
    </span>
  );
}

/**
 * Revoke keys on W&B's page, then verify or confirm; or skip with a reason. When the impact showed
 * that this session cannot list their keys, the step says so before any click and offers only the
 * admin's confirmation.
 */
export function RevokeKeysControls({ c, links, busy, onStep }: StepControlProps) {
  const verifiable = c.impact.apiKeys.status === 'read';
  return (
    <div>
      <p>
        Revoke their keys on the{' '}
        <a href={links.apiKeys} target="_blank" rel="noopener">
          API keys page
        </a>{' '}
        (keys of someone who has left may need W&B Support).{' '}
        {verifiable ? (
          <button
            type="button"
            className="wbat-button"
            disabled={busy}
            onClick={() => onStep({ step: 'revoke-keys', action: 'verify' })}
          >
            Verify keys revoked
          </button>
        ) : null}{' '}
        <button
          type="button"
          className="wbat-button"
          disabled={busy}
          onClick={() => onStep({ step: 'revoke-keys', action: 'confirm' })}
        >
          I revoked them on W&B’s page
        </button>
      </p>
      {verifiable ? null : (
        <p className="wbat-note">
          The toolkit cannot check this step with your session: W&B lets only instance admins list another
          user’s keys. Your confirmation is recorded as reviewed by you.
        </p>
      )}
      <SkipControl step="revoke-keys" onStep={onStep} />
    </div>
  );
}

/** Verify the seat was released. */
export function ReclaimSeatControls({ busy, onStep }: StepControlProps) {
  return (
    <p>
      <button
        type="button"
        className="wbat-button"
        disabled={busy}
        onClick={() => onStep({ step: 'reclaim-seat', action: 'verify' })}
      >
        Verify seat released
      </button>
    </p>
  );
}

/** Schedule the re-check after N days; or skip with a reason. */
export function RecheckControls({ busy, onStep, inputs }: StepControlProps) {
  const { days, setDays } = inputs;
  return (
    <p>
      <label>
        Re-check after (days){' '}
        <input
          className="wbat-input wbat-number"
          aria-label="Re-check after (days)"
          type="number"
          min={1}
          max={365}
          value={days}
          onChange={(event) => setDays(Number(event.target.value) || 30)}
        />
      </label>{' '}
      <button
        type="button"
        className="wbat-button"
        disabled={busy}
        onClick={() => onStep({ step: 'recheck', action: 'run', days })}
      >
        Schedule re-check
      </button>
      <SkipControl step="recheck" onStep={onStep} />
    </p>
  );
}
