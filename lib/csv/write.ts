/**
 * An RFC 4180 CSV writer that yields the file in bounded chunks, so a 50,000-row export is
 * handed to `new Blob([...chunks])` without ever being one giant string built by repeated
 * concatenation. It writes cells as given: formula neutralising is the caller's choice (see
 * `neutraliseFormula`), because not every CSV we write is opened by a spreadsheet.
 */

/** The delimiters our files use: `,` (RFC 4180) or `;` (what Excel expects in many European locales). */
export type CsvDelimiter = ',' | ';';

/** How a CSV file is written. */
export interface CsvWriteOptions {
  delimiter: CsvDelimiter;
  /** Start with a UTF-8 byte order mark (`\uFEFF`), which Excel needs to read the file as UTF-8. */
  bom: boolean;
  /** Rows per yielded chunk (default 2,000); bounds the size of each string handed out. */
  chunkRows?: number;
}

/** RFC 4180 line ending. */
const CRLF = '\r\n';
const BOM = '\uFEFF';

/** What forces quoting, per delimiter: the delimiter itself, a quote, CR or LF. */
const NEEDS_QUOTES: Record<CsvDelimiter, RegExp> = {
  ',': /[",\r\n]/,
  ';': /[";\r\n]/,
};

/** One field: quoted (with inner quotes doubled) when it holds the delimiter, `"`, CR or LF; otherwise as is. */
export function csvField(value: string, delimiter: CsvDelimiter): string {
  return NEEDS_QUOTES[delimiter].test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * One record without its line ending. A record of a single empty field is written `""`: an
 * empty line would otherwise read back as "no record" in readers that skip blank lines.
 */
export function csvRecord(cells: readonly string[], delimiter: CsvDelimiter): string {
  if (cells.length === 1 && cells[0] === '') return '""';
  let line = '';
  for (let index = 0; index < cells.length; index++) {
    if (index > 0) line += delimiter;
    line += csvField(cells[index] ?? '', delimiter);
  }
  return line;
}

/**
 * The file as chunks from records already written (each without its line ending, e.g. by
 * `csvRecord`): the header first (after the BOM, when asked), then at most `chunkRows` records
 * per chunk, every record ending in CRLF. Records are read lazily, one chunk at a time.
 */
export function* csvRecordChunks(
  headerRecord: string,
  records: Iterable<string>,
  options: CsvWriteOptions,
): Generator<string, void, undefined> {
  const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? 2000));
  yield `${options.bom ? BOM : ''}${headerRecord}${CRLF}`;
  let lines: string[] = [];
  for (const record of records) {
    lines.push(record);
    if (lines.length >= chunkRows) {
      lines.push('');
      yield lines.join(CRLF);
      lines = [];
    }
  }
  if (lines.length > 0) {
    lines.push('');
    yield lines.join(CRLF);
  }
}

/**
 * The file as chunks of at most `chunkRows` records each (the header and the BOM, when asked,
 * come first), every record ending in CRLF. Rows are read lazily, so a generator of rows keeps
 * memory to one chunk at a time.
 */
export function csvChunks(
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  options: CsvWriteOptions,
): Generator<string, void, undefined> {
  const { delimiter } = options;
  function* records(): Generator<string> {
    for (const row of rows) yield csvRecord(row, delimiter);
  }
  return csvRecordChunks(csvRecord(header, delimiter), records(), options);
}

/** The whole file as one string (tests and small files; large exports should pass `csvChunks` to a Blob). */
export function buildCsv(
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  options: CsvWriteOptions,
): string {
  return [...csvChunks(header, rows, options)].join('');
}
