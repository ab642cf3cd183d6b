import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { Impact, OffboardingCase, Step, StepId } from '../lib/offboarding/model';
import { STEP_TITLES } from '../lib/offboarding/steps';
import type { DirectoryMember } from '../lib/wandb/directory';
import { ModalDialog } from './dialog';
import { ReinviteConfirm } from './offboard/ReinviteConfirm';

/** What an admin asks a step to do; the container sends it to the background. */
export interface StepRequest {
  step: StepId;
  action: 'run' | 'verify' | 'skip' | 'confirm' | 'choose' | 'review' | 'prepare' | 'ack';
  team?: string;
  to?: string;
  reviewed?: string[];
  reason?: string;
  confirm?: string;
  days?: number;
}

/** Links to W&B's own pages, built by the container for this host and org. */
export interface OffboardLinks {
  members: string;
  apiKeys: string;
  team(team: string): string;
  serviceAccounts(team: string): string;
  run(team: string, project: string, run: string): string;
}

export type OffboardScreen =
  | { screen: 'pick'; members: DirectoryMember[] | null; loadError: string | null; cases: OffboardingCase[] }
  | { screen: 'impact'; username: string; impact: Impact | null }
  | { screen: 'case'; case: OffboardingCase; reinviteJobId: string | null };

export interface OffboardDialogProps {
  view: OffboardScreen;
  links: OffboardLinks;
  busy: boolean;
  error: string | null;
  onClose(): void;
  onPick(username: string): void;
  onResume(caseId: string): void;
  onBack(): void;
  onStart(username: string): void;
  onStep(request: StepRequest): void;
  onRecord(format: 'json' | 'md'): void;
  onReinvite(): void;
  onCloseCase(): void;
}

const STATE_LABEL: Record<Step['state'], string> = {
  todo: 'To do',
  done: 'Done',
  skipped: 'Skipped',
  blocked: 'Blocked',
};

function matches(member: DirectoryMember, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return false;
  return [member.name, member.username ?? '', member.email ?? ''].some((value) =>
    value.toLowerCase().includes(q),
  );
}

/** The offboarding checklist: pick a member, see the impact, then work through the steps. */
export function OffboardDialog(props: OffboardDialogProps) {
  const { view, error, busy } = props;
  // A new screen replaces the control that had focus: move focus to the top of the new screen
  // (not on first open, where the dialog itself takes it).
  const body = useRef<HTMLDivElement>(null);
  const shown = useRef(view.screen);
  useEffect(() => {
    if (shown.current === view.screen) return;
    shown.current = view.screen;
    body.current?.focus();
  }, [view.screen]);
  return (
    <ModalDialog
      title="Offboard member"
      subtitle="Impact first; unsafe steps are blocked; every step is checked against W&B."
      className="wbat-offboard"
      onClose={props.onClose}
    >
      <div ref={body} tabIndex={-1} className="wbat-dialog-body" aria-busy={busy}>
        {error ? (
          <p className="wbat-error" role="alert">
            {error}
          </p>
        ) : null}
        {busy ? (
          <output className="wbat-status">
            <span className="wbat-spinner" aria-hidden="true" /> Reading W&B…
          </output>
        ) : null}
        {view.screen === 'pick' ? <PickScreen {...props} view={view} /> : null}
        {view.screen === 'impact' ? <ImpactScreen {...props} view={view} /> : null}
        {view.screen === 'case' ? <CaseScreen {...props} view={view} /> : null}
      </div>
    </ModalDialog>
  );
}

