/**
 * Reading what an admin pastes or drops into Bulk invite: a CSV/TSV file or paste (papaparse
 * does the parsing), or a plain list of addresses as copied from an email client. Every record
 * keeps the 1-based line of the input where it starts (header = 1), so messages and the dry-run
 * file point at the line the admin sees in their editor, even when a quoted cell spans lines.
 */
import Papa from 'papaparse';
import { parseAddressList } from './address-list';
import {
  type ColumnMapping,
  emptyMapping,
  isMappingConfident,
  mapColumns,
  settleRoleColumn,
} from './columns';
import type { InviteRecord } from './record';

export { parseAddress, parseAddressList } from './address-list';

/** Most data rows one job takes; larger files must be split. */
export const MAX_INVITE_ROWS = 10_000;

/** The delimiters recognised and offered as overrides. */
export const INVITE_DELIMITERS = [',', ';', '\t', '|'] as const;
export type InviteDelimiter = (typeof INVITE_DELIMITERS)[number];

/** How a delimiter is named to the admin. */
export const DELIMITER_LABELS: Record<InviteDelimiter, string> = {
  ',': 'Comma (,)',
  ';': 'Semicolon (;)',
  '\t': 'Tab',
  '|': 'Pipe (|)',
};

export type { InviteRecord } from './record';

/** What the input was read as. `address-list` is a list copied from an email client. */
export type InviteInputKind = 'table' | 'address-list';

/** The encoding a file was read in (`text` for pasted text). */
export type InviteEncoding = 'text' | 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16 LE' | 'UTF-16 BE';

export interface ParsedInviteInput {
  ok: true;
  kind: InviteInputKind;
  encoding: InviteEncoding;
  delimiter: InviteDelimiter;
  /** True when papaparse could not tell the delimiter (a single column): `delimiter` is then `,`. */
  delimiterGuessed: boolean;
  hasHeader: boolean;
  /** The header row, or `Column 1`, `Column 2`, … without one. */
  headers: string[];
  records: InviteRecord[];
  mapping: ColumnMapping;
  mappingConfident: boolean;
  /** Why the mapping is uncertain beyond a missing or doubled column (a bare `Role` column), when it is. */
  mappingNote?: string;
  /** Problems that do not stop the dry run (e.g. a line with more cells than the header), by line. */
  warnings: { line: number; message: string }[];
}

export interface InviteParseError {
  message: string;
  line?: number;
  column?: number;
}

export type InviteParseResult = ParsedInviteInput | { ok: false; error: InviteParseError };

export type InviteInput = { text: string } | { bytes: ArrayBuffer; fileName: string };

export interface InviteParseOverrides {
  delimiter?: InviteDelimiter;
  hasHeader?: boolean;
}

/**
 * The most data rows a reader takes, and the refusal shown above it (default: bulk invite's
 * `MAX_INVITE_ROWS`). Reconciling with an identity provider reads larger exports.
 */
export interface InviteRowLimit {
  maxRows: number;
  tooMany(maxRows: string): string;
}

const SAVE_AS_UTF8 =
  'In Excel choose File › Save As › "CSV UTF-8 (Comma delimited)"; in Google Sheets File › Download › CSV; in Numbers Export To › CSV with Unicode (UTF-8).';

function fail(message: string, line?: number, column?: number): { ok: false; error: InviteParseError } {
  return {
    ok: false,
    error: { message, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) },
  };
}

/** The text of a file, or an error that names the problem and the fix. */
export function decodeInviteFile(
  bytes: ArrayBuffer,
  fileName: string,
): { ok: true; text: string; encoding: InviteEncoding } | { ok: false; error: InviteParseError } {
  const view = new Uint8Array(bytes);
  if (view.length >= 2 && view[0] === 0xff && view[1] === 0xfe)
    return decodeWith('utf-16le', view.subarray(2), 'UTF-16 LE', fileName);
  if (view.length >= 2 && view[0] === 0xfe && view[1] === 0xff)
    return decodeWith('utf-16be', view.subarray(2), 'UTF-16 BE', fileName);
  if (view.length >= 4 && view[0] === 0x50 && view[1] === 0x4b && view[2] === 0x03 && view[3] === 0x04)
    return fail(`${fileName} is a workbook (for example .xlsx), not a CSV file. ${SAVE_AS_UTF8}`);
  const bom = view.length >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? view.subarray(3) : view);
  } catch {
    const at = firstInvalidUtf8(view);
    const line = lineOfByte(view, at);
    return fail(
      `${fileName} is not UTF-8 text (the first byte that is not UTF-8 is on line ${line}); it was probably saved as Windows-1252/Latin-1. Nothing was read, so no name is mangled. ${SAVE_AS_UTF8}`,
      line,
    );
  }
  if (text.includes('\u0000'))
    return fail(`${fileName} looks like a binary file, not CSV, TSV or TXT text. ${SAVE_AS_UTF8}`);
  return { ok: true, text, encoding: bom ? 'UTF-8 with BOM' : 'UTF-8' };
}

