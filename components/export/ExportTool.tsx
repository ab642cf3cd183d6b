import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { EXPORT_COLUMNS } from '../../lib/export/columns';
import { comparisonCsvChunks, decodeExportFile, parsePreviousExport } from '../../lib/export/compare';
import { type ExportRow, prepareExportRows } from '../../lib/export/rows';
import { buildExportFile, localDateStamp } from '../../lib/export/serialise';
import { getSettings } from '../../lib/settings';
import { type KeptExport, keptExportItem } from '../../lib/storage';
import { readKeptExport } from '../../lib/storage-schemas';
import type { DirectorySummary } from '../../lib/wandb/directory';
import { saveFile } from '../shared/download';
import { DirectoryLoadError, loadDirectoryFromBackground } from '../shared/load-directory';
import { yieldToPage } from '../shared/yield';
import {
  ExportDialog,
  type ExportDirectoryState,
  type ExportSettings,
  type PreviousExportState,
} from './ExportDialog';

/** Rows per CSV chunk when saving in the page: small slices keep every task short. */
const EXPORT_CHUNK_ROWS = 500;

/** What reading run heartbeats costs, said before the admin turns it on. */
function activityExplanation(teams: number | null): string {
  const count = teams === null ? 'each team' : `${teams} ${teams === 1 ? 'team' : 'teams'}`;
  return `Reads the projects of ${count} (at least one request per team), then the latest runs of every project (one request per project), and takes each member's latest run heartbeat as their last activity when it is later than their last login. Large organizations can take minutes; you can cancel.`;
}

/** Words an admin can act on, for anything that stopped a load. */
function loadErrorMessage(error: unknown): string {
  if (error instanceof DirectoryLoadError) return error.message;
  return 'The toolkit lost contact with its background worker (was the extension updated?). Reload the page.';
}

/**
 * The member export tool: loads the directory through the background when opened, shows the
 * dialog, and saves what the admin exports. Closing the dialog cancels a load still running.
 */
