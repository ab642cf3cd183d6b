/**
 * The export preview sorted by a column: the first `count` rows of `rows` in that order, picked in
 * one pass (50,000 rows, 10 kept: no sort of the whole list on the dialog's thread). Values compare
 * case-blind, by code unit (ISO dates and the role and seat words sort as expected); empty cells
 * go last either way; equal values keep W&B's order.
 */
import type { ExportColumn } from './columns';
import type { ExportRow } from './rows';

export type SortDirection = 'ascending' | 'descending';

export interface PreviewSort {
  column: ExportColumn;
  direction: SortDirection;
}

export function firstSorted(rows: readonly ExportRow[], sort: PreviewSort, count: number): ExportRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyOf = (row: ExportRow) => row[sort.column].toLowerCase();
  /** Negative when `a` comes before `b`. */
  const order = (a: string, b: string) => {
    if (a === b) return 0;
    if (a === '') return 1;
    if (b === '') return -1;
    return (a < b ? -1 : 1) * sign;
  };
  const kept: { key: string; row: ExportRow }[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (kept.length === count && order(key, kept[kept.length - 1]!.key) >= 0) continue;
    // After the last kept entry that does not come after it: equal keys keep their input order.
    let at = kept.length;
    while (at > 0 && order(key, kept[at - 1]!.key) < 0) at--;
    kept.splice(at, 0, { key, row });
    if (kept.length > count) kept.pop();
  }
  return kept.map((entry) => entry.row);
}

/** The next sort when a column's header is pressed: ascending, then descending, then W&B's order. */
export function nextSort(current: PreviewSort | null, column: ExportColumn): PreviewSort | null {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}
