import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { firstSorted, nextSort, type PreviewSort } from '@/lib/export/preview-sort';
import type { ExportRow } from '@/lib/export/rows';

function row(cells: Partial<ExportRow>): ExportRow {
  return { ...(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, ''])) as ExportRow), ...cells };
}

/** The reference: the whole list sorted (stable), empty cells last, then the first `count`. */
function reference(rows: ExportRow[], sort: PreviewSort, count: number): ExportRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((r, index) => ({ r, index, key: r[sort.column].toLowerCase() }))
    .sort((a, b) => {
      if (a.key === b.key) return a.index - b.index;
      if (a.key === '') return 1;
      if (b.key === '') return -1;
      return (a.key < b.key ? -1 : 1) * sign;
    })
    .slice(0, count)
    .map((entry) => entry.r);
}

describe('the export preview sorted by a column', () => {
  it('shows the first rows in order, case-blind, empty cells last, either way', () => {
    const rows = [
      row({ username: 'carol', last_active: '2026-10-29' }),
      row({ username: 'Bob', last_active: '' }),
      row({ username: 'alice', last_active: '2026-10-30' }),
      row({ username: 'dave', last_active: '2025-01-02' }),
    ];
    const names = (sorted: ExportRow[]) => sorted.map((r) => r.username);
    expect(names(firstSorted(rows, { column: 'username', direction: 'ascending' }, 3))).toEqual([
      'alice',
      'Bob',
      'carol',
    ]);
    expect(names(firstSorted(rows, { column: 'last_active', direction: 'descending' }, 4))).toEqual([
      'alice',
      'carol',
      'dave',
      'Bob',
    ]);
    expect(names(firstSorted(rows, { column: 'last_active', direction: 'ascending' }, 2))).toEqual([
      'dave',
      'carol',
    ]);
  });

  it('is the whole list sorted, then cut (any rows, column, direction and count)', () => {
    const cell = fc.constantFrom('', 'a', 'B', 'b', 'c', '2026-01-01', '2025-12-31', 'admin', 'Member');
    fc.assert(
      fc.property(
        fc.array(fc.record({ username: cell, email: cell, org_role: cell }), { maxLength: 60 }),
        fc.constantFrom('username' as const, 'email' as const, 'org_role' as const),
        fc.constantFrom('ascending' as const, 'descending' as const),
        fc.integer({ min: 1, max: 12 }),
        (cells, column, direction, count) => {
          const rows = cells.map(row);
          expect(firstSorted(rows, { column, direction }, count)).toEqual(
            reference(rows, { column, direction }, count),
          );
        },
      ),
    );
  });

  it('a header pressed again turns the order round, then back to W&B’s order', () => {
    const first = nextSort(null, 'email');
    expect(first).toEqual({ column: 'email', direction: 'ascending' });
    const second = nextSort(first, 'email');
    expect(second).toEqual({ column: 'email', direction: 'descending' });
    expect(nextSort(second, 'email')).toBeNull();
    expect(nextSort(second, 'username')).toEqual({ column: 'username', direction: 'ascending' });
  });
});