function decodeWith(
  label: 'utf-16le' | 'utf-16be',
  bytes: Uint8Array,
  encoding: InviteEncoding,
  fileName: string,
): { ok: true; text: string; encoding: InviteEncoding } | { ok: false; error: InviteParseError } {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding };
  } catch {
    return fail(`${fileName} starts like ${encoding} text but is not valid ${encoding}. ${SAVE_AS_UTF8}`);
  }
}

/** The offset of the first byte that breaks UTF-8 (found by decoding growing prefixes' validity per sequence). */
function firstInvalidUtf8(view: Uint8Array): number {
  let index = 0;
  while (index < view.length) {
    const byte = view[index] ?? 0;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : 4;
    if (byte >= 0x80 && (byte < 0xc2 || byte > 0xf4)) return index;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(view.subarray(index, index + length));
    } catch {
      return index;
    }
    index += length;
  }
  return index;
}

function lineOfByte(view: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < view.length; index++) if (view[index] === 0x0a) line++;
  return line;
}

// ---- Tables. ----

/** Line breaks (CRLF, LF or CR) in `text` from `from` up to `to`. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) count++;
  }
  return count;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** The delimiter papaparse guesses among `, ; tab |`; `guessed` is true when it could not tell. */
export function detectDelimiter(text: string): { delimiter: InviteDelimiter; guessed: boolean } {
  const sample = Papa.parse<string[]>(text.slice(0, 64 * 1024), {
    preview: 50,
    delimitersToGuess: [...INVITE_DELIMITERS],
    skipEmptyLines: true,
  });
  const undetectable = sample.errors.some((error) => error.code === 'UndetectableDelimiter');
  const delimiter = sample.meta.delimiter as InviteDelimiter;
  return INVITE_DELIMITERS.includes(delimiter)
    ? { delimiter, guessed: undetectable }
    : { delimiter: ',', guessed: true };
}

/** A header row has no `@` and names at least one known column. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  if (cells.some((cell) => cell.includes('@'))) return false;
  return mapColumns(cells).known > 0;
}

/** The column most of whose non-blank cells contain `@` (for files without a header); null when none. */
function emailColumnByContent(records: readonly InviteRecord[]): number | null {
  const hits: number[] = [];
  const sample = records.slice(0, 200);
  for (const record of sample)
    record.cells.forEach((cell, index) => {
      if (cell.includes('@')) hits[index] = (hits[index] ?? 0) + 1;
    });
  let best: number | null = null;
  hits.forEach((count, index) => {
    if (count * 2 >= sample.length && (best === null || count > (hits[best] ?? 0))) best = index;
  });
  return best;
}

/** Where the line holding `offset` ends (after its line break), or the text's end. */
function endOfLine(text: string, offset: number): number {
  for (let index = offset; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) return index + 1;
    if (code === 13) return text.charCodeAt(index + 1) === 10 ? index + 2 : index + 1;
  }
  return text.length;
}

/**
 * The non-blank rows of a table with their lines. A record with a broken quote (never closed, or
 * text after a closing quote) would swallow or garble what follows: its first line becomes a row
 * with a `problem`, and reading starts again on the next line. Stops one row over the cap.
 */
function readTableRows(
  text: string,
  delimiter: InviteDelimiter,
  maxRows: number,
): { rows: InviteRecord[]; overCap: boolean } {
  const rows: InviteRecord[] = [];
  let overCap = false;
  let from = 0;
  let line = 1;
  // The line break papaparse detects on the whole text, kept when reading again after a broken line.
  let newline: string | undefined;
  while (from < text.length && !overCap) {
    let cursor = 0;
    const found: { broken: { line: number; start: number } | null } = { broken: null };
    Papa.parse<string[]>(text.slice(from), {
      delimiter,
      ...(newline === undefined ? {} : { newline: newline as Papa.ParseConfig['newline'] }),
      skipEmptyLines: false,
      step: (result, parser) => {
        newline ??= result.meta.linebreak;
        // A record starts where the previous one ended; `line` is the line at that point.
        const recordLine = line;
        const start = cursor;
        const end = result.meta.cursor;
        line += countLineBreaks(text, from + cursor, from + end);
        cursor = end;
        if (result.errors.some((entry) => entry.type === 'Quotes')) {
          found.broken = { line: recordLine, start: from + start };
          parser.abort();
          return;
        }
        if (!isBlank(result.data)) rows.push({ line: recordLine, cells: result.data });
        // One over the cap after the header row: stop reading a 200,000-row file at once.
        if (rows.length > maxRows + 1) {
          overCap = true;
          parser.abort();
        }
      },
    });
    if (found.broken === null) break;
    const { line: brokenLine, start } = found.broken;
    const next = endOfLine(text, start);
    const raw = text.slice(start, next).replace(/\r?\n$|\r$/, '');
    rows.push({
      line: brokenLine,
      cells: [raw],
      problem: `Line ${brokenLine}: a quoted cell is not closed properly, so this line cannot be read. Check the quotes on that line; the other lines are read as usual.`,
    });
    from = next;
    line = brokenLine + 1;
  }
  return { rows, overCap };
}

