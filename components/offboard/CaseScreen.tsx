import { useId, useState } from 'react';
import { caseStatusText, STATE_LABELS, STEP_TITLES } from '@/lib/offboarding/steps';
import { ImpactView } from './ImpactView';
import { ReinviteConfirm } from './ReinviteConfirm';
import { StepControls } from './steps/StepControls';
import type { OffboardDialogProps, OffboardScreen } from './types';

/** One case: its checklist of steps, the record, the re-invite and closing. */
export function CaseScreen({
  view,
  links,
  busy,
  onStep,
  onRecord,
  onReinvite,
  onCloseCase,
  onBack,
}: OffboardDialogProps & { view: Extract<OffboardScreen, { screen: 'case' }> }) {
  const c = view.case;
  const ids = useId();
  const [showImpact, setShowImpact] = useState(false);
  return (
    <>
      <p>
        Case for{' '}
        <strong>
          {c.impact.member.name} ({c.impact.member.username})
        </strong>{' '}
        in {c.org}, opened {c.createdAt.slice(0, 16).replace('T', ' ')} UTC by {c.actor}. Status:{' '}
        {caseStatusText(c)}.{' '}
        <button
          type="button"
          className="wbat-button"
          aria-expanded={showImpact}
          onClick={() => setShowImpact(!showImpact)}
        >
          {showImpact ? 'Hide impact' : 'Show impact'}
        </button>
      </p>
      {showImpact ? <ImpactView impact={c.impact} links={links} /> : null}
      <ol className="wbat-steps" aria-label="Offboarding steps">
        {c.steps.map((step) => (
          <li
            key={step.id}
            aria-labelledby={`${ids}-${step.id}`}
            className={`wbat-step wbat-step-${step.state}`}
          >
            <h3 id={`${ids}-${step.id}`} className="wbat-section-title">
              {STEP_TITLES[step.id]}
            </h3>
            <p>
              <strong>{STATE_LABELS[step.state]}</strong> · {step.mode}
              {step.note ? ` — ${step.note}` : ''}
            </p>
            <StepControls c={c} step={step} links={links} busy={busy} onStep={onStep} />
          </li>
        ))}
      </ol>
      <section className="wbat-section" aria-label="Record">
        <h3 className="wbat-section-title">Record and re-invite</h3>
        <p className="wbat-row">
          <button type="button" className="wbat-button" onClick={() => onRecord('json')}>
            Download record (JSON)
          </button>
          <button type="button" className="wbat-button" onClick={() => onRecord('md')}>
            Download record (Markdown)
          </button>
          <ReinviteConfirm member={c.impact.member} busy={busy} onConfirm={onReinvite} />
        </p>
        {view.reinviteJobId || c.reinvite ? (
          <p role="status">
            Re-invite sent as bulk-invite job {view.reinviteJobId ?? c.reinvite?.jobId}:{' '}
            {c.impact.member.teams.map((t) => `${t.team} (${t.role})`).join(', ')}. Follow it in Bulk invite.
          </p>
        ) : null}
      </section>
      <div className="wbat-dialog-footer">
        <button type="button" className="wbat-button" onClick={onBack}>
          All cases
        </button>
        {c.status === 'open' ? (
          <button type="button" className="wbat-button" onClick={onCloseCase}>
            Close case
          </button>
        ) : null}
      </div>
    </>
  );
}
