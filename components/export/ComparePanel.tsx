import { useId } from 'react';
import type { ComparisonResult } from '@/lib/export/compare';
import type { ExportReadError, PreviousExport } from '@/lib/export/previous';

/** Where the previous export stands: none picked, being read, refused (with the reason), or read. */
export type PreviousExportState =
  | { status: 'none' }
  | { status: 'reading'; fileName: string }
  | { status: 'error'; fileName: string; error: ExportReadError }
  | { status: 'ready'; fileName: string; previous: PreviousExport };

export interface ComparePanelProps {
  previous: PreviousExportState;
  /** The comparison of `previous` with the rows matching the current filters; null until both exist. */
  comparison: ComparisonResult | null;
  /** Name of the export kept on this device (e.g. its file name); null or absent hides that choice. */
  lastExportLabel?: string | null;
  /** False until the directory is loaded (there is nothing to compare with yet). */
  enabled: boolean;
  onCompareFile(file: File): void;
  onCompareLast?(): void;
  onDownload(): void;
}

/** Rows of the comparison table shown in the dialog; the download has them all. */
export const COMPARISON_TABLE_LIMIT = 100;

const numberFormat = new Intl.NumberFormat('en-US');
function count(value: number, one: string, many: string): string {
  return `${numberFormat.format(value)} ${value === 1 ? one : many}`;
}

/** One line of the comparison table. */
interface ComparisonLine {
  change: 'joined' | 'left' | 'invited' | 'invite-gone' | 'changed';
  username: string;
  email: string;
  field: string;
  before: string;
  after: string;
}

/** The first `limit` lines, in the download's order (joined, left, invited, invite gone, changed), without building them all. */
function firstLines(result: ComparisonResult, limit: number): ComparisonLine[] {
  const lines: ComparisonLine[] = [];
  const entries = [
    ['joined', result.joiners],
    ['left', result.leavers],
    ['invited', result.invited],
    ['invite-gone', result.invitesGone],
  ] as const;
  for (const [change, list] of entries)
    for (const entry of list) {
      if (lines.length >= limit) return lines;
      lines.push({ change, username: entry.username, email: entry.email, field: '', before: '', after: '' });
    }
  for (const change of result.changes) {
    if (lines.length >= limit) return lines;
    lines.push({ change: 'changed', ...change });
  }
  return lines;
}

/** The message, with the row and column added when it does not already name them. */
function describeError(error: ExportReadError): string {
  const text = error.message.toLowerCase();
  const where = [
    error.row !== undefined && !text.includes(`row ${error.row}`) ? `row ${error.row}` : null,
    error.column !== undefined && !text.includes(error.column.toLowerCase())
      ? `column ${error.column}`
      : null,
  ].filter((part) => part !== null);
  return where.length > 0 ? `${error.message} (${where.join(', ')})` : error.message;
}

/** Compare with a previous export: pick a file (or the one kept on this device), see counts and a table, download it all. */
export function ComparePanel({
  previous,
  comparison,
  lastExportLabel,
  enabled,
  onCompareFile,
  onCompareLast,
  onDownload,
}: ComparePanelProps) {
  const id = useId();
  const total = comparison
    ? comparison.joiners.length +
      comparison.leavers.length +
      comparison.invited.length +
      comparison.invitesGone.length +
      comparison.changes.length
    : 0;
  const lines = comparison ? firstLines(comparison, COMPARISON_TABLE_LIMIT) : [];
  return (
    <fieldset className="wbat-section">
      <legend>Compare</legend>
      <div className="wbat-row">
        <label htmlFor={`${id}-file`}>Compare with a previous export</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          disabled={!enabled}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            // Cleared so that picking the same file again (after fixing it) is a change too.
            event.currentTarget.value = '';
            if (file) onCompareFile(file);
          }}
        />
        {lastExportLabel && onCompareLast ? (
          <button type="button" className="wbat-button" disabled={!enabled} onClick={onCompareLast}>
            Compare with the last export ({lastExportLabel})
          </button>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="wbat-hint">
        A CSV or JSON file this toolkit exported. It is compared with the rows matching the filters above:
        joiners, leavers, new and gone invites, and changes of org role, seats, status and team roles.
      </p>
      <div aria-live="polite">
        {previous.status === 'reading' ? <p>Reading {previous.fileName}…</p> : null}
        {previous.status === 'ready' && comparison ? (
          <>
            <p>
              Compared with {previous.fileName}
              {comparison.fields.length < 5
                ? ` (fields compared: ${comparison.fields.join(', ') || 'none'})`
                : ''}
              :
            </p>
            <ul className="wbat-counts" aria-label="Comparison counts">
              <li>{count(comparison.joiners.length, 'joiner', 'joiners')}</li>
              <li>{count(comparison.leavers.length, 'leaver', 'leavers')}</li>
              <li>{count(comparison.invited.length, 'new invite', 'new invites')}</li>
              <li>{count(comparison.invitesGone.length, 'invite gone', 'invites gone')}</li>
              <li>{count(comparison.changes.length, 'change', 'changes')}</li>
            </ul>
          </>
        ) : null}
      </div>
      {previous.status === 'error' ? (
        <div className="wbat-error" role="alert">
          <span>
            {previous.fileName}: {describeError(previous.error)}
          </span>
        </div>
      ) : null}
      {previous.status === 'ready' && comparison ? (
        <>
          {total > 0 ? (
            <div className="wbat-table-wrap">
              <table className="wbat-table">
                <caption>
                  Comparison
                  {total > lines.length
                    ? ` (first ${numberFormat.format(lines.length)} of ${numberFormat.format(total)}; the download has all)`
                    : ''}
                </caption>
                <thead>
                  <tr>
                    {['change', 'username', 'email', 'field', 'before', 'after'].map((name) => (
                      <th key={name} scope="col">
                        {name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {lines.map((line, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a person has one line per changed field; the list is rebuilt, never reordered.
                    <tr key={index}>
                      <td>{line.change}</td>
                      <td>{line.username}</td>
                      <td>{line.email}</td>
                      <td>{line.field}</td>
                      <td>{line.before}</td>
                      <td>{line.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>No differences.</p>
          )}
          <button type="button" className="wbat-button" onClick={onDownload}>
            Download comparison
          </button>
        </>
      ) : null}
    </fieldset>
  );
}
