/**
 * The Audit log's "W&B's audit log" source: W&B's own entries (invites, removals, sign-ins, …) for
 * the page's organization, read with the admin key for the days the admin picks (props in,
 * callbacks out). Filters, a virtualised table, and the shown entries saved as CSV (neutralised)
 * or JSON.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { localDateTime } from '@/lib/audit/view';
import {
  filterWandbEntries,
  NO_WANDB_FILTER,
  type WandbAuditFilter,
  wandbActions,
  wandbAuditCsvChunks,
  wandbAuditFileName,
  wandbAuditJson,
} from '@/lib/audit/wandb-view';
import type { WandbAuditEntry } from '@/lib/wandb/audit-windows';
import { plural } from '../dialog';
import { DateRange } from '../shared/DateRange';
import type { SavedFile } from '../shared/download';
import { type VirtualColumn, VirtualTable } from '../shared/VirtualTable';
import type { WandbAuditRead } from '../shared/wandb-audit';

/** Reads today and the `days` before it; progress as windows done of total. */
export type ReadWandbAudit = (
  days: number,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
) => Promise<WandbAuditRead>;

const COLUMNS: readonly VirtualColumn<WandbAuditEntry>[] = [
  { header: 'When', cell: (e) => <time dateTime={e.timestamp}>{localDateTime(e.timestamp)}</time> },
  { header: 'Action', cell: (e) => e.action },
  { header: 'Who', cell: (e) => e.actorEmail ?? e.actorUserId ?? 'not named' },
  { header: 'User id', cell: (e) => e.actorUserId ?? '—' },
  { header: 'Other fields', cell: (e) => <span title={e.other}>{e.other || '—'}</span> },
];

type ReadState =
  | { status: 'idle' }
  | { status: 'reading'; done: number; total: number }
  | { status: 'ready'; read: WandbAuditRead }
  | { status: 'error'; message: string };

export function WandbAuditSection({
  page,
  readWandb,
  now = () => new Date(),
  onSave,
}: {
  page: { org: string; host: string };
  readWandb: ReadWandbAudit;
  now?: () => Date;
  onSave(file: SavedFile): void;
}) {
  const id = useId();
  const [days, setDays] = useState('30');
  const [state, setState] = useState<ReadState>({ status: 'idle' });
  const [filter, setFilter] = useState<WandbAuditFilter>(NO_WANDB_FILTER);
  const reading = useRef<AbortController | null>(null);
  useEffect(() => () => reading.current?.abort(), []);
  const read = state.status === 'ready' ? state.read : null;
  const shown = useMemo(() => (read ? filterWandbEntries(read.entries, filter) : []), [read, filter]);
  const actions = useMemo(() => (read ? wandbActions(read.entries) : []), [read]);

  const start = () => {
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    readWandb(
      Number(days),
      (done, total) => setState({ status: 'reading', done, total }),
      controller.signal,
    ).then(
      (result) => {
        if (!controller.signal.aborted) setState({ status: 'ready', read: result });
      },
      (failure: unknown) => {
        if (!controller.signal.aborted)
          setState({
            status: 'error',
            message: failure instanceof Error ? failure.message : String(failure),
          });
      },
    );
  };

  const save = (format: 'csv' | 'json') => {
    if (!read) return;
    const date = now();
    const fileName = wandbAuditFileName(page.org, date, format);
    onSave(
      format === 'csv'
        ? {
            fileName,
            mimeType: 'text/csv;charset=utf-8',
            chunks: wandbAuditCsvChunks(shown, { delimiter: ',', bom: true }),
          }
        : {
            fileName,
            mimeType: 'application/json;charset=utf-8',
            chunks: [wandbAuditJson(shown, { ...page, read: read.read, filter, exportedAt: date })],
          },
    );
  };
  const field = (name: string) => `${id}-${name}`;
  const change = (part: Partial<WandbAuditFilter>) => setFilter((current) => ({ ...current, ...part }));

  return (
    <section aria-label="W&B’s audit log" className="wbat-bare">
      <p className="wbat-hint">
        W&B’s own audit log of {page.org} on {page.host} (W&B Enterprise), read with the admin key: invites,
        removals, sign-ins and more, by whoever made them — on W&B or here.
      </p>
      <div className="wbat-row">
        <label htmlFor={field('days')}>Days to read</label>
        <select
          id={field('days')}
          className="wbat-select"
          value={days}
          onChange={(e) => setDays(e.currentTarget.value)}
        >
          <option value="7">Today and the 7 days before</option>
          <option value="30">Today and the 30 days before</option>
          <option value="90">Today and the 90 days before</option>
        </select>
        <button type="button" className="wbat-button" disabled={state.status === 'reading'} onClick={start}>
          Read W&B’s audit log
        </button>
      </div>
      {state.status === 'reading' ? (
        <p role="status">
          <progress aria-label="Reading W&B’s audit log" value={state.done} max={Math.max(1, state.total)} />{' '}
          Reading W&B’s audit log: {state.done} of {state.total} windows…
        </p>
      ) : null}
      {state.status === 'error' ? (
        <p className="wbat-error" role="alert">
          W&B’s audit log could not be read: {state.message}
        </p>
      ) : null}
      {read ? (
        <>
          <p className="wbat-note" role="note">
            {read.read}.{read.covered ? null : ' W&B’s answers did not cover every day asked for.'}
          </p>
          <WandbFilters id={id} actions={actions} filter={filter} onChange={change} />
          {shown.length === 0 ? (
            <p className="wbat-hint">
              {read.entries.length === 0
                ? 'W&B’s log has no entries for these days.'
                : 'No entry matches these filters.'}
            </p>
          ) : (
            <VirtualTable
              label="W&B audit entries"
              columns={COLUMNS}
              rows={shown}
              rowKey={(e, index) => `${index} ${e.timestamp} ${e.action}`}
            />
          )}
          <WandbFooter
            shown={shown.length}
            total={read.entries.length}
            fileName={wandbAuditFileName(page.org, now(), 'csv')}
            onSave={save}
          />
        </>
      ) : null}
    </section>
  );
}

