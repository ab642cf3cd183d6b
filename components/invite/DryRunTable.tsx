import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ClassifiedRow } from '@/lib/invite/classify';

const ROW_HEIGHT = 28;
const FIRST_ROWS = 30;

/** The dry-run rows, virtualised (only the rows in view are in the DOM); host text is rendered as text. */
export function DryRunTable({ rows }: { rows: readonly ClassifiedRow[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Before layout (and in tests) assume the wrapper's CSS height so the first rows render.
    initialRect: { width: 800, height: 320 },
  });
  const measured = virtualizer.getVirtualItems();
  // Before the wrapper has a size (first paint, or an environment without layout) show the first rows.
  const items =
    measured.length > 0 || rows.length === 0
      ? measured
      : rows.slice(0, FIRST_ROWS).map((_, index) => ({
          index,
          start: index * ROW_HEIGHT,
          end: (index + 1) * ROW_HEIGHT,
        }));
  const top = items[0]?.start ?? 0;
  const bottom = Math.max(0, rows.length * ROW_HEIGHT - (items[items.length - 1]?.end ?? 0));
  return (
    <div ref={scrollRef} className="wbat-table-wrap">
      <table className="wbat-table" aria-label="Dry run" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Row</th>
            <th scope="col">Email</th>
            <th scope="col">Teams</th>
            <th scope="col">Team role</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <Spacer height={top} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr key={row.index} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                <td>{row.row}</td>
                <td>{row.email}</td>
                <td>{row.teams.join('; ')}</td>
                <td>{row.teamRole}</td>
                <td>
                  <span className={`wbat-status wbat-status-${row.status}`}>{row.status}</span>
                </td>
                <td>{row.reason}</td>
              </tr>
            );
          })}
          {bottom > 0 ? <Spacer height={bottom} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** Space for the rows scrolled out of the DOM, so the scrollbar matches the whole table. */
function Spacer({ height }: { height: number }) {
  return (
    <tr className="wbat-spacer">
      <td colSpan={6} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
