import type { StepControlProps } from './props';

/** Choose the new admin of each team they are the only admin of; make them admin, or verify it was done on W&B. */
export function ReassignControls({ c, step, links, busy, onStep }: StepControlProps) {
  return (
    <div>
      {c.reassign.map((r) => {
        const candidates = c.impact.soleAdminTeams.find((t) => t.team === r.team)?.candidates ?? [];
        return (
          <p key={r.team}>
            <label>
              New admin of {r.team}{' '}
              <select
                aria-label={`New admin of ${r.team}`}
                className="wbat-select"
                value={r.to ?? ''}
                onChange={(event) =>
                  onStep({ step: 'reassign', action: 'choose', team: r.team, to: event.target.value })
                }
              >
                <option value="">Choose a member</option>
                {candidates.map((p) => (
                  <option key={p.username} value={p.username}>
                    {p.name} ({p.username})
                  </option>
                ))}
              </select>
            </label>{' '}
            {step.mode === 'guided' ? (
              <>
                Make {r.to ?? 'them'} an admin of {r.team} on W&B’s{' '}
                <a href={links.team(r.team)} target="_blank" rel="noopener">
                  {r.team} team settings
                </a>{' '}
                (Users tab, Team role), then verify.
              </>
            ) : null}
          </p>
        );
      })}
      {step.mode === 'automated' ? (
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={busy || c.reassign.some((r) => !r.to)}
          onClick={() => onStep({ step: 'reassign', action: 'run' })}
        >
          Make team admin
        </button>
      ) : (
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={busy}
          onClick={() => onStep({ step: 'reassign', action: 'verify' })}
        >
          Verify reassignment
        </button>
      )}
    </div>
  );
}