/** The filters of W&B's entries: action (those read), who, and dates. */
function WandbFilters({
  id,
  actions,
  filter,
  onChange,
}: {
  id: string;
  actions: readonly string[];
  filter: WandbAuditFilter;
  onChange(change: Partial<WandbAuditFilter>): void;
}) {
  const field = (name: string) => `${id}-${name}`;
  const change = onChange;
  return (
    <fieldset className="wbat-bare wbat-audit-filters">
      <legend className="wbat-section-title">Filters of W&B’s entries</legend>
      <div className="wbat-row">
        <label htmlFor={field('action')}>W&B action</label>
        <select
          id={field('action')}
          className="wbat-select"
          value={filter.action}
          onChange={(e) => change({ action: e.currentTarget.value })}
        >
          <option value="">All actions</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
        <label htmlFor={field('member')}>Who</label>
        <input
          id={field('member')}
          type="search"
          className="wbat-input"
          value={filter.member}
          placeholder="Email or user id"
          onChange={(e) => change({ member: e.currentTarget.value })}
        />
        <DateRange field={field} from={filter.from} to={filter.to} onChange={change} />
      </div>
    </fieldset>
  );
}

/** The count of W&B's entries shown, the file name and the downloads. */
function WandbFooter({
  shown,
  total,
  fileName,
  onSave,
}: {
  shown: number;
  total: number;
  fileName: string;
  onSave(format: 'csv' | 'json'): void;
}) {
  return (
    <footer className="wbat-dialog-footer">
      <output className="wbat-count" aria-live="polite">
        {shown.toLocaleString('en-US')} of {plural(total, 'W&B entry', 'W&B entries')} shown
      </output>
      <p className="wbat-hint">File: {fileName} (or .json), newest first, as shown</p>
      <button type="button" className="wbat-button" disabled={shown === 0} onClick={() => onSave('json')}>
        Download W&B entries (JSON)
      </button>
      <button
        type="button"
        className="wbat-button wbat-primary"
        disabled={shown === 0}
        onClick={() => onSave('csv')}
      >
        Download W&B entries (CSV)
      </button>
    </footer>
  );
}
