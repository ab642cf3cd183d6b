import { useCallback, useEffect, useState } from 'react';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { decodeExportFile, parsePreviousExport } from '@/lib/export/previous';
import type { ExportRow } from '@/lib/export/rows';
import { reportFailure } from '@/lib/report';
import type { KeptExport } from '@/lib/storage';
import { readKeptExport } from '@/lib/storage-schemas';
import type { PreviousExportState } from './ExportDialog';

/**
 * What the export is compared with: the copy kept on this device for this org (or team), or a
 * file the admin picks.
 */
export function usePreviousExport(expectedOrg: string, expectedTeam: string | null) {
  const [previous, setPrevious] = useState<PreviousExportState>({ status: 'none' });
  const [kept, setKept] = useState<KeptExport | null>(null);
  useEffect(() => {
    readKeptExport().then(
      (value) => setKept(value && value.org === expectedOrg && value.team === expectedTeam ? value : null),
      (error: unknown) => {
        reportFailure('export', error);
        setKept(null);
      },
    );
  }, [expectedOrg, expectedTeam]);

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

  return { previous, kept, setKept, compareLast, compareFile };
}
