import { neutraliseFormula } from '@/lib/csv/neutralise';
import type { ExportColumn } from '@/lib/export/columns';
import type { PreviewSort } from '@/lib/export/preview-sort';
import type { ExportRow } from '@/lib/export/rows';

export interface PreviewTableProps {
  columns: readonly ExportColumn[];
  /** The first rows to show (the caller slices). */
  rows: readonly ExportRow[];
  /** Show cells as the CSV writes them (neutralised) rather than as JSON does (as they are). */
  neutralise: boolean;
  /** The column the preview is sorted by; null: W&B's order. */
  sort?: PreviewSort | null;
  /** A column's header was pressed. */
  onSort?(column: ExportColumn): void;
}

/** The first matching rows, with the chosen columns, as the file will hold them; every value rendered as text. */
export function PreviewTable({ columns, rows, neutralise, sort = null, onSort }: PreviewTableProps) {
  return (
    <div className="wbat-table-wrap">
      <table className="wbat-table">
        <caption>
          Preview
          {sort ? `, sorted by ${sort.column} (${sort.direction}); the file keeps W&B's order` : ''}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" aria-sort={sort?.column === column ? sort.direction : undefined}>
                {onSort ? (
                  <button type="button" className="wbat-sort" onClick={() => onSort(column)}>
                    {column}
                    <span aria-hidden="true">
                      {sort?.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                ) : (
                  column
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {columns.length === 0 ? (
            <tr>
              <td>Choose at least one column.</td>
            </tr>
          ) : rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>No rows match these filters.</td>
            </tr>
          ) : (
            rows.map((row, index) => (
              // Rows have no stable id (invites have no username; per-team rows repeat one).
              // biome-ignore lint/suspicious/noArrayIndexKey: the preview is rebuilt, never reordered.
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column}>{neutralise ? neutraliseFormula(row[column]) : row[column]}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
