/**
 * "Same person": links an orphan to an account of the export whose address differs. An ARIA 1.2
 * combobox (a text box that filters a list box of accounts no member matched): ↓/↑ move through
 * the accounts, Enter chooses one, Escape closes the list; the choice is confirmed with a button
 * that names both sides. The accounts are searched in slices, so 50,000 of them never hold the page.
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { mergeSuggestions, type Suggestion, suggestAccounts } from '@/lib/reconcile/suggest';
import type { IdpPerson, OrphanRow } from '@/lib/reconcile/types';
import { reportFailure } from '@/lib/report';
import { yieldToPage } from '../shared/yield';

const SLICE = 5_000;
const SHOWN = 50;

function useSuggestions(member: OrphanRow, candidates: readonly IdpPerson[], query: string) {
  const [found, setFound] = useState<Suggestion[] | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      let best: Suggestion[] = [];
      for (let start = 0; start < candidates.length; start += SLICE) {
        best = mergeSuggestions(
          best,
          suggestAccounts(member, candidates.slice(start, start + SLICE), query, SHOWN),
          SHOWN,
        );
        await yieldToPage();
        if (!live) return;
      }
      setFound(best);
    })().catch((error: unknown) => reportFailure('reconcile', error));
    return () => {
      live = false;
    };
  }, [member, candidates, query]);
  return found;
}

export function SamePersonPicker({
  member,
  candidates,
  onLink,
  onCancel,
}: {
  member: OrphanRow;
  /** Accounts of the export no member matched, sorted by address. */
  candidates: readonly IdpPerson[];
  onLink(idpEmail: string): Promise<void>;
  onCancel(): void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(true);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<IdpPerson | null>(null);
  const [saving, setSaving] = useState(false);
  const found = useSuggestions(member, candidates, chosen ? '' : query);
  const options = found ?? [];
  useEffect(() => {
    input.current?.focus();
  }, []);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const choose = (person: IdpPerson) => {
    setChosen(person);
    setQuery(person.email);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((at) => Math.min(Math.max(0, at + (open ? step : 0)), Math.max(0, options.length - 1)));
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault();
      choose(options[active].person);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };
  const listId = `${id}-accounts`;
  const optionId = (index: number) => `${id}-account-${index}`;
  const expanded = open && options.length > 0;
  return (
    <section className="wbat-section" aria-label={`Same person as ${member.username}`}>
      <p>
        Which account in the export is {member.name} ({member.username}
        {member.email ? `, ${member.email} in W&B` : ''})? The link is kept on this device for this
        organization and used next time.
      </p>
      <div className="wbat-row">
        <label htmlFor={`${id}-search`}>Account in the export</label>
        <input
          ref={input}
          id={`${id}-search`}
          className="wbat-input"
          role="combobox"
          aria-autocomplete="list"
          aria-controls={listId}
          aria-expanded={expanded}
          aria-activedescendant={expanded && options[active] ? optionId(active) : undefined}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
            setChosen(null);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id={`${id}-hint`} className="wbat-hint">
        {found === null
          ? 'Looking through the accounts…'
          : `${candidates.length.toLocaleString('en-US')} accounts no member matched; ${
              query && !chosen
                ? `${options.length} shown for “${query}”`
                : `the ${options.length} most alike shown`
            }. ↓ and ↑ move, Enter chooses.`}
      </p>
      <div
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label="Accounts in the export"
        className="wbat-options"
        hidden={!expanded}
      >
        {options.map(({ person }, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's text box handles the keys (ARIA combobox pattern).
          <div
            key={person.key}
            id={optionId(index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(person)}
          >
            {person.email}
            {person.name ? ` — ${person.name}` : ''} (
            {person.active ? 'active' : person.status || 'suspended'}, row {person.line})
          </div>
        ))}
      </div>
      <div className="wbat-row">
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={!chosen || saving}
          onClick={async () => {
            if (!chosen) return;
            setSaving(true);
            await onLink(chosen.key).finally(() => setSaving(false));
          }}
        >
          {chosen ? `Link ${member.username} to ${chosen.email}` : 'Link'}
        </button>
        <button type="button" className="wbat-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
