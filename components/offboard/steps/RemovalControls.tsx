import { ConfirmStep } from '@/components/shared/ConfirmStep';
import { accessAlreadyEnded } from './DeactivateControls';
import type { StepControlProps } from './props';

/** Remove from each team: guided (verify) or automated behind a confirmation. */
export function RemoveTeamsControls({ c, step, busy, onStep }: StepControlProps) {
  const username = c.impact.member.username;
  const teams = c.impact.member.teams;
  const what = `Removes ${username} from ${teams.map((t) => `${t.team} (${t.role})`).join(', ')}. They stay in ${c.org}; their runs stay.`;
  if (step.mode === 'guided')
    return (
      <p>
        {what} Remove them on each team’s settings page, then{' '}
        <button
          type="button"
          className="wbat-button"
          onClick={() => onStep({ step: 'remove-teams', action: 'verify' })}
        >
          Verify team removal
        </button>
      </p>
    );
  return (
    <div>
      <p>{what}</p>
      <ConfirmStep
        ask="Remove from teams…"
        question={`Remove ${username} from ${teams.length} ${teams.length === 1 ? 'team' : 'teams'}?`}
        keep="Keep them in their teams"
        confirm={`Confirm removal from ${teams.length} ${teams.length === 1 ? 'team' : 'teams'}`}
        disabled={busy}
        onConfirm={() => onStep({ step: 'remove-teams', action: 'run' })}
      >
        W&B’s team lists are read again first; a team they turn out to be the only admin of stops the removal
        before anything is sent.
      </ConfirmStep>
    </div>
  );
}

/** Remove from the organization: guided (check, act on W&B, verify) or automated behind typing the username. */
export function RemoveOrgControls({ c, step, links, busy, onStep, inputs }: StepControlProps) {
  const { typed, setTyped } = inputs;
  const username = c.impact.member.username;
  const what = `${username} loses access to ${c.org} at once and frees their ${c.impact.member.modelsSeat ?? ''} seat. Their runs, artifacts and reports stay. W&B has no undo.`;
  if (step.mode === 'guided')
    return (
      <div>
        <p>{what}</p>
        <p>
          {accessAlreadyEnded(c)
            ? 'Their access already ended at deactivation; this step removes them from the organization.'
            : 'This is the step that ends their access.'}{' '}
          With your session it is done on W&B’s own page: W&B documents no way for a browser session to remove
          a member (an admin API key can).{' '}
          <button
            type="button"
            className="wbat-button"
            disabled={busy}
            onClick={() => onStep({ step: 'remove-org', action: 'prepare' })}
          >
            Check it is safe now
          </button>
        </p>
        <p>
          Then on W&B’s{' '}
          <a href={links.members} target="_blank" rel="noopener">
            Members page
          </a>
          , search {username}, open its actions menu and choose Remove member. Come back and{' '}
          <button
            type="button"
            className="wbat-button wbat-primary"
            disabled={busy}
            onClick={() => onStep({ step: 'remove-org', action: 'verify' })}
          >
            Verify removal
          </button>
        </p>
      </div>
    );
  return (
    <div>
      <p>{what}</p>
      <label>
        Type {username} to confirm{' '}
        <input
          className="wbat-input"
          aria-label={`Type ${username} to confirm`}
          value={typed}
          autoComplete="off"
          onChange={(event) => setTyped(event.target.value)}
        />
      </label>{' '}
      <button
        type="button"
        className="wbat-button wbat-primary"
        disabled={busy || typed !== username}
        onClick={() => onStep({ step: 'remove-org', action: 'run', confirm: typed })}
      >
        Remove from organization
      </button>
    </div>
  );
}
