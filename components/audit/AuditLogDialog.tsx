/**
 * Audit log: every change the toolkit made from this browser (props in, callbacks out). Filters,
 * a virtualised table that stays fast with the full 5,000 entries, the notice of what the size cap
 * dropped, and the shown entries saved as CSV (neutralised) or JSON.
 */
import { useId, useMemo, useState } from 'react';
import { type AuditEntry, auditCsvChunks } from '@/lib/audit/log';
import type { AuditLogReply } from '@/lib/audit/messages';
import {
  AUDIT_ACTION_LABELS,
  type AuditFilter,
  auditFileName,
  auditJson,
  droppedNotice,
  filterAuditEntries,
  localDateTime,
  NO_AUDIT_FILTER,
} from '@/lib/audit/view';
import { ModalDialog, plural } from '../dialog';
import type { SavedFile } from '../shared/download';
import { type VirtualColumn, VirtualTable } from '../shared/VirtualTable';
import { AuditFilters } from './AuditFilters';
import { type ReadWandbAudit, WandbAuditSection } from './WandbAuditSection';

const COLUMNS: readonly VirtualColumn<AuditEntry>[] = [
  { header: 'When', cell: (entry) => <time dateTime={entry.at}>{localDateTime(entry.at)}</time> },
  { header: 'Who', cell: (entry) => entry.actor },
  { header: 'Action', cell: (entry) => AUDIT_ACTION_LABELS[entry.action] },
  { header: 'What', cell: (entry) => entry.target },
  {
    header: 'Result',
    cell: (entry) =>
      entry.result === 'ok' ? (
        <span className="wbat-status">ok</span>
      ) : (
        <span className="wbat-status wbat-status-failed">failed</span>
      ),
  },
  { header: 'Host', cell: (entry) => entry.host ?? 'not recorded' },
  { header: 'Org', cell: (entry) => entry.org },
  // One line per row (the table is virtualised at a fixed row height): a long detail is in full in its tooltip.
  { header: 'Detail', cell: (entry) => <span title={entry.detail}>{entry.detail}</span> },
];

export type AuditLogState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; log: AuditLogReply };

export function AuditLogDialog({
  state,
  saveError,
  now = () => new Date(),
  readWandb,
  onSave,
  onClose,
}: {
  state: AuditLogState;
  /** Why the last file could not be saved. */
  saveError?: string | null;
  now?: () => Date;
  /** Reads W&B's own audit log with the admin key: offered as a second source when given. */
  readWandb?: ReadWandbAudit;
  onSave(file: SavedFile): void;
  onClose(): void;
}) {
  const id = useId();
  const [filter, setFilter] = useState<AuditFilter>(NO_AUDIT_FILTER);
  const [source, setSource] = useState<'toolkit' | 'wandb'>('toolkit');
  const log = state.status === 'ready' ? state.log : null;
  const shown = useMemo(() => (log ? filterAuditEntries(log.entries, filter, log.page) : []), [log, filter]);
  const save = (format: 'csv' | 'json') => {
    if (!log) return;
    const date = now();
    const org = filter.scope === 'here' ? log.page.org : null;
    const fileName = auditFileName(org, date, format);
    onSave(
      format === 'csv'
        ? {
            fileName,
            mimeType: 'text/csv;charset=utf-8',
            chunks: auditCsvChunks(shown, { delimiter: ',', bom: true }),
          }
        : {
            fileName,
            mimeType: 'application/json;charset=utf-8',
            chunks: [
              auditJson(shown, {
                scope: filter.scope === 'here' ? log.page : 'all',
                filter,
                dropped: log.dropped,
                exportedAt: date,
              }),
            ],
          },
    );
  };
  return (
    <ModalDialog
      title="Audit log"
      subtitle="Every change the toolkit made from this browser, kept on this device."
      className="wbat-audit"
      onClose={onClose}
    >
      <div className="wbat-dialog-body">
        {state.status === 'loading' ? (
          <output className="wbat-status" aria-live="polite">
            <span className="wbat-spinner" aria-hidden="true" />
            Reading the audit log…
          </output>
        ) : null}
        {state.status === 'error' ? (
          <p className="wbat-error" role="alert">
            The audit log could not be read: {state.message}
          </p>
        ) : null}
        {log && readWandb ? (
          <SourceSwitch name={`${id}-source`} source={source} onChange={setSource} />
        ) : null}
        {log && readWandb && source === 'wandb' ? (
          <WandbAuditSection page={log.page} readWandb={readWandb} now={now} onSave={onSave} />
        ) : null}
        {log && source === 'toolkit' ? (
          <>
            {log.dropped ? (
              <p className="wbat-note" role="note">
                {droppedNotice(log.dropped, log.max)}
              </p>
            ) : null}
            <AuditFilters
              id={id}
              filter={filter}
              page={log.page}
              onChange={(change) => setFilter((current) => ({ ...current, ...change }))}
            />
            {log.entries.length === 0 ? (
              <p className="wbat-hint">No changes recorded yet.</p>
            ) : shown.length === 0 ? (
              <p className="wbat-hint">No entry matches these filters.</p>
            ) : (
              <VirtualTable
                label="Audit entries"
                columns={COLUMNS}
                rows={shown}
                rowKey={(entry) => entry.id}
              />
            )}
          </>
        ) : null}
      </div>
      {log && source === 'toolkit' ? (
        <LocalFooter
          shown={shown.length}
          total={log.entries.length}
          fileName={auditFileName(filter.scope === 'here' ? log.page.org : null, now(), 'csv')}
          saveError={saveError ?? null}
          onSave={save}
        />
      ) : null}
    </ModalDialog>
  );
}

/** Which log the dialog shows: the toolkit's own (this browser), or W&B's (with the admin key). */
function SourceSwitch({
  name,
  source,
  onChange,
}: {
  name: string;
  source: 'toolkit' | 'wandb';
  onChange(source: 'toolkit' | 'wandb'): void;
}) {
  return (
    <fieldset className="wbat-bare">
      <legend className="wbat-section-title">Source</legend>
      <label>
        <input type="radio" name={name} checked={source === 'toolkit'} onChange={() => onChange('toolkit')} />{' '}
        This toolkit’s log (this browser)
      </label>{' '}
      <label>
        <input type="radio" name={name} checked={source === 'wandb'} onChange={() => onChange('wandb')} />{' '}
        W&B’s audit log (admin key)
      </label>
    </fieldset>
  );
}

/** The toolkit log's count, file name and downloads. */
function LocalFooter({
  shown,
  total,
  fileName,
  saveError,
  onSave,
}: {
  shown: number;
  total: number;
  fileName: string;
  saveError: string | null;
  onSave(format: 'csv' | 'json'): void;
}) {
  return (
    <footer className="wbat-dialog-footer">
      <output className="wbat-count" aria-live="polite">
        {shown.toLocaleString('en-US')} of {plural(total, 'entry', 'entries')} shown
      </output>
      {saveError ? (
        <p className="wbat-error" role="alert">
          {saveError}
        </p>
      ) : null}
      <p className="wbat-hint">File: {fileName} (or .json), newest first, as shown</p>
      <button type="button" className="wbat-button" disabled={shown === 0} onClick={() => onSave('json')}>
        Download JSON
      </button>
      <button
        type="button"
        className="wbat-button wbat-primary"
        disabled={shown === 0}
        onClick={() => onSave('csv')}
      >
        Download CSV
      </button>
    </footer>
  );
}
