import { useCallback, useEffect, useRef, useState } from 'react';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { comparisonCsvChunks } from '@/lib/export/compare';
import type { ExportRow } from '@/lib/export/rows';
import { buildExportFile, localDateStamp } from '@/lib/export/serialise';
import { reportFailure } from '@/lib/report';
import { getSettings } from '@/lib/settings';
import { type KeptExport, keptExportItem } from '@/lib/storage';
import { saveFile } from '../shared/download';
import type { ToolProps } from '../shared/tool';
import { ExportDialog, type ExportSettings } from './ExportDialog';
import { useExportDirectory } from './useExportDirectory';
import { usePreviousExport } from './usePreviousExport';

/** Rows per CSV chunk when saving in the page: small slices keep every task short. */
const EXPORT_CHUNK_ROWS = 500;

/** What reading run heartbeats costs, said before the admin turns it on. */
function activityExplanation(teams: number | null): string {
  const count = teams === null ? 'each team' : `${teams} ${teams === 1 ? 'team' : 'teams'}`;
  return `Reads the projects of ${count} (at least one request per team), then the latest runs of every project (one request per project), and takes each member's latest run heartbeat as their last activity when it is later than their last login. Large organizations can take minutes; you can cancel.`;
}

/**
 * The member export tool: loads the directory through the background when opened, shows the
 * dialog, and saves what the admin exports. Closing the dialog cancels a load still running.
 */
export function ExportTool({
  pageUrl,
  summary,
  onClose,
}: Pick<ToolProps, 'pageUrl' | 'summary' | 'onClose'>) {
  const [exportError, setExportError] = useState<string | null>(null);
  // "Keep a copy on this device" starts as the options page says; the dialog waits for it.
  const [keepByDefault, setKeepByDefault] = useState<boolean | null>(null);
  const [inactivityDays, setInactivityDays] = useState<number | undefined>(undefined);
  useEffect(() => {
    getSettings().then(
      (settings) => {
        setInactivityDays(settings.inactivityDays);
        setKeepByDefault(settings.keepLastExport);
      },
      (error: unknown) => {
        reportFailure('export', error);
        setKeepByDefault(false);
      },
    );
  }, []);
  const [withActivity, setWithActivity] = useState(false);
  const downloads = useRef<HTMLDivElement>(null);
  const { directoryState, load, cancel } = useExportDirectory(pageUrl, withActivity);

  const expectedOrg = summary.org?.name ?? (summary.scope.kind === 'org' ? summary.scope.org : '');
  const expectedTeam = summary.scope.kind === 'team' ? summary.scope.team : null;
  const { previous, kept, setKept, compareLast, compareFile } = usePreviousExport(expectedOrg, expectedTeam);

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
          (error: unknown) => {
            reportFailure('export', error);
            setExportError(
              'The file was saved, but no copy was kept: it is larger than the 10 MB this extension may keep on this device.',
            );
          },
        );
      }
    },
    [directoryState, expectedOrg, expectedTeam, setKept],
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
        defaultInactiveDays={inactivityDays}
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
