import { ConfirmStep } from '@/components/shared/ConfirmStep';
import { stepOf } from '@/lib/offboarding/steps';
import { SkipControl } from './FollowUpControls';
import type { StepControlProps } from './props';

/**
 * Deactivate their account (dedicated and self-managed hosts): with the admin key, one click and a
 * confirmation; with the session, on the organization dashboard, then Verify. Where the session
 * cannot see whether an account is deactivated, the step says so before any click and offers Skip.
 */
export function DeactivateControls({ c, step, links, busy, onStep }: StepControlProps) {
  const username = c.impact.member.username;
  const what = `${username} can no longer sign in or use their API keys; they stay in ${c.org} with their teams, runs and seat until the removal steps below. W&B can reactivate them.`;
  if (step.mode === 'guided') {
    const verifiable = c.impact.complete;
    return (
      <div>
        <p>{what}</p>
        <p>
          On W&B’s{' '}
          <a href={links.orgDashboard} target="_blank" rel="noopener">
            organization dashboard
          </a>
          , open Users, find {username} and choose Deactivate.{' '}
          {verifiable ? (
            <>
              Come back and{' '}
              <button
                type="button"
                className="wbat-button"
                disabled={busy}
                onClick={() => onStep({ step: 'deactivate', action: 'verify' })}
              >
                Verify deactivation
              </button>
            </>
          ) : (
            'W&B shows this session only your teams’ member lists, which do not say whether an account is deactivated, so the toolkit cannot check it: skip this step with a note once done, or add an admin key.'
          )}
        </p>
        <SkipControl step="deactivate" onStep={onStep} />
      </div>
    );
  }
  return (
    <div>
      <p>{what}</p>
      <ConfirmStep
        ask={`Deactivate ${username}…`}
        question={`Deactivate ${username} now?`}
        keep="Not now"
        confirm={`Confirm: deactivate ${username}`}
        disabled={busy}
        onConfirm={() => onStep({ step: 'deactivate', action: 'run' })}
      >
        W&B is read again first: if they are the last org admin or the only admin of a team, nothing is sent.
        Then one SCIM request sets their account inactive, and SCIM is read back.
      </ConfirmStep>{' '}
      <SkipControl step="deactivate" onStep={onStep} />
    </div>
  );
}

/** Whether the member's access already ended at deactivation (the org removal then says so). */
export function accessAlreadyEnded(c: StepControlProps['c']): boolean {
  return stepOf(c, 'deactivate').state === 'done';
}