/**
 * Reads pasted text or a file into records with their line numbers, the detected delimiter,
 * whether the first row is a header, and a column mapping. `overrides` replace what was
 * detected (and, when given, the input is always read as a table).
 */
export function parseInviteInput(
  input: InviteInput,
  overrides: InviteParseOverrides = {},
  limit: InviteRowLimit = BULK_INVITE_LIMIT,
): InviteParseResult {
  const { maxRows } = limit;
  const tooMany = () => fail(limit.tooMany(maxRows.toLocaleString('en-US')));
  let text: string;
  let encoding: InviteEncoding = 'text';
  if ('bytes' in input) {
    const decoded = decodeInviteFile(input.bytes, input.fileName);
    if (!decoded.ok) return decoded;
    text = decoded.text;
    encoding = decoded.encoding;
  } else {
    text = input.text.startsWith('\uFEFF') ? input.text.slice(1) : input.text;
  }
  if (text.trim() === '')
    return fail('There is nothing to read: paste addresses or choose a file with rows.');

  if (overrides.delimiter === undefined && overrides.hasHeader === undefined) {
    const list = parseAddressList(text);
    // A first piece that is a column name (`email`) is a one-column table's header, not a bad address.
    const headed = list?.[0]?.problem !== undefined && looksLikeHeader([list[0].cells[0] ?? '']);
    if (list && !headed && !(list.length === 1 && text.includes('\t'))) {
      if (list.length > maxRows) return tooMany();
      const mapping = { ...emptyMapping(), email: 0, name: 1 };
      return {
        ok: true,
        kind: 'address-list',
        encoding,
        delimiter: ',',
        delimiterGuessed: false,
        hasHeader: false,
        headers: ['Email', 'Name'],
        records: list,
        mapping,
        mappingConfident: true,
        warnings: [],
      };
    }
  }

  const detected = overrides.delimiter
    ? { delimiter: overrides.delimiter, guessed: false }
    : detectDelimiter(text);
  const { rows, overCap } = readTableRows(text, detected.delimiter, maxRows);
  if (rows.length === 0) return fail('There is nothing to read: every line is empty.');

  const first = rows[0]?.cells ?? [];
  const hasHeader = overrides.hasHeader ?? looksLikeHeader(first);
  const records = hasHeader ? rows.slice(1) : rows;
  if (overCap || records.length > maxRows) return tooMany();
  if (records.length === 0)
    return fail(
      'The file has a header row but no rows under it: add one person per line.',
      (rows[0]?.line ?? 1) + 1,
    );

  const width = Math.max(first.length, ...records.slice(0, 1000).map((record) => record.cells.length));
  const headers = hasHeader
    ? first.map((cell, index) => cell.trim() || `Column ${index + 1}`)
    : Array.from({ length: width }, (_, index) => `Column ${index + 1}`);
  let mapping: ColumnMapping;
  let confident: boolean;
  let mappingNote: string | null = null;
  if (hasHeader) {
    const mapped = mapColumns(headers);
    const settled = settleRoleColumn(headers, mapped.mapping, function* (column) {
      for (const record of records.slice(0, 1000)) yield record.cells[column] ?? '';
    });
    mapping = settled.mapping;
    mappingNote = settled.note;
    confident = isMappingConfident(mapping, mapped.competing) && mappingNote === null;
  } else {
    mapping = { ...emptyMapping(), email: emailColumnByContent(records) };
    // Without a header only the email column can be found (by its `@`s); other columns need the admin.
    confident = mapping.email !== null && width === 1;
  }

  const warnings: { line: number; message: string }[] = [];
  if (hasHeader)
    for (const record of records)
      if (record.cells.length > headers.length)
        warnings.push({
          line: record.line,
          message: `Line ${record.line} has ${record.cells.length} cells but the header has ${headers.length}: check the delimiter on that line.`,
        });

  return {
    ok: true,
    kind: 'table',
    encoding,
    delimiter: detected.delimiter,
    delimiterGuessed: detected.guessed,
    hasHeader,
    headers,
    records,
    mapping,
    mappingConfident: confident,
    ...(mappingNote === null ? {} : { mappingNote }),
    warnings,
  };
}

const BULK_INVITE_LIMIT: InviteRowLimit = {
  maxRows: MAX_INVITE_ROWS,
  tooMany: (max) =>
    `This input has more than ${max} rows, the most one bulk invite takes. Split it into files of at most ${max} rows and invite them one after the other.`,
};
