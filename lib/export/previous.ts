/**
 * A previous export read back, for the comparison of ./compare.ts: one of our own files (CSV or
 * JSON, either layout); anything else is refused with a message that names the row and column at
 * fault.
 */
import Papa from 'papaparse';
import { restoreFormula } from '../csv/neutralise';
import type { CsvDelimiter } from '../csv/write';
import { EXPORT_COLUMNS, type ExportColumn, isExportColumn } from './columns';
import { binaryProblem, type ExportReadError, lineOf } from './decode';
import type { ExportRow } from './rows';
import { EXPORT_JSON_FORMAT, EXPORT_JSON_VERSION, fileNamePart } from './serialise';

/** Rows with the columns they carry (a previous export may have left some out). */
export interface ExportTable {
  columns: readonly ExportColumn[];
  /** Columns a file did not carry are `''`. */
  rows: readonly ExportRow[];
}

export { decodeExportFile } from './decode';
export type { ExportReadError };

/** A previous export, read. */
export interface PreviousExport extends ExportTable {
  format: 'csv' | 'json';
  /** The org the file names (JSON `org`, or the CSV's file name); null when it does not say. */
  org: string | null;
  /** JSON `exportedAt`, or the date in the file name; null when neither says. */
  exportedAt: string | null;
}

/** `parsePreviousExport`'s answer. */
export type ParsePreviousResult = ({ ok: true } & PreviousExport) | { ok: false; error: ExportReadError };

/** Columns without which a file cannot be compared (or is not ours). */
export const REQUIRED_COLUMNS: readonly ExportColumn[] = ['username', 'email', 'status'];

const STATUSES = new Set(['active', 'invite-pending', 'deactivated']);
const STATUS_LIST = 'active, invite-pending or deactivated';

function failure(message: string, row?: number, column?: string): { ok: false; error: ExportReadError } {
  const error: ExportReadError = { message };
  if (row !== undefined) error.row = row;
  if (column !== undefined) error.column = column;
  return { ok: false, error };
}

// ---- Which org a file belongs to. ----

/** Our file name's parts (`wandb-<org>[-<team>]-members-<date>`); null when the name is not ours (renamed). */
function fileNameScope(fileName: string): { name: string; date: string } | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const match = /^wandb-(.+)-members-(\d{4}-\d{2}-\d{2})/i.exec(base);
  return match ? { name: match[1] ?? '', date: match[2] ?? '' } : null;
}

/** Human words for an org or team scope. */
function scopeWords(org: string, team: string | null | undefined): string {
  return team ? `team "${team}" of organization "${org}"` : `organization "${org}"`;
}

/**
 * Checks the scope written in our file name against the page's; null when it matches or the
 * name is not ours. The name joins org and team with `-`, which names may hold too, so the
 * other scope is described as exactly as the expected org allows.
 */
function checkFileNameScope(
  fileName: string,
  expectedOrg: string,
  expectedTeam: string | null | undefined,
): ExportReadError | null {
  const scope = fileNameScope(fileName);
  if (scope === null) return null;
  const orgPart = fileNamePart(expectedOrg).toLowerCase();
  const expected = expectedTeam ? `${orgPart}-${fileNamePart(expectedTeam).toLowerCase()}` : orgPart;
  const name = scope.name.toLowerCase();
  if (name === expected) return null;
  const other =
    name === orgPart
      ? scopeWords(expectedOrg, null)
      : name.startsWith(`${orgPart}-`)
        ? scopeWords(expectedOrg, scope.name.slice(orgPart.length + 1))
        : `"${scope.name}"`;
  return {
    message: `This file is an export of ${other} (its name is "${fileName}"), but this page is ${scopeWords(expectedOrg, expectedTeam)}. Pick an export of ${scopeWords(expectedOrg, expectedTeam)}.`,
  };
}

// ---- CSV. ----

/** `;` when the header line holds more `;` than `,` (outside quotes), else `,`. */
function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

const PAPA_MESSAGES: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed (a closing " is missing)',
  InvalidQuotes: 'a quote (") is misplaced inside a field',
  TooManyFields: 'it has more fields than the header',
  TooFewFields: 'it has fewer fields than the header',
};

