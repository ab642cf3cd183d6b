import { neutraliseFormula } from '@/lib/csv/neutralise';
import type { ExportColumn } from '@/lib/export/columns';
import type { ExportRow } from '@/lib/export/rows';

export interface PreviewTableProps {
  columns: readonly ExportColumn[];
  /** The first rows to show (the caller slices). */
  rows: readonly ExportRow[];
  /** Show cells as the CSV writes them (neutralised) rather than as JSON does (as they are). */
  neutralise: boolean;
}

/** The first matching rows, with the chosen columns, as the file will hold them; every value rendered as text. */
export function PreviewTable({ columns, rows, neutralise }: PreviewTableProps) {
  return (
    <div className="wbat-table-wrap">
      <table className="wbat-table">
        <caption>Preview</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
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
