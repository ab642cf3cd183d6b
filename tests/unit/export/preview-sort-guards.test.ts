/**
 * Guards of the export preview's sort (`lib/export/preview-sort.ts`) that `preview-sort.test.ts`
 * passes through (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { firstSorted } from '@/lib/export/preview-sort';
import type { ExportRow } from '@/lib/export/rows';

function row(cells: Partial<ExportRow>): ExportRow {
  return { ...(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, ''])) as ExportRow), ...cells };
}

describe('preview sort guards', () => {
  it('guard "the preview compares lower-cased text by code unit": ann_lee comes before annlee, as in a lower-case listing', () => {
    const rows = [row({ username: 'annlee' }), row({ username: 'Ann_Lee' })];
    expect(
      firstSorted(rows, { column: 'username', direction: 'ascending' }, 2).map((r) => r.username),
    ).toEqual(['Ann_Lee', 'annlee']);
  });
});
