import { type ReactNode, useDeferredValue, useId, useMemo, useState } from 'react';
import type { CsvDelimiter } from '../lib/csv/write';
import { EXPORT_COLUMN_LABELS, EXPORT_COLUMNS, type ExportColumn, orderColumns } from '../lib/export/columns';
import { type ComparisonResult, compareExports } from '../lib/export/compare';
import {
  type ExportFilter,
  type ExportLayout,
  type ExportRow,
  exportRows,
  filterOptions,
  filterRows,
  selectExportRows,
} from '../lib/export/rows';
import { type ExportFormat, exportFileName } from '../lib/export/serialise';
import type { Directory, LoadProgress } from '../lib/wandb/directory';
import { ModalDialog, plural } from './dialog';
import { CheckboxGroup } from './export/CheckboxGroup';
import { ComparePanel, type PreviousExportState } from './export/ComparePanel';
import { PreviewTable } from './export/PreviewTable';

export type { PreviousExportState } from './export/ComparePanel';

/** Everything the admin chooses in the dialog; handed to `onExport` and `onDownloadComparison`. */
export interface ExportSettings {
  /** In file order (`EXPORT_COLUMNS`), whatever order they were ticked in. */
  columns: ExportColumn[];
  filter: ExportFilter;
  includeInvites: boolean;
  layout: ExportLayout;
  format: ExportFormat;
  /** CSV only. */
  delimiter: CsvDelimiter;
  /** CSV only: start the file with a UTF-8 BOM so Excel reads it as UTF-8. */
  bom: boolean;
  /** Keep the exported rows in the extension's local storage, to compare the next export with (opt-in). */
  keepCopy: boolean;
}

/** Every column, no filter, invites included, one row per member, CSV with `,` and a BOM. */
export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  columns: [...EXPORT_COLUMNS],
  filter: {},
  includeInvites: true,
  layout: 'per-member',
  format: 'csv',
  delimiter: ',',
  bom: true,
  keepCopy: false,
};

/** Where loading the directory stands. `error.message` is shown as is, so make it one an admin can act on. */
export type ExportDirectoryState =
  | { status: 'idle' }
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; directory: Directory }
  | { status: 'error'; message: string };

/**
 * Presentational: props in, callbacks out, no extension APIs, no fetches, no storage. The
 * dialog keeps the column, filter and option choices itself (start from `initialSettings`)
 * and hands them to the callbacks, so a caller only loads the directory, reads files and saves
 * what it is given. Rows, filters, preview and comparison are computed here from the pure
 * `lib/export` functions.
 */
export interface ExportDialogProps {
  /** What is exported, e.g. "Organization acme" or "Team vision". */
  scopeLabel: string;
  directoryState: ExportDirectoryState;
  initialSettings?: Partial<ExportSettings>;
  /** The moment "no activity for N days" counts from (tests pin it); default: when the dialog opened. */
  now?: Date;
  /** Why the last export failed (shown as an alert); null or absent when it did not. */
  exportError?: string | null;
  /** The previous export picked for comparison; absent means none. */
  previous?: PreviousExportState;
  /** Label of the export kept on this device; shows "Compare with the last export" when set with `onCompareLast`. */
  lastExportLabel?: string | null;
  /** Start (or retry) loading the directory. */
  onLoad(): void;
  /** Export with these settings; `rows` are the matching rows, already filtered. */
  onExport(settings: ExportSettings, rows: ExportRow[]): void;
  /** Stop loading the directory. */
  onCancel(): void;
  /** Close the dialog (Close button or Escape); the caller unmounts it, and focus goes back where it was. */
  onClose(): void;
  /** A file was picked to compare with: read it (e.g. `decodeExportFile` + `parsePreviousExport`) and pass the outcome as `previous`. */
  onCompareFile(file: File): void;
  /** Compare with the export kept on this device. */
  onCompareLast?(): void;
  /** Save the comparison (e.g. `comparisonCsvChunks(result, settings)`). */
  onDownloadComparison(result: ComparisonResult, settings: ExportSettings): void;
  /**
   * The opt-in last activity from run heartbeats: whether it is on, what it costs (shown before the
   * admin turns it on), and the switch (the caller reloads the directory with it).
   */
  activity?: { enabled: boolean; explanation: string; onChange(enabled: boolean): void };
  /** Told of every change of settings, e.g. to remember them for next time. */
  onSettingsChange?(settings: ExportSettings): void;
}

