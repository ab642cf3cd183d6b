import { useId, useMemo, useState } from 'react';
import type { ComparisonResult } from '@/lib/export/compare';
import { firstSorted, nextSort, type PreviewSort } from '@/lib/export/preview-sort';
import type { ExportRow } from '@/lib/export/rows';
import { ModalDialog, plural } from '../dialog';
import { ColumnsSection } from './ColumnsSection';
import { ComparePanel, type PreviousExportState } from './ComparePanel';
import { DirectoryStatus } from './DirectoryStatus';
import { ExportFooter } from './ExportFooter';
import { FiltersSection } from './FiltersSection';
import { OptionsSection } from './OptionsSection';
import { PreviewTable } from './PreviewTable';
import type { ExportActivity, ExportDirectoryState, ExportSettings } from './settings';
import { useExportState } from './useExportState';

export type { PreviousExportState } from './ComparePanel';
export {
  DEFAULT_EXPORT_SETTINGS,
  type ExportActivity,
  type ExportDirectoryState,
  type ExportSettings,
} from './settings';

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
  /** The options page's "no activity for N days": fills the inactivity filter's box (the filter stays off until ticked). */
  defaultInactiveDays?: number;
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
  /** The opt-in last activity from run heartbeats (see `ExportActivity`). */
  activity?: ExportActivity;
  /** Told of every change of settings, e.g. to remember them for next time. */
  onSettingsChange?(settings: ExportSettings): void;
}

const PREVIEW_ROWS = 10;

/** The member export dialog: columns, filters, options, live count, preview, export and compare. */
export function ExportDialog({
  scopeLabel,
  directoryState,
  initialSettings,
  defaultInactiveDays,
  now,
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
  const state = useExportState({
    directoryState,
    initialSettings,
    defaultInactiveDays,
    now,
    previous,
    onSettingsChange,
    onExport,
  });
  const { directory, settings, matching, comparison, update } = state;
  const [sort, setSort] = useState<PreviewSort | null>(null);
  const preview = useMemo(
    () =>
      sort && settings.columns.includes(sort.column)
        ? firstSorted(matching, sort, PREVIEW_ROWS)
        : matching.slice(0, PREVIEW_ROWS),
    [matching, sort, settings.columns],
  );

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
        {directory?.filledFromScim ? (
          <p className="wbat-note" role="note">
            {directory.fallbackReason}
          </p>
        ) : null}
        <ColumnsSection id={id} settings={settings} update={update} />
        <FiltersSection id={id} state={state} />
        <OptionsSection id={id} settings={settings} update={update} activity={activity} />

        {directory ? (
          <section className="wbat-section" aria-labelledby={`${id}-preview-title`}>
            <h3 id={`${id}-preview-title`} className="wbat-section-title">
              Rows
            </h3>
            <PreviewTable
              columns={settings.columns}
              rows={preview}
              neutralise={settings.format === 'csv'}
              sort={sort}
              onSort={(column) => setSort((current) => nextSort(current, column))}
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
      <ExportFooter state={state} exportError={exportError} />
    </ModalDialog>
  );
}
