/** What the export dialog works with: the admin's choices and where loading the directory stands. */
import type { CsvDelimiter } from '@/lib/csv/write';
import { EXPORT_COLUMNS, type ExportColumn } from '@/lib/export/columns';
import type { ExportFilter, ExportLayout } from '@/lib/export/rows';
import type { ExportFormat } from '@/lib/export/serialise';
import type { Directory, LoadProgress } from '@/lib/wandb/directory';

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
 * The opt-in last activity from run heartbeats: whether it is on, what it costs (shown before the
 * admin turns it on), and the switch (the caller reloads the directory with it).
 */
export interface ExportActivity {
  enabled: boolean;
  explanation: string;
  onChange(enabled: boolean): void;
}