const PREVIEW_ROWS = 10;
const numberFormat = new Intl.NumberFormat('en-US');

/** The number input's text as a day count; undefined (no filter) when empty or not a number. */
function daysFrom(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const days = Number(text);
  return Number.isFinite(days) && days >= 0 ? Math.floor(days) : undefined;
}

/** The file name the export will get, for the admin to see before exporting. */
function plannedFileName(directory: Directory, format: ExportFormat, now: Date): string {
  const { scope } = directory;
  const org = directory.org?.name ?? (scope.kind === 'team' ? (scope.org ?? 'no-org') : scope.org);
  return exportFileName(org, now, format, scope.kind === 'team' ? scope.team : null);
}

/** The member export dialog: columns, filters, options, live count, preview, export and compare. */
export function ExportDialog({
  scopeLabel,
  directoryState,
  initialSettings,
  now: fixedNow,
  exportError,
  previous = { status: 'none' },
  lastExportLabel,
  onLoad,
  onExport,
  onCancel,
  onClose,
  onCompareFile,
  onCompareLast,
  onDownloadComparison,
  onSettingsChange,
  activity,
}: ExportDialogProps) {
  const id = useId();
  const [openedAt] = useState(() => new Date());
  const now = fixedNow ?? openedAt;
  const [settings, setSettings] = useState<ExportSettings>(() => ({
    ...DEFAULT_EXPORT_SETTINGS,
    ...initialSettings,
    columns: orderColumns(initialSettings?.columns ?? DEFAULT_EXPORT_SETTINGS.columns),
  }));
  const [daysText, setDaysText] = useState(() =>
    settings.filter.inactiveDays === undefined ? '' : String(settings.filter.inactiveDays),
  );

  const update = (change: Partial<ExportSettings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    onSettingsChange?.(next);
  };
  const updateFilter = (change: Partial<ExportFilter>) =>
    update({ filter: { ...settings.filter, ...change } });

  const directory = directoryState.status === 'ready' ? directoryState.directory : null;
  // Filtering 50,000 rows takes a moment: typing stays responsive, the count follows.
  const shown = useDeferredValue(settings);
  const allRows = useMemo(
    () =>
      directory ? exportRows(directory, { includeInvites: shown.includeInvites, layout: shown.layout }) : [],
    [directory, shown.includeInvites, shown.layout],
  );
  const matching = useMemo(() => filterRows(allRows, shown.filter, now), [allRows, shown.filter, now]);
  const options = useMemo(
    () => (directory ? filterOptions(directory, { includeInvites: shown.includeInvites }) : null),
    [directory, shown.includeInvites],
  );
  const comparison = useMemo(
    () =>
      previous.status === 'ready'
        ? compareExports(previous.previous, { columns: EXPORT_COLUMNS, rows: matching })
        : null,
    [previous, matching],
  );
  const activityUnknown = useMemo(
    () =>
      (directory?.members.length ?? 0) > 0 &&
      (directory?.members.every((member) => member.lastActiveAt === null) ?? false),
    [directory],
  );

  const exportNow = () => {
    if (!directory) return;
    // The shown rows are exact unless a change is still being filtered.
    onExport(settings, shown === settings ? matching : selectExportRows(directory, settings, now));
  };

  const csv = settings.format === 'csv';

  return (
    <ModalDialog title="Export members" subtitle={scopeLabel} onClose={onClose}>
      <div className="wbat-dialog-body">
        <DirectoryStatus state={directoryState} onLoad={onLoad} onCancel={onCancel} />
        {directory && !directory.complete ? (
          <p className="wbat-note" role="note">
            {plural(directory.visibleTeams, 'team', 'teams')} visible to you; members outside them are not
            listed.
            {directory.fallbackReason ? ` ${directory.fallbackReason}` : ''}
          </p>
        ) : null}

        <fieldset className="wbat-section">
          <legend>Columns</legend>
          <div className="wbat-choices wbat-columns">
            {EXPORT_COLUMNS.map((column) => (
              <div key={column} className="wbat-check">
                <input
                  id={`${id}-col-${column}`}
                  type="checkbox"
                  checked={settings.columns.includes(column)}
                  aria-describedby={`${id}-col-${column}-hint`}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    update({
                      columns: orderColumns(
                        on ? [...settings.columns, column] : settings.columns.filter((c) => c !== column),
                      ),
                    });
                  }}
                />
                <label htmlFor={`${id}-col-${column}`}>
                  <code>{column}</code>
                </label>
                <span id={`${id}-col-${column}-hint`} className="wbat-hint">
                  {EXPORT_COLUMN_LABELS[column]}
                </span>
              </div>
            ))}
          </div>
          <div className="wbat-row">
            <button
              type="button"
              className="wbat-button"
              onClick={() => update({ columns: [...EXPORT_COLUMNS] })}
            >
              Select all columns
            </button>
            <button type="button" className="wbat-button" onClick={() => update({ columns: [] })}>
              Clear columns
            </button>
          </div>
        </fieldset>

        <fieldset className="wbat-section" disabled={!options}>
          <legend>Filters</legend>
          <div className="wbat-row">
            <label htmlFor={`${id}-search`}>Search members</label>
            <input
              id={`${id}-search`}
              type="search"
              className="wbat-input"
              value={settings.filter.search ?? ''}
              placeholder="Name, username, email or team"
              onChange={(event) => updateFilter({ search: event.currentTarget.value })}
            />
            <label htmlFor={`${id}-days`}>No activity for at least N days</label>
            <input
              id={`${id}-days`}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              className="wbat-input wbat-number"
              value={daysText}
              aria-describedby={activityUnknown ? `${id}-days-hint` : undefined}
              onChange={(event) => {
                const text = event.currentTarget.value;
                setDaysText(text);
                updateFilter({ inactiveDays: daysFrom(text) });
              }}
            />
          </div>
          {activityUnknown ? (
            <p id={`${id}-days-hint`} className="wbat-hint">
              This W&B server does not report last activity, so every row counts as inactive.
            </p>
          ) : null}
          {options ? (
            <div className="wbat-groups">
              <CheckboxGroup
                legend="Org role"
                options={options.orgRoles}
                selected={settings.filter.orgRoles ?? []}
                onChange={(orgRoles) => updateFilter({ orgRoles })}
              />
              <CheckboxGroup
                legend="Models seat"
                options={options.modelsSeats}
                selected={settings.filter.modelsSeats ?? []}
                onChange={(modelsSeats) => updateFilter({ modelsSeats })}
              />
              <CheckboxGroup
                legend="Weave access"
                options={options.weaveAccess}
                selected={settings.filter.weaveAccess ?? []}
                onChange={(weaveAccess) => updateFilter({ weaveAccess })}
              />
              <CheckboxGroup
                legend="Status"
                options={options.statuses}
                selected={settings.filter.statuses ?? []}
                onChange={(statuses) => updateFilter({ statuses: statuses as ExportFilter['statuses'] })}
              />
              <CheckboxGroup
                legend="Account type"
                options={options.accountTypes}
                selected={settings.filter.accountTypes ?? []}
                onChange={(accountTypes) =>
                  updateFilter({ accountTypes: accountTypes as ExportFilter['accountTypes'] })
                }
              />
              <CheckboxGroup
                legend="Team"
                options={options.teams}
                selected={settings.filter.teams ?? []}
                onChange={(teams) => updateFilter({ teams })}
                scroll
              />
            </div>
          ) : null}
          <p className="wbat-hint">A group with nothing ticked does not restrict the rows.</p>
        </fieldset>

        <fieldset className="wbat-section">
          <legend>Options</legend>
          <div className="wbat-row">
            <label className="wbat-check">
              <input
                type="checkbox"
                checked={settings.includeInvites}
                onChange={(event) => update({ includeInvites: event.currentTarget.checked })}
              />
              <span>Include pending invites</span>
            </label>
            <label className="wbat-check">
              <input
                type="checkbox"
                checked={settings.keepCopy}
                onChange={(event) => update({ keepCopy: event.currentTarget.checked })}
              />
              <span>Keep a copy on this device for the next comparison</span>
            </label>
            {activity ? (
              <label className="wbat-check">
                <input
                  type="checkbox"
                  checked={activity.enabled}
                  aria-describedby={`${id}-activity-hint`}
                  onChange={(event) => activity.onChange(event.currentTarget.checked)}
                />
                <span>Last activity from run heartbeats (slower)</span>
              </label>
            ) : null}
          </div>
          <div className="wbat-row">
            {activity ? (
              <p id={`${id}-activity-hint`} className="wbat-hint">
                {activity.explanation}
              </p>
            ) : null}
          </div>
          <div className="wbat-groups">
            <RadioGroup
              legend="Format"
              name={`${id}-format`}
              value={settings.format}
              options={[
                ['csv', 'CSV'],
                ['json', 'JSON'],
              ]}
              onChange={(format) => update({ format })}
            />
            <RadioGroup
              legend="Delimiter"
              name={`${id}-delimiter`}
              value={settings.delimiter}
              disabled={!csv}
              options={[
                [',', 'Comma (,)'],
                [';', 'Semicolon (;)'],
              ]}
              onChange={(delimiter) => update({ delimiter })}
            />
            <RadioGroup
              legend="Layout"
              name={`${id}-layout`}
              value={settings.layout}
              options={[
                ['per-member', 'One row per member'],
                ['per-team', 'One row per member and team'],
              ]}
              onChange={(layout) => update({ layout })}
            />
          </div>
          <div className="wbat-row">
            <label className="wbat-check">
              <input
                type="checkbox"
                checked={settings.bom}
                disabled={!csv}
                onChange={(event) => update({ bom: event.currentTarget.checked })}
              />
              <span>Add BOM for Excel</span>
            </label>
          </div>
        </fieldset>

        {directory ? (
          <section className="wbat-section" aria-labelledby={`${id}-preview-title`}>
            <h3 id={`${id}-preview-title`} className="wbat-section-title">
              Rows
            </h3>
            <PreviewTable
              columns={settings.columns}
              rows={matching.slice(0, PREVIEW_ROWS)}
              neutralise={settings.format === 'csv'}
            />
          </section>
        ) : null}

        <ComparePanel
          previous={previous}
          comparison={comparison}
          lastExportLabel={lastExportLabel}
          enabled={directory !== null}
          onCompareFile={onCompareFile}
          onCompareLast={onCompareLast}
          onDownload={() => {
            if (comparison) onDownloadComparison(comparison, settings);
          }}
        />
      </div>

      <footer className="wbat-dialog-footer">
        {directory ? (
          // In the footer, so the count stays in sight next to Export while filters are changed.
          <output className="wbat-count" aria-live="polite">
            {numberFormat.format(matching.length)} of {numberFormat.format(allRows.length)}{' '}
            {allRows.length === 1 ? 'row matches' : 'rows match'}
          </output>
        ) : null}
        {exportError ? (
          <div className="wbat-error" role="alert">
            <span>{exportError}</span>
          </div>
        ) : null}
        {settings.columns.length === 0 ? (
          <p className="wbat-hint">Choose at least one column to export.</p>
        ) : null}
        {directory ? (
          <p className="wbat-hint">File: {plannedFileName(directory, settings.format, now)}</p>
        ) : null}
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={!directory || settings.columns.length === 0}
          onClick={exportNow}
        >
          Export
        </button>
      </footer>
    </ModalDialog>
  );
}

