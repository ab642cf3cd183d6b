/**
 * Writing the member export: file name, CSV (neutralised, chunked) and JSON. Both writers yield
 * chunks meant for `new Blob([...chunks])`, so memory stays linear in the export's size.
 */
import { fileNamePart, localDateStamp } from '../csv/file-name';
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvField, csvRecord, csvRecordChunks } from '../csv/write';
import type { DirectoryScope } from '../wandb/directory';
import type { ExportColumn } from './columns';
import type { ExportLayout, ExportRow } from './rows';

export { fileNamePart, localDateStamp };

/** The file formats the export offers. */
export type ExportFormat = 'csv' | 'json';

/** The marker of our JSON exports; `parsePreviousExport` rejects JSON without it. */
export const EXPORT_JSON_FORMAT = 'wandb-admin-toolkit/members';
/** The JSON layout version; bump it (and teach the reader) when the document's shape changes. */
export const EXPORT_JSON_VERSION = 1;

/** MIME types for the Blob of each format. */
export const EXPORT_MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

/**
 * `wandb-<org>-members-<YYYY-MM-DD>.csv` (or `.json`); an export scoped to one team is
 * `wandb-<org>-<team>-members-<YYYY-MM-DD>.csv`, so it is never mistaken for the whole org's.
 * The date is the admin's local calendar date.
 */
export function exportFileName(org: string, date: Date, format: ExportFormat, team?: string | null): string {
  const scope = team ? `${fileNamePart(org)}-${fileNamePart(team)}` : fileNamePart(org);
  return `wandb-${scope}-members-${localDateStamp(date)}.${format}`;
}

/** The CSV options of an export. */
export interface CsvExportOptions {
  delimiter: CsvDelimiter;
  bom: boolean;
  chunkRows?: number;
}

/** The rows as CSV chunks with the chosen columns (in `EXPORT_COLUMNS` order as given), every cell neutralised. */
export function csvExportChunks(
  rows: Iterable<ExportRow>,
  columns: readonly ExportColumn[],
  options: CsvExportOptions,
): Generator<string, void, undefined> {
  const { delimiter } = options;
  // Records are built straight from the row objects (no array per row): at 50,000 rows the
  // garbage collector is the main cost of the export.
  function* records(): Generator<string> {
    for (const row of rows) {
      let line = '';
      for (let index = 0; index < columns.length; index++) {
        // Names arrive with bidi controls already shown as [U+XXXX] (the directory reads them so);
        // every other cell is written exactly, so our own files read back unchanged.
        const cell = csvField(neutraliseFormula(row[columns[index] as ExportColumn]), delimiter);
        line = index === 0 ? cell : `${line}${delimiter}${cell}`;
      }
      yield columns.length === 1 && line === '' ? '""' : line;
    }
  }
  return csvRecordChunks(csvRecord(columns, delimiter), records(), options);
}

/** What a JSON export says about itself. */
export interface JsonExportMeta {
  /** The org's name; null when a team belongs to no organization. */
  org: string | null;
  scope: DirectoryScope;
  exportedAt: Date;
  /** Written so a reader knows whether rows repeat per team; optional for callers, default per member. */
  layout?: ExportLayout;
}

/** A parsed JSON export (what `jsonExport` writes). */
export interface JsonExportDocument {
  format: typeof EXPORT_JSON_FORMAT;
  version: typeof EXPORT_JSON_VERSION;
  org: string | null;
  scope: DirectoryScope;
  exportedAt: string;
  layout: ExportLayout;
  columns: ExportColumn[];
  rows: Partial<ExportRow>[];
}

/**
 * The JSON document in chunks (`rows` written 2,000 at a time). Cells are NOT neutralised: JSON
 * is read by scripts and by importers (Power Query, `jq`, pandas) that treat every value as
 * data, never by a spreadsheet's cell parser, and a `'` added there would corrupt names for
 * those readers. The CSV is the file a spreadsheet opens, and it is neutralised.
 */
export function* jsonExportChunks(
  rows: Iterable<ExportRow>,
  columns: readonly ExportColumn[],
  meta: JsonExportMeta,
): Generator<string, void, undefined> {
  const head = {
    format: EXPORT_JSON_FORMAT,
    version: EXPORT_JSON_VERSION,
    org: meta.org,
    scope: meta.scope,
    exportedAt: `${meta.exportedAt.toISOString().slice(0, 19)}Z`,
    layout: meta.layout ?? 'per-member',
    columns: [...columns],
  };
  // The head's JSON without its closing brace, then the rows array, then the brace.
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "rows": [`;
  let parts: string[] = [];
  let first = true;
  for (const row of rows) {
    const picked: Partial<ExportRow> = {};
    for (const column of columns) picked[column] = row[column];
    parts.push(`${first ? '\n' : ',\n'}    ${JSON.stringify(picked)}`);
    first = false;
    if (parts.length >= 2000) {
      yield parts.join('');
      parts = [];
    }
  }
  yield `${parts.join('')}${first ? '' : '\n  '}]\n}\n`;
}

/** The whole JSON document as one string (see `jsonExportChunks`). */
export function jsonExport(
  rows: Iterable<ExportRow>,
  columns: readonly ExportColumn[],
  meta: JsonExportMeta,
): string {
  return [...jsonExportChunks(rows, columns, meta)].join('');
}

/** Everything needed to save an export: `new Blob([...file.chunks], { type: file.mimeType })` under `file.fileName`. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  chunks: Iterable<string>;
}

/** The export file for these rows and settings (chunks are produced lazily, when the Blob reads them). */
export function buildExportFile(
  rows: Iterable<ExportRow>,
  settings: {
    columns: readonly ExportColumn[];
    format: ExportFormat;
    delimiter: CsvDelimiter;
    bom: boolean;
    layout: ExportLayout;
    /** CSV rows per chunk (default 2,000). */
    chunkRows?: number;
  },
  meta: { org: string | null; scope: DirectoryScope; exportedAt: Date },
): ExportFile {
  const org = meta.org ?? (meta.scope.kind === 'team' ? (meta.scope.org ?? 'no-org') : meta.scope.org);
  const team = meta.scope.kind === 'team' ? meta.scope.team : null;
  return {
    fileName: exportFileName(org, meta.exportedAt, settings.format, team),
    mimeType: EXPORT_MIME_TYPES[settings.format],
    chunks:
      settings.format === 'csv'
        ? csvExportChunks(rows, settings.columns, settings)
        : jsonExportChunks(rows, settings.columns, { ...meta, layout: settings.layout }),
  };
}