function PickScreen({
  view,
  onPick,
  onResume,
}: OffboardDialogProps & { view: Extract<OffboardScreen, { screen: 'pick' }> }) {
  const [query, setQuery] = useState('');
  const listId = useId();
  const hits = view.members ? view.members.filter((m) => m.username && matches(m, query)).slice(0, 20) : [];
  const open = view.cases.filter((c) => c.status === 'open');
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      const first = (event.currentTarget.getRootNode() as Document | ShadowRoot)
        .getElementById(listId)
        ?.querySelector('button');
      first?.focus();
    } else if (event.key === 'Enter' && hits.length === 1 && hits[0]?.username) {
      event.preventDefault();
      onPick(hits[0].username);
    }
  };
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...event.currentTarget.querySelectorAll('button')];
    const active = (event.currentTarget.getRootNode() as Document | ShadowRoot).activeElement;
    const index = buttons.indexOf(active as HTMLButtonElement);
    buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  };
  return (
    <>
      {view.cases.length > 0 ? (
        <section className="wbat-section" aria-label="Offboarding cases">
          <h3 className="wbat-section-title">Cases ({open.length} open)</h3>
          <ul className="wbat-plain">
            {view.cases.map((c) => (
              <li key={c.id}>
                <button type="button" className="wbat-button" onClick={() => onResume(c.id)}>
                  {c.status === 'open' ? 'Resume' : 'View'} {c.impact.member.username}
                </button>{' '}
                <span className="wbat-hint">
                  {c.status}, opened {c.createdAt.slice(0, 10)} by {c.actor};{' '}
                  {c.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length}/{c.steps.length}{' '}
                  steps settled
                  {c.recheck?.result === 'back' ? ' — re-check: back in W&B' : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <label className="wbat-field">
        Search members
        <input
          className="wbat-input"
          aria-label="Search members"
          type="search"
          value={query}
          autoComplete="off"
          placeholder="Name, username or email"
          aria-describedby={`${listId}-hint`}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      <p id={`${listId}-hint`} className="wbat-hint">
        {view.loadError
          ? view.loadError
          : view.members === null
            ? 'Loading the member directory…'
            : query.trim() === ''
              ? `${view.members.length} members. Type to search; ↓ moves into the results.`
              : `${hits.length} matching${hits.length === 20 ? ' (first 20)' : ''}.`}
      </p>
      <ul id={listId} className="wbat-plain" aria-label="Matching members" onKeyDown={onListKey}>
        {hits.map((member) => (
          <li key={member.username}>
            <button type="button" className="wbat-button" onClick={() => onPick(member.username as string)}>
              {member.name} ({member.username}){member.email ? ` ${member.email}` : ''}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ImpactView({ impact, links }: { impact: Impact; links: OffboardLinks }) {
  const m = impact.member;
  return (
    <section className="wbat-groups" aria-label="Impact">
      {impact.lastOrgAdmin ? (
        <p className="wbat-error" role="alert">
          {m.username} is the last org admin. W&B requires at least one org admin, so the toolkit will not
          offboard them. Make another member an org admin on the{' '}
          <a href={links.members} target="_blank" rel="noopener">
            Members page
          </a>{' '}
          first.
        </p>
      ) : null}
      <section className="wbat-section" aria-label="Member">
        <h3 className="wbat-section-title">
          {m.name} ({m.username})
        </h3>
        <p>
          Org role: {m.orgRole ?? 'not shown by W&B'} · Models seat: {m.modelsSeat ?? 'not shown'} · Weave:{' '}
          {m.weaveAccess ?? 'not shown'}
          {m.email ? ` · ${m.email}` : ''} ·{' '}
          <a href={links.members} target="_blank" rel="noopener">
            Members page
          </a>
        </p>
        {impact.otherOrgAdmins !== null ? (
          <p>Other org admins: {impact.otherOrgAdmins}</p>
        ) : (
          <p>Org roles are not shown to this session.</p>
        )}
        {!impact.complete ? (
          <p className="wbat-note">Only the teams visible to you were read; the list may be incomplete.</p>
        ) : null}
      </section>
      <section className="wbat-section" aria-label="Teams">
        <h3 className="wbat-section-title">Teams ({m.teams.length})</h3>
        <ul className="wbat-plain">
          {m.teams.map((t) => (
            <li key={t.team}>
              <a href={links.team(t.team)} target="_blank" rel="noopener">
                {t.team}
              </a>
              : {t.role}
              {impact.soleAdminTeams.some((s) => s.team === t.team) ? (
                <strong> — only admin (blocker)</strong>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="wbat-section" aria-label="API keys">
        <h3 className="wbat-section-title">API keys</h3>
        {impact.apiKeys.status === 'read' ? (
          <p>
            {impact.apiKeys.items.map((k) => k.name).join(', ') || 'None'}. {impact.apiKeys.note}
          </p>
        ) : (
          <p>{impact.apiKeys.reason}</p>
        )}
        <a href={links.apiKeys} target="_blank" rel="noopener">
          API keys page
        </a>
      </section>
      <section className="wbat-section" aria-label="Service accounts">
        <h3 className="wbat-section-title">
          Service accounts in their teams ({impact.serviceAccounts.length})
        </h3>
        <ul className="wbat-plain">
          {impact.serviceAccounts.map((s) => (
            <li key={s.username}>
              {s.name} ({s.username}) in{' '}
              {s.teams.map((t, i) => (
                <span key={t}>
                  {i > 0 ? ', ' : ''}
                  <a href={links.serviceAccounts(t)} target="_blank" rel="noopener">
                    {t}
                  </a>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>
      <section className="wbat-section" aria-label="Recent runs">
        <h3 className="wbat-section-title">Recent runs</h3>
        {impact.runs.status === 'read' ? (
          <>
            <ul className="wbat-plain">
              {impact.runs.items.map((r) => (
                <li key={`${r.team}/${r.project}/${r.name}`}>
                  <a href={links.run(r.team, r.project, r.name)} target="_blank" rel="noopener">
                    {r.team}/{r.project}/{r.name}
                  </a>{' '}
                  last heartbeat {r.heartbeatAt ?? 'never'}
                </li>
              ))}
            </ul>
            {impact.runs.items.length === 0 ? (
              <p>No runs of theirs among the most recent runs of their teams’ projects.</p>
            ) : null}
            {impact.runs.note ? <p className="wbat-hint">{impact.runs.note}</p> : null}
          </>
        ) : (
          <p>{impact.runs.reason}</p>
        )}
      </section>
      <section className="wbat-section" aria-label="Invites they sent">
        <h3 className="wbat-section-title">Pending invites they sent</h3>
        <p>
          {impact.sentInvites.status === 'read'
            ? `${impact.sentInvites.items.length}`
            : impact.sentInvites.reason}
        </p>
      </section>
    </section>
  );
}

function ImpactScreen({
  view,
  links,
  busy,
  onBack,
  onStart,
}: OffboardDialogProps & { view: Extract<OffboardScreen, { screen: 'impact' }> }) {
  return (
    <>
      {view.impact ? <ImpactView impact={view.impact} links={links} /> : null}
      <div className="wbat-dialog-footer">
        <button type="button" className="wbat-button" onClick={onBack}>
          Back
        </button>
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={busy || !view.impact || view.impact.lastOrgAdmin}
          onClick={() => onStart(view.username)}
        >
          Start offboarding
        </button>
      </div>
    </>
  );
}

function automationItems(c: OffboardingCase): { key: string; label: string }[] {
  const runs = c.impact.runs.status === 'read' ? c.impact.runs.items : [];
  return [
    ...runs.map((r) => ({
      key: `run:${r.team}/${r.project}/${r.name}`,
      label: `Run ${r.team}/${r.project}/${r.name}`,
    })),
    ...c.impact.serviceAccounts.map((s) => ({
      key: `sa:${s.username}`,
      label: `Service account ${s.username} (${s.teams.join(', ')})`,
    })),
    ...(c.impact.apiKeys.status === 'read'
      ? c.impact.apiKeys.items.map((k) => ({ key: `key:${k.name}`, label: `API key ${k.name}` }))
      : []),
  ];
}

function SkipControl({ step, onStep }: { step: StepId; onStep(request: StepRequest): void }) {
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

function StepControls({
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
  const [typed, setTyped] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [days, setDays] = useState(30);
  // Ticks are kept here and sent whole, so quick clicks never overwrite each other's answer.
  const [reviewed, setReviewed] = useState(() => new Set(c.reviewed));
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
  if (step.state === 'done' || step.state === 'skipped' || step.state === 'blocked' || c.status !== 'open')
    return null;
  switch (step.id) {
    case 'reassign':
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
    case 'automation': {
      const items = automationItems(c);
      return (
        <div>
          <p className="wbat-hint">
            Pipelines using their personal key stop when they leave. Check each item and move it to a service
            account key.
          </p>
          <ul className="wbat-plain" aria-label="Automation to review">
            {items.map((item) => (
              <li key={item.key}>
                <label className="wbat-check">
                  <input
                    type="checkbox"
                    checked={reviewed.has(item.key)}
                    onChange={(event) => {
                      const next = new Set(reviewed);
                      if (event.target.checked) next.add(item.key);
                      else next.delete(item.key);
                      setReviewed(next);
                      onStep({ step: 'automation', action: 'review', reviewed: [...next] });
                    }}
                  />{' '}
                  {item.label}
                </label>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="wbat-button wbat-primary"
            disabled={busy || items.some((item) => !reviewed.has(item.key))}
            onClick={() => onStep({ step: 'automation', action: 'confirm' })}
          >
            Confirm automation reviewed
          </button>
        </div>
      );
    }
    case 'remove-teams': {
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
          {confirming ? (
            <button
              type="button"
              className="wbat-button wbat-primary"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                onStep({ step: 'remove-teams', action: 'run' });
              }}
            >
              Confirm removal from {teams.length} {teams.length === 1 ? 'team' : 'teams'}
            </button>
          ) : (
            <button type="button" className="wbat-button" disabled={busy} onClick={() => setConfirming(true)}>
              Remove from teams…
            </button>
          )}
        </div>
      );
    }
    case 'remove-org': {
      const what = `${username} loses access to ${c.org} at once and frees their ${c.impact.member.modelsSeat ?? ''} seat. Their runs, artifacts and reports stay. W&B has no undo.`;
      if (step.mode === 'guided')
        return (
          <div>
            <p>{what}</p>
            <p>
              With your session this is a guided step: W&B offers no verified API for it.{' '}
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
    case 'revoke-keys':
      return (
        <div>
          <p>
            Revoke their keys on the{' '}
            <a href={links.apiKeys} target="_blank" rel="noopener">
              API keys page
            </a>{' '}
            (keys of someone who has left may need W&B Support).{' '}
            <button
              type="button"
              className="wbat-button"
              disabled={busy}
              onClick={() => onStep({ step: 'revoke-keys', action: 'verify' })}
            >
              Verify keys revoked
            </button>{' '}
            <button
              type="button"
              className="wbat-button"
              disabled={busy}
              onClick={() => onStep({ step: 'revoke-keys', action: 'confirm' })}
            >
              I revoked them on W&B’s page
            </button>
          </p>
          <SkipControl step="revoke-keys" onStep={onStep} />
        </div>
      );
    case 'reclaim-seat':
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
    case 'recheck':
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
    default:
      return null;
  }
}

function CaseScreen({
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
        in {c.org}, opened {c.createdAt.slice(0, 16).replace('T', ' ')} UTC by {c.actor}. Status: {c.status}.{' '}
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
              <strong>{STATE_LABEL[step.state]}</strong> · {step.mode}
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