function parseCsv(
  text: string,
  fileName: string,
  expectedOrg: string,
  expectedTeam: string | null | undefined,
): ParsePreviousResult {
  const scopeProblem = checkFileNameScope(fileName, expectedOrg, expectedTeam);
  if (scopeProblem) return { ok: false, error: scopeProblem };

  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });
  const records = parsed.data;
  const header = (records[0] ?? []).map((cell) => cell.trim());
  const positions = new Map<ExportColumn, number>();
  for (let index = 0; index < header.length; index++) {
    const name = header[index] ?? '';
    if (!isExportColumn(name)) continue;
    if (positions.has(name)) return failure(`Column "${name}" appears twice in the header (row 1).`, 1, name);
    positions.set(name, index);
  }
  if (positions.size === 0) {
    const binary = binaryProblem(text);
    if (binary) return { ok: false, error: binary };
    const shown = header.join(delimiter).slice(0, 80);
    return failure(
      `This file is not a member export of the Admin Toolkit: its header (row 1) has none of our columns (${EXPORT_COLUMNS.join(', ')}); it reads "${shown}".`,
      1,
    );
  }
  // Row numbers count records as a spreadsheet shows them (header = row 1), not text lines.
  const firstError = parsed.errors.find((error) => error.type !== 'Delimiter');
  if (firstError) {
    const row = (firstError.row ?? 0) + 1;
    const reason = PAPA_MESSAGES[firstError.code] ?? firstError.message;
    return failure(`Row ${row} is malformed: ${reason}.`, row);
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!positions.has(column)) {
      return failure(
        `Column "${column}" is missing from the header (row 1). This file is not a complete member export of the Admin Toolkit; export again with the "${column}" column ticked.`,
        1,
        column,
      );
    }
  }

  const columns = EXPORT_COLUMNS.filter((column) => positions.has(column));
  const rows: ExportRow[] = [];
  for (let index = 1; index < records.length; index++) {
    const record = records[index] ?? [];
    const rowNumber = index + 1;
    // Blank lines (and the one after the final CRLF) are not records; ours always have 3+ fields.
    if (record.length === 1 && record[0] === '') continue;
    if (record.length !== header.length) {
      const missing = record.length < header.length ? header[record.length] : undefined;
      return failure(
        record.length < header.length
          ? `Row ${rowNumber} has ${record.length} fields but the header has ${header.length}: column "${missing}" and those after it are missing.`
          : `Row ${rowNumber} has ${record.length} fields but the header has ${header.length} (is a field with a "${delimiter}" not quoted?).`,
        rowNumber,
        missing,
      );
    }
    const row = emptyRow();
    for (const [column, position] of positions) row[column] = restoreFormula(record[position] ?? '');
    if (!STATUSES.has(row.status)) {
      return failure(
        `Row ${rowNumber}, column status: "${row.status}" is not ${STATUS_LIST}.`,
        rowNumber,
        'status',
      );
    }
    rows.push(row);
  }
  const scope = fileNameScope(fileName);
  return {
    ok: true,
    format: 'csv',
    columns,
    rows,
    org: scope?.name ?? null,
    exportedAt: scope?.date ?? null,
  };
}

function emptyRow(): ExportRow {
  return {
    username: '',
    name: '',
    email: '',
    org_role: '',
    models_seat: '',
    weave_access: '',
    status: '',
    account_type: '',
    teams: '',
    last_active: '',
    invited_at: '',
  };
}

// ---- JSON. ----

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The 1-based line of a JSON.parse error, when the engine's message gives a position. */
function jsonErrorLine(text: string, error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : '';
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  return position ? lineOf(text, Number(position[1])) : undefined;
}

