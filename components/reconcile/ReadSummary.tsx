import type { IdpInputRead, IdpReadSummary } from '@/lib/reconcile/engine';
import { IDP_FORMAT_LABELS } from '@/lib/reconcile/read';
import type { RowProblem } from '@/lib/reconcile/types';
import { plural } from '../dialog';
import { VirtualTable } from '../shared/VirtualTable';

const PROBLEM_COLUMNS = [
  { header: 'Row', cell: (p: RowProblem) => p.line },
  { header: 'As read', cell: (p: RowProblem) => p.asRead },
  { header: 'Problem', cell: (p: RowProblem) => p.message },
];

/** What was read from the export: its format, rows, active and suspended accounts, and every row that could not be read. */
export function ReadSummary({
  source,
  summary,
}: {
  source: Extract<IdpInputRead, { ok: true }>;
  summary: IdpReadSummary;
}) {
  return (
    <section className="wbat-section" aria-label="What was read">
      <h3 className="wbat-section-title">2. What was read</h3>
      <ul className="wbat-counts" aria-label="Rows read">
        <li>Format: {IDP_FORMAT_LABELS[source.format]}</li>
        <li>{plural(summary.rows, 'row', 'rows')}</li>
        <li>active: {summary.active.toLocaleString('en-US')}</li>
        <li>suspended or disabled: {summary.inactive.toLocaleString('en-US')}</li>
        <li>could not be read: {summary.problems.length.toLocaleString('en-US')}</li>
      </ul>
      <p className="wbat-hint">
        {summary.statusColumn === null
          ? 'No status column: every account is counted as active.'
          : `Status from the column "${summary.statusColumn}": ${summary.statusValues
              .map(
                (entry) => `${entry.value || '(empty)'} ${entry.rows}${entry.inactive ? ' (suspended)' : ''}`,
              )
              .join(' · ')}. Other values (locked out, staged, …) count as active.`}
        {summary.alternateColumn
          ? ` Where the email cell is empty, the address is read from "${summary.alternateColumn}".`
          : ''}
        {summary.duplicates > 0
          ? ` ${plural(summary.duplicates, 'row repeats', 'rows repeat')} an address of an earlier row: read as one person, active if any of its rows is.`
          : ''}
      </p>
      {summary.problems.length > 0 ? (
        <>
          <p className="wbat-error" role="alert">
            {plural(summary.problems.length, 'row', 'rows')} could not be read and{' '}
            {summary.problems.length === 1 ? 'is' : 'are'} left out of the lists: fix{' '}
            {summary.problems.length === 1 ? 'it' : 'them'} in the export and read it again.
          </p>
          <VirtualTable
            label="Rows that could not be read"
            columns={PROBLEM_COLUMNS}
            rows={summary.problems}
            rowKey={(_p, index) => index}
          />
        </>
      ) : null}
    </section>
  );
}
