import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

const ROW_HEIGHT = 28;
const FIRST_ROWS = 30;

export interface VirtualColumn<Row> {
  header: string;
  cell(row: Row): ReactNode;
}

/**
 * A long table, virtualised (only the rows in view are in the DOM, with spacers keeping the
 * scrollbar true); every cell is rendered as text by the caller's `cell`. `aria-rowcount` and
 * `aria-rowindex` tell assistive technology where a row is in the whole table.
 */
export function VirtualTable<Row>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: readonly VirtualColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row, index: number): string | number;
}) {
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
      <table className="wbat-table" aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <Spacer height={top} columns={columns.length} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <tr key={rowKey(row, item.index)} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(row)}</td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 ? <Spacer height={bottom} columns={columns.length} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** Space for the rows scrolled out of the DOM, so the scrollbar matches the whole table. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="wbat-spacer">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
