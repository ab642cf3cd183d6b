import { type KeyboardEvent, useId, useState } from 'react';
import type { DirectoryMember } from '../../lib/wandb/directory';
import type { OffboardDialogProps, OffboardScreen } from './types';

function matches(member: DirectoryMember, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return false;
  return [member.name, member.username ?? '', member.email ?? ''].some((value) =>
    value.toLowerCase().includes(q),
  );
}

/** Open cases to resume, and a search to pick a member to offboard. */
export function PickScreen({
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
