/**
 * Time-bound access: pick a member from the directory (the offboarding picker's search and results),
 * then set, change or remove their last day of access with an optional note. The date is checked
 * as the admin saves (a real date, today or later); the background checks it again.
 */
import { type FormEvent, type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import type { AccessExpiry } from '@/lib/access-expiry/messages';
import { checkLastDay, checkNote, localDay } from '@/lib/access-expiry/model';
import { searchMembers } from '@/lib/offboarding/search';
import type { DirectoryMember, LoadProgress } from '@/lib/wandb/directory';
import { MemberResults, type MemberResultsHandle } from '../offboard/MemberResults';
import { ConfirmStep } from '../shared/ConfirmStep';

/** The member a date is set for, as the directory (or their stored date) names them. */
export type ExpiryMember = Pick<AccessExpiry, 'username' | 'name' | 'email'>;

export function MemberPicker({
  members,
  loadError,
  progress,
  onPick,
}: {
  members: readonly DirectoryMember[] | null;
  loadError: string | null;
  progress: LoadProgress | null;
  onPick(member: ExpiryMember): void;
}) {
  const [query, setQuery] = useState('');
  const listId = useId();
  const results = useRef<MemberResultsHandle>(null);
  const hits = useMemo(() => (members ? searchMembers(members, query) : []), [members, query]);
  const choose = (m: DirectoryMember) => {
    if (m.username) onPick({ username: m.username, name: m.name, email: m.email });
  };
  const pick = (username: string) => {
    const member = hits.find((m) => m.username === username);
    if (member) choose(member);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      results.current?.focusFirst();
    } else if (event.key === 'Enter' && hits.length === 1 && hits[0]) {
      event.preventDefault();
      choose(hits[0]);
    }
  };
  return (
    <>
      <label>
        Search members{' '}
        <input
          className="wbat-input"
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
        {loadError
          ? `The member directory could not be read: ${loadError}`
          : members === null
            ? 'Loading the member directory…'
            : query.trim() === ''
              ? `${members.length} members. Type to search; ↓ moves into the results.`
              : `${hits.length} matching. ↓ moves into the results.`}
      </p>
      {members === null && !loadError ? (
        <progress
          aria-label="Loading members"
          {...(progress ? { value: progress.done, max: Math.max(1, progress.total) } : {})}
        />
      ) : null}
      <MemberResults ref={results} id={listId} members={hits} onPick={pick} />
    </>
  );
}

/** The date and note of one member, saved or removed. */
export function ExpiryForm({
  member,
  existing,
  error,
  onSave,
  onRemove,
  onCancel,
}: {
  member: ExpiryMember;
  existing: AccessExpiry | undefined;
  /** What the background refused, if it did. */
  error: string | null;
  onSave(lastDay: string, note: string): Promise<unknown>;
  onRemove(): Promise<unknown>;
  onCancel(): void;
}) {
  const [lastDay, setLastDay] = useState(existing?.lastDay ?? '');
  const [badInput, setBadInput] = useState(false);
  const [note, setNote] = useState(existing?.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const shown = problem ?? error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = badInput
      ? { ok: false as const, message: 'Last day of access: not a complete date (YYYY-MM-DD).' }
      : checkLastDay(lastDay, Date.now());
    const noteProblem = checkNote(note);
    const found = !checked.ok ? checked.message : noteProblem;
    setProblem(found);
    if (found) return;
    setSaving(true);
    onSave(lastDay, note).finally(() => setSaving(false));
  };
  const who = `${member.name || member.username} (${member.username})${member.email ? ` ${member.email}` : ''}`;
  return (
    <form
      className="wbat-section"
      aria-label={`Last day of access for ${member.username}`}
      noValidate
      onSubmit={submit}
    >
      <p>
        <strong>{who}</strong>{' '}
        <button type="button" className="wbat-button" onClick={onCancel}>
          Choose another member
        </button>
      </p>
      <label htmlFor={`${id}-day`}>Last day of access</label>{' '}
      <input
        id={`${id}-day`}
        className="wbat-input"
        type="date"
        min={localDay(Date.now())}
        value={lastDay}
        aria-invalid={shown?.startsWith('Last day') ? 'true' : 'false'}
        aria-describedby={`${id}-day-hint`}
        onChange={(event) => {
          setLastDay(event.target.value);
          setBadInput(event.target.validity.badInput);
          setProblem(null);
        }}
      />
      <p id={`${id}-day-hint`} className="wbat-hint">
        Access counts as expired from midnight at the end of this day (this browser’s time zone); the toolbar
        badge and the bar then show it.
      </p>
      <p>
        <label>
          Note (optional){' '}
          <input
            className="wbat-input"
            type="text"
            value={note}
            placeholder="e.g. contract ends"
            aria-invalid={shown?.startsWith('Note') ? 'true' : 'false'}
            onChange={(event) => {
              setNote(event.target.value);
              setProblem(null);
            }}
          />
        </label>
      </p>
      {shown ? (
        <p className="wbat-error" role="alert">
          {shown}
        </p>
      ) : null}
      <div>
        <button type="submit" className="wbat-button wbat-primary" disabled={saving}>
          {existing ? 'Change last day' : 'Set last day'}
        </button>{' '}
        {existing ? (
          <ConfirmStep
            ask={`Remove ${member.username}’s last day`}
            question={`Remove ${member.username}’s last day of access (${existing.lastDay})?`}
            keep="Keep it"
            confirm="Remove last day"
            onConfirm={onRemove}
          >
            The toolkit stops watching this date
            {existing.expiredAt ? ' and no longer counts it as expired' : ''}. Nothing changes on W&B.
          </ConfirmStep>
        ) : null}
      </div>
    </form>
  );
}
