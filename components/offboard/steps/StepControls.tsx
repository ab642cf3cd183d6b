import type { ReactNode } from 'react';
import type { OffboardingCase, Step } from '@/lib/offboarding/model';
import { isSettled } from '@/lib/offboarding/steps';
import type { OffboardLinks, StepRequest } from '../types';
import { useStepInputs } from '../useStepInputs';
import { AutomationControls } from './AutomationControls';
import { DeactivateControls } from './DeactivateControls';
import { RecheckControls, ReclaimSeatControls, RevokeKeysControls } from './FollowUpControls';
import type { StepControlProps } from './props';
import { ReassignControls } from './ReassignControls';
import { RemoveOrgControls, RemoveTeamsControls } from './RemovalControls';

/** Each step's controls; a step absent here (the snapshot) has none. */
const CONTROLS: Partial<Record<Step['id'], (props: StepControlProps) => ReactNode>> = {
  reassign: ReassignControls,
  deactivate: DeactivateControls,
  automation: AutomationControls,
  'remove-teams': RemoveTeamsControls,
  'remove-org': RemoveOrgControls,
  'revoke-keys': RevokeKeysControls,
  'reclaim-seat': ReclaimSeatControls,
  recheck: RecheckControls,
};

/** What the admin can do on one step now: the re-check's result, the step's controls, or nothing once settled. */
export function StepControls({
  c,
  step,
  links,
  busy,
  onStep,
}: {
  c: OffboardingCase;
  step: Step;
  links: OffboardLinks;
  busy: boolean;
  onStep(r: StepRequest): void;
}) {
  const inputs = useStepInputs(c);
  const username = c.impact.member.username;
  if (step.id === 'recheck' && c.recheck?.result) {
    return (
      <p>
        Re-check on {c.recheck.firedAt?.slice(0, 10)}:{' '}
        {c.recheck.result === 'back' ? `${username} is back in ${c.org}.` : `${username} is not back.`}{' '}
        {!c.recheck.seen ? (
          <button
            type="button"
            className="wbat-button"
            onClick={() => onStep({ step: 'recheck', action: 'ack' })}
          >
            Mark re-check seen
          </button>
        ) : null}
      </p>
    );
  }
  if (isSettled(step) || step.state === 'blocked' || c.status !== 'open') return null;
  const Controls = CONTROLS[step.id];
  return Controls ? (
    <Controls c={c} step={step} links={links} busy={busy} onStep={onStep} inputs={inputs} />
  ) : null;
}