function parseJson(
  text: string,
  expectedOrg: string,
  expectedTeam: string | null | undefined,
): ParsePreviousResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const binary = binaryProblem(text);
    if (binary) return { ok: false, error: binary };
    const line = jsonErrorLine(text, error);
    return failure(
      `This file is not valid JSON${line === undefined ? '' : ` (line ${line})`}: ${error instanceof Error ? error.message : String(error)}`,
      line,
    );
  }
  if (!isRecord(document) || document.format !== EXPORT_JSON_FORMAT) {
    const found = isRecord(document) && 'format' in document ? JSON.stringify(document.format) : 'nothing';
    return failure(
      `This JSON file is not a member export of the Admin Toolkit: its "format" is ${found}, expected "${EXPORT_JSON_FORMAT}".`,
      undefined,
      'format',
    );
  }
  if (document.version !== EXPORT_JSON_VERSION) {
    return failure(
      `This export has "version" ${JSON.stringify(document.version ?? null)}; this toolkit reads version ${EXPORT_JSON_VERSION}. Update the extension, or export again.`,
      undefined,
      'version',
    );
  }
  const org = typeof document.org === 'string' ? document.org : null;
  const scope = isRecord(document.scope) ? document.scope : {};
  const team = scope.kind === 'team' && typeof scope.team === 'string' ? scope.team : null;
  if (org !== null && org.toLowerCase() !== expectedOrg.toLowerCase()) {
    return failure(
      `This file is an export of ${scopeWords(org, team)}, but this page is ${scopeWords(expectedOrg, expectedTeam)}. Pick an export of ${scopeWords(expectedOrg, expectedTeam)}.`,
      undefined,
      'org',
    );
  }
  if ((team ?? '').toLowerCase() !== (expectedTeam ?? '').toLowerCase()) {
    const shownOrg = org ?? expectedOrg;
    return failure(
      `This file is an export of ${scopeWords(shownOrg, team)}, but this page is ${scopeWords(expectedOrg, expectedTeam)}; an export of a different scope would list everyone else as joiners or leavers.`,
      undefined,
      'scope',
    );
  }
  if (!Array.isArray(document.columns)) {
    return failure('This export has no "columns" list.', undefined, 'columns');
  }
  const columns: ExportColumn[] = [];
  for (const name of document.columns) {
    if (typeof name !== 'string' || !isExportColumn(name)) {
      return failure(
        `This export lists an unknown column ${JSON.stringify(name)} in "columns"; known columns are ${EXPORT_COLUMNS.join(', ')}.`,
        undefined,
        typeof name === 'string' ? name : undefined,
      );
    }
    if (!columns.includes(name)) columns.push(name);
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.includes(column)) {
      return failure(
        `Column "${column}" is missing from this export's "columns"; export again with the "${column}" column ticked.`,
        undefined,
        column,
      );
    }
  }
  if (!Array.isArray(document.rows)) return failure('This export has no "rows" list.', undefined, 'rows');
  const rows: ExportRow[] = [];
  for (let index = 0; index < document.rows.length; index++) {
    const value: unknown = document.rows[index];
    const rowNumber = index + 1;
    if (!isRecord(value)) {
      return failure(`Row ${rowNumber} (rows[${index}]) is not an object.`, rowNumber);
    }
    const row = emptyRow();
    for (const column of columns) {
      const cell = value[column];
      if (cell === undefined || cell === null) continue;
      if (typeof cell !== 'string') {
        return failure(
          `Row ${rowNumber} (rows[${index}]), column ${column}: expected text, found ${JSON.stringify(cell)}.`,
          rowNumber,
          column,
        );
      }
      row[column] = cell;
    }
    if (!STATUSES.has(row.status)) {
      return failure(
        `Row ${rowNumber} (rows[${index}]), column status: "${row.status}" is not ${STATUS_LIST}.`,
        rowNumber,
        'status',
      );
    }
    rows.push(row);
  }
  return {
    ok: true,
    format: 'json',
    columns: EXPORT_COLUMNS.filter((column) => columns.includes(column)),
    rows,
    org,
    exportedAt: typeof document.exportedAt === 'string' ? document.exportedAt : null,
  };
}

/**
 * Reads one of our exports back: CSV (with or without BOM, `,` or `;` detected from the header,
 * our `'` prefixes removed, unknown extra columns ignored, e.g. notes added during a review)
 * or JSON. Refuses, with a message naming the row and column at fault: empty or binary files,
 * files that are not ours (no marker, or a required column missing), malformed CSV, and
 * exports of another org or team (`expectedTeam` set when the page is a team's). A CSV says
 * which org it is from only in its file name; a renamed CSV is accepted as is.
 */
export function parsePreviousExport(
  text: string,
  fileName: string,
  expectedOrg: string,
  expectedTeam?: string | null,
): ParsePreviousResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return failure('The file is empty.');
  const start = body.trimStart()[0];
  if (start === '{' || start === '[' || /\.json$/i.test(fileName)) {
    return parseJson(body, expectedOrg, expectedTeam);
  }
  return parseCsv(body, fileName, expectedOrg, expectedTeam);
}