function DirectoryStatus({
  state,
  onLoad,
  onCancel,
}: {
  state: ExportDirectoryState;
  onLoad(): void;
  onCancel(): void;
}): ReactNode {
  if (state.status === 'idle') {
    return (
      <div className="wbat-row">
        <span>Members are not loaded yet.</span>
        <button type="button" className="wbat-button" onClick={onLoad}>
          Load members
        </button>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="wbat-error" role="alert">
        <span>{state.message}</span>
        <button type="button" className="wbat-button" onClick={onLoad}>
          Retry
        </button>
      </div>
    );
  }
  if (state.status === 'loading') {
    const progress = state.progress;
    const teams = progress?.phase === 'teams' ? progress : null;
    const activityProgress = progress?.phase === 'activity' ? progress : null;
    const counted = teams ?? activityProgress;
    return (
      <div className="wbat-loading">
        {counted ? (
          <progress aria-label="Loading members" value={counted.done} max={Math.max(1, counted.total)} />
        ) : (
          <progress aria-label="Loading members" />
        )}
        <span aria-live="polite">
          {teams
            ? `Loaded ${numberFormat.format(teams.done)} of ${plural(teams.total, 'team', 'teams')}`
            : activityProgress
              ? `Reading run activity: ${numberFormat.format(activityProgress.done)} of ${numberFormat.format(activityProgress.total)}`
              : 'Reading the organization…'}
        </span>
        <button type="button" className="wbat-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return null;
}

function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  disabled = false,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: readonly (readonly [T, string])[];
  disabled?: boolean;
  onChange(value: T): void;
}) {
  return (
    <fieldset className="wbat-group" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="wbat-choices">
        {options.map(([option, label]) => (
          <label key={option} className="wbat-check">
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              disabled={disabled}
              onChange={() => onChange(option)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