export function ExportTool({
  pageUrl,
  summary,
  onClose,
}: {
  pageUrl: string;
  summary: DirectorySummary;
  onClose(): void;
}) {
  const [directoryState, setDirectoryState] = useState<ExportDirectoryState>({ status: 'idle' });
  const [exportError, setExportError] = useState<string | null>(null);
  const [previous, setPrevious] = useState<PreviousExportState>({ status: 'none' });
  const [kept, setKept] = useState<KeptExport | null>(null);
  // "Keep a copy on this device" starts as the options page says; the dialog waits for it.
  const [keepByDefault, setKeepByDefault] = useState<boolean | null>(null);
  useEffect(() => {
    getSettings().then(
      (settings) => setKeepByDefault(settings.keepLastExport),
      () => setKeepByDefault(false),
    );
  }, []);
  const [withActivity, setWithActivity] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const downloads = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setDirectoryState({ status: 'loading', progress: null });
    loadDirectoryFromBackground(
      pageUrl,
      (progress) => {
        if (!abort.signal.aborted) setDirectoryState({ status: 'loading', progress });
      },
      abort.signal,
      withActivity,
    ).then(
      async (directory) => {
        // Build the export rows in slices now, so showing and filtering them costs no long task.
        await prepareExportRows(directory, yieldToPage);
        // A transition: React renders the filled dialog (500 team checkboxes, say) in slices.
        if (!abort.signal.aborted) startTransition(() => setDirectoryState({ status: 'ready', directory }));
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setDirectoryState({ status: 'error', message: loadErrorMessage(error) });
      },
    );
  }, [pageUrl, withActivity]);

  useEffect(() => {
    load();
    return () => controller.current?.abort();
  }, [load]);

  const expectedOrg = summary.org?.name ?? (summary.scope.kind === 'org' ? summary.scope.org : '');
  const expectedTeam = summary.scope.kind === 'team' ? summary.scope.team : null;
  useEffect(() => {
    readKeptExport().then(
      (value) => setKept(value && value.org === expectedOrg && value.team === expectedTeam ? value : null),
      () => setKept(null),
    );
  }, [expectedOrg, expectedTeam]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setDirectoryState({ status: 'error', message: 'Loading was cancelled; nothing was saved.' });
  }, []);

  const exportRows = useCallback(
    (settings: ExportSettings, rows: ExportRow[]) => {
      if (directoryState.status !== 'ready' || !downloads.current) return;
      const { directory } = directoryState;
      setExportError(null);
      const file = buildExportFile(
        rows,
        { ...settings, chunkRows: EXPORT_CHUNK_ROWS },
        {
          org: directory.org?.name ?? null,
          scope: directory.scope,
          exportedAt: new Date(),
        },
      );
      saveFile(file, downloads.current).catch((error: unknown) =>
        setExportError(
          `The file could not be saved: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      if (settings.keepCopy) {
        const copy: KeptExport = {
          org: expectedOrg,
          team: expectedTeam,
          fileName: file.fileName,
          exportedAt: new Date().toISOString(),
          columns: [...EXPORT_COLUMNS],
          rows: rows.map((row) => EXPORT_COLUMNS.map((column) => row[column])),
        };
        keptExportItem.setValue(copy).then(
          () => setKept(copy),
          () =>
            setExportError(
              'The file was saved, but no copy was kept: it is larger than the 10 MB this extension may keep on this device.',
            ),
        );
      }
    },
    [directoryState, expectedOrg, expectedTeam],
  );

  const compareLast = useCallback(() => {
    if (!kept) return;
    const rows = kept.rows.map(
      (cells) => Object.fromEntries(kept.columns.map((column, i) => [column, cells[i] ?? ''])) as ExportRow,
    );
    setPrevious({
      status: 'ready',
      fileName: kept.fileName,
      previous: { format: 'json', org: kept.org, exportedAt: kept.exportedAt, columns: EXPORT_COLUMNS, rows },
    });
  }, [kept]);

  const compareFile = useCallback(
    (file: File) => {
      setPrevious({ status: 'reading', fileName: file.name });
      file.arrayBuffer().then(
        (bytes) => {
          const decoded = decodeExportFile(bytes);
          if (!decoded.ok) {
            setPrevious({ status: 'error', fileName: file.name, error: decoded.error });
            return;
          }
          const parsed = parsePreviousExport(decoded.text, file.name, expectedOrg, expectedTeam);
          if (parsed.ok) setPrevious({ status: 'ready', fileName: file.name, previous: parsed });
          else setPrevious({ status: 'error', fileName: file.name, error: parsed.error });
        },
        () =>
          setPrevious({
            status: 'error',
            fileName: file.name,
            error: { message: 'The file could not be read.' },
          }),
      );
    },
    [expectedOrg, expectedTeam],
  );

  const downloadComparison = useCallback<Parameters<typeof ExportDialog>[0]['onDownloadComparison']>(
    (result, settings) => {
      if (!downloads.current || directoryState.status !== 'ready') return;
      const org = directoryState.directory.org?.name ?? 'org';
      saveFile(
        {
          fileName: `wandb-${org}-members-comparison-${localDateStamp(new Date())}.csv`,
          mimeType: 'text/csv;charset=utf-8',
          chunks: comparisonCsvChunks(result, { delimiter: settings.delimiter, bom: settings.bom }),
        },
        downloads.current,
      ).catch((error: unknown) => setExportError(String(error)));
    },
    [directoryState],
  );

  const scopeLabel =
    summary.scope.kind === 'org' ? `Organization ${summary.scope.org}` : `Team ${summary.scope.team}`;
  if (keepByDefault === null) return null;
  return (
    <>
      <ExportDialog
        scopeLabel={scopeLabel}
        initialSettings={{ keepCopy: keepByDefault }}
        directoryState={directoryState}
        exportError={exportError}
        previous={previous}
        onLoad={load}
        onExport={exportRows}
        onCancel={cancel}
        onClose={onClose}
        onCompareFile={compareFile}
        lastExportLabel={kept ? `${kept.fileName}, kept on this device` : null}
        onCompareLast={compareLast}
        activity={{
          enabled: withActivity,
          explanation: activityExplanation(
            directoryState.status === 'ready' ? directoryState.directory.teams.length : null,
          ),
          onChange: setWithActivity,
        }}
        onDownloadComparison={downloadComparison}
      />
      <div ref={downloads} hidden />
    </>
  );
}
