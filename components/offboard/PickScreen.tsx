import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { ConfirmStep } from '@/components/shared/ConfirmStep';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { searchMembers } from '@/lib/offboarding/search';
import { isSettled } from '@/lib/offboarding/steps';
import { MemberResults, type MemberResultsHandle } from './MemberResults';
import type { OffboardDialogProps, OffboardScreen } from './types';

/** Open cases to resume, and a search to pick a member to offboard. */
export function PickScreen({
  view,
  onPick,
  onResume,
  onDeleteCase,
}: OffboardDialogProps & { view: Extract<OffboardScreen, { screen: 'pick' }> }) {
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const listId = useId();
  const results = useRef<MemberResultsHandle>(null);
  const hits = useMemo(() => (view.members ? searchMembers(view.members, query) : []), [view.members, query]);
  const open = view.cases.filter((c) => c.status === 'open');
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.current?.focusFirst();
    } else if (event.key === 'Enter' && hits.length === 1 && hits[0]?.username) {
      event.preventDefault();
      onPick(hits[0].username);
    }
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
                  {c.steps.filter(isSettled).length}/{c.steps.length} steps settled
                  {c.recheck?.result === 'back' ? ' — re-check: back in W&B' : ''}
                </span>{' '}
                <DeleteCase c={c} onDelete={onDeleteCase} onDeleted={() => search.current?.focus()} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <label className="wbat-field">
        Search members
        <input
          ref={search}
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
              : `${hits.length} matching. ↓ moves into the results.`}
      </p>
      <MemberResults ref={results} id={listId} members={hits} onPick={onPick} />
    </>
  );
}

/**
 * Deleting a stored case, confirmed first: what goes (the record on this device) and what does
 * not (nothing changes on W&B; an open case's remaining steps are no longer tracked).
 */
function DeleteCase({
  c,
  onDelete,
  onDeleted,
}: {
  c: OffboardingCase;
  onDelete(caseId: string): Promise<void>;
  onDeleted(): void;
}) {
  const username = c.impact.member.username;
  return (
    <ConfirmStep
      ask={`Delete case of ${username}`}
      question={`Delete the case of ${username}?`}
      keep="Keep case"
      confirm="Delete case"
      onConfirm={() => onDelete(c.id).then(onDeleted)}
    >
      Its steps and record are removed from this device; nothing changes on W&B.
      {c.status === 'open' ? ' The case is still open: the steps not done will no longer be tracked.' : ''}
    </ConfirmStep>
  );
}
