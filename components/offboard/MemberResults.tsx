import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, type KeyboardEvent, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { memberDetails } from '@/lib/offboarding/search';
import type { DirectoryMember } from '@/lib/wandb/directory';

const ROW_HEIGHT = 52;
const FIRST_ROWS = 12;

export interface MemberResultsHandle {
  /** Moves focus to the first result (↓ from the search box). */
  focusFirst(): void;
}

/**
 * Every matching member, virtualised (only the rows in view are in the DOM), each with what tells
 * namesakes apart. ↑/↓, Home and End move between results, scrolling as needed; host text is rendered as text.
 */
export const MemberResults = forwardRef<
  MemberResultsHandle,
  { id: string; members: readonly DirectoryMember[]; onPick(username: string): void }
>(function MemberResults({ id, members, onPick }, ref) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const virtualizer = useVirtualizer({
    count: members.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 600, height: 260 },
  });
  const moveTo = (index: number) => {
    virtualizer.scrollToIndex(index);
    setFocusIndex(index);
  };
  useImperativeHandle(ref, () => ({ focusFirst: () => members.length > 0 && moveTo(0) }));
  useEffect(() => {
    if (focusIndex === null) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(`button[data-index="${focusIndex}"]`);
    if (button) {
      button.focus({ preventScroll: true });
      setFocusIndex(null);
    }
  });
  const measured = virtualizer.getVirtualItems();
  const items =
    measured.length > 0 || members.length === 0
      ? measured
      : members.slice(0, FIRST_ROWS).map((_, index) => ({ index, start: index * ROW_HEIGHT }));
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const current = Number((event.target as HTMLElement).dataset.index ?? -1);
    const last = members.length - 1;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(last, current + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, current - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    moveTo(next);
  };
  return (
    <div ref={scrollRef} className="wbat-results-scroll">
      <ul
        id={id}
        className="wbat-plain wbat-results"
        aria-label="Matching members"
        onKeyDown={onKeyDown}
        style={{ height: members.length * ROW_HEIGHT }}
      >
        {items.map((item) => {
          const member = members[item.index];
          if (!member?.username) return null;
          const username = member.username;
          return (
            <li
              key={username}
              aria-posinset={item.index + 1}
              aria-setsize={members.length}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <button
                type="button"
                className="wbat-result"
                data-index={item.index}
                onClick={() => onPick(username)}
              >
                <span className="wbat-result-name">
                  {member.name} ({username}){member.email ? ` ${member.email}` : ''}
                </span>{' '}
                <span className="wbat-hint">{memberDetails(member)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
});
