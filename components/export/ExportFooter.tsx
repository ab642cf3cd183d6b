import { type ExportFormat, exportFileName } from '@/lib/export/serialise';
import type { Directory } from '@/lib/wandb/directory';
import type { ExportState } from './useExportState';

const numberFormat = new Intl.NumberFormat('en-US');

/** The file name the export will get, for the admin to see before exporting. */
function plannedFileName(directory: Directory, format: ExportFormat, now: Date): string {
  const { scope } = directory;
  const org = directory.org?.name ?? (scope.kind === 'team' ? (scope.org ?? 'no-org') : scope.org);
  return exportFileName(org, now, format, scope.kind === 'team' ? scope.team : null);
}

/** The live count next to Export, why the last export failed, and the file name it will get. */
export function ExportFooter({
  state,
  exportError,
}: {
  state: Pick<ExportState, 'directory' | 'settings' | 'matching' | 'allRows' | 'now' | 'exportNow'>;
  exportError: string | null | undefined;
}) {
  const { directory, settings, matching, allRows, now, exportNow } = state;
  return (
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
  );
}
