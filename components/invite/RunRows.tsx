import { useEffect, useId, useRef, useState } from 'react';
import { type InviteJob, type InviteUnit, resultOf } from '@/lib/invite/job';
import type { InviteRun } from '@/lib/invite/progress';
import { reportFailure } from '@/lib/report';
import { type VirtualColumn, VirtualTable } from '../shared/VirtualTable';

/** What a row of the run table says: the results file's status, or, while the job runs, where it is. */
interface RunRow {
  unit: InviteUnit;
  status: string;
  reason: string;
}

const FILTERS = [
  { value: 'all', label: 'All rows' },
  { value: 'invited', label: 'Invited' },
  { value: 'skipped', label: 'Skipped' },
  { value: 'failed', label: 'Failed' },
  { value: 'not-sent', label: 'Not sent (yet)' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

function rowsOf(job: InviteJob): RunRow[] {
  return job.units.map((unit) => {
    if (job.status === 'running' && unit.state === 'queued')
      return { unit, status: 'not-sent', reason: 'waiting to be sent' };
    if (job.status === 'running' && unit.state === 'sending')
      return { unit, status: 'not-sent', reason: 'sent; waiting for W&B to answer' };
    const [status, reason] = resultOf(unit, job);
    return { unit, status, reason };
  });
}

const COLUMNS: readonly VirtualColumn<RunRow>[] = [
  { header: 'Row', cell: (row) => row.unit.row },
  { header: 'Email', cell: (row) => row.unit.email },
  { header: 'Team', cell: (row) => row.unit.team },
  { header: 'Team role', cell: (row) => (row.unit.admin ? 'admin' : 'member') },
  {
    header: 'Status',
    cell: (row) => <span className={`wbat-status wbat-status-${row.status}`}>{row.status}</span>,
  },
  { header: 'Reason', cell: (row) => row.reason },
];

/** How long the table waits before reading the job again when its counts changed (the whole job is large). */
const REREAD_MS = 2000;

/**
 * The run step's rows, one per invite (a row and one of its teams), with its status and reason as
 * the results file gives them; filtered by status; virtualised. The whole job is read when the
 * table is opened and again, at most every REREAD_MS, when the pushed counts change.
 */
export function RunRows({
  run,
  onLoadJob,
}: {
  run: InviteRun;
  onLoadJob(jobId: string): Promise<InviteJob>;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');
  const [rows, setRows] = useState<RunRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const readAt = useRef(0);
  const counts = `${run.status}:${run.invited}:${run.skipped}:${run.failed}:${run.left}`;
  useEffect(() => {
    void counts;
    if (!open) return;
    let live = true;
    const wait = Math.max(0, readAt.current + REREAD_MS - Date.now());
    const timer = setTimeout(() => {
      readAt.current = Date.now();
      onLoadJob(run.id).then(
        (job) => {
          if (!live) return;
          setRows(rowsOf(job));
          setError(null);
        },
        (failure: unknown) => {
          reportFailure('invite', failure);
          if (live) setError(failure instanceof Error ? failure.message : String(failure));
        },
      );
    }, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, counts, run.id, onLoadJob]);
  const shown = rows ? (filter === 'all' ? rows : rows.filter((row) => row.status === filter)) : [];
  return (
    <details className="wbat-disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Rows: each invite with its status and reason</summary>
      <div className="wbat-row">
        <label htmlFor={`${id}-filter`}>Show</label>
        <select
          id={`${id}-filter`}
          className="wbat-select"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value as Filter)}
        >
          {FILTERS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {rows ? (
          <output>
            {shown.length.toLocaleString('en-US')} of {rows.length.toLocaleString('en-US')} rows
          </output>
        ) : null}
      </div>
      {error ? (
        <p className="wbat-error" role="alert">
          The rows could not be read: {error}
        </p>
      ) : null}
      {rows ? (
        <VirtualTable label="Invite rows" columns={COLUMNS} rows={shown} rowKey={(row) => row.unit.key} />
      ) : open && !error ? (
        <p role="status">Reading the rows…</p>
      ) : null}
    </details>
  );
}
