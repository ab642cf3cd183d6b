/**
 * Comparing with a previous export, for quarterly access reviews: read one of our own files
 * back (CSV or JSON, either layout), refuse anything else with a message that names the row
 * and column at fault, and list joiners, leavers and changes against the current directory.
 */
import Papa from 'papaparse';
import { neutraliseFormula, restoreFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import { EXPORT_COLUMNS, type ExportColumn, isExportColumn } from './columns';
import { type ExportRow, formatTeams, parseTeams } from './rows';
import { EXPORT_JSON_FORMAT, EXPORT_JSON_VERSION, fileNamePart } from './serialise';

/** Rows with the columns they carry (a previous export may have left some out). */
export interface ExportTable {
  columns: readonly ExportColumn[];
  /** Columns a file did not carry are `''`. */
  rows: readonly ExportRow[];
}

/** What is wrong with a file, with the row (1-based, header = row 1; for JSON, the row's position in `rows`, from 1) and column when known. */
export interface ExportReadError {
  message: string;
  row?: number;
  column?: string;
}

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

// ---- Text checks. ----

/** The 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) line++;
  }
  return line;
}

/**
 * A message when the text looks binary (NUL characters, or U+FFFD where bytes were not UTF-8),
 * else null. Only asked once a file was not recognised as ours: inside one of our exports such
 * characters are data (a name may hold U+FFFD) and are kept.
 */
function binaryProblem(text: string): ExportReadError | null {
  const sample = text.slice(0, 65_536);
  const nul = sample.indexOf('\u0000');
  if (nul >= 0) {
    return {
      message:
        'This file is not a text file (it holds binary data, or is UTF-16 text). Pick a CSV or JSON file exported by the Admin Toolkit.',
      row: lineOf(sample, nul),
    };
  }
  const replaced = sample.indexOf('\uFFFD');
  if (replaced >= 0) {
    return {
      message:
        'This file is not UTF-8 text (some bytes could not be read). Our exports are UTF-8: pick the file as the toolkit saved it, or save it again as "CSV UTF-8".',
      row: lineOf(sample, replaced),
    };
  }
  return null;
}

/** The message for bytes that are not UTF-8. */
const NOT_UTF8 =
  'This file is not UTF-8 text (it holds bytes that are not UTF-8, so it is binary or in another encoding). Our exports are UTF-8: pick the file as the toolkit saved it, or save it again as "CSV UTF-8".';

/**
 * A picked file's bytes as text, refusing bytes that are not UTF-8 (so a Latin-1 or binary file
 * is named as such instead of being read with replacement characters). A UTF-8 BOM is kept for
 * `parsePreviousExport`, which removes it.
 */
export function decodeExportFile(
  bytes: ArrayBuffer | Uint8Array,
): { ok: true; text: string } | { ok: false; error: ExportReadError } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return failure(NOT_UTF8);
  }
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

// ---- Comparing. ----

/** The fields whose changes are reported. */
export const COMPARED_FIELDS = ['org_role', 'models_seat', 'weave_access', 'status', 'teams'] as const;
/** One compared field. */
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** One person (member, or pending invite by email) of an export, its per-team rows folded together. */
export interface ComparedEntry extends ExportRow {
  /** The username, `invite:<email>` (lower-cased) for a pending invite, or `email:`/`name:` when a member has no username. */
  key: string;
}

/** One changed field of one person. */
export interface FieldChange {
  key: string;
  username: string;
  email: string;
  field: ComparedField;
  before: string;
  after: string;
}

/** What changed between two exports. */
export interface ComparisonResult {
  /** Members now who were not before (pending invites are never joiners). */
  joiners: ComparedEntry[];
  /** Members before who are not now. */
  leavers: ComparedEntry[];
  /** Pending invites now that were not before. */
  invited: ComparedEntry[];
  /** Pending invites before that are gone now without their address joining (cancelled or expired). */
  invitesGone: ComparedEntry[];
  changes: FieldChange[];
  /** Fields both exports carry; only these are compared. */
  fields: ComparedField[];
}

/**
 * The key a row is matched by across exports: a member's username as is (the common case, kept
 * free of prefixes so 50,000 keys cost no string building), `invite:<email>` for a pending
 * invite, `email:`/`name:` for a member without a username. W&B usernames hold no `:`, so
 * the kinds never collide.
 */
export function comparisonKey(row: ExportRow): string {
  if (row.status === 'invite-pending') return `invite:${row.email.toLowerCase()}`;
  if (row.username !== '') return row.username;
  if (row.email !== '') return `email:${row.email.toLowerCase()}`;
  return `name:${row.name}`;
}

/** A `teams` cell in canonical form (pairs sorted by team name, `; ` between them), so hand re-ordering is no change. */
function canonicalTeams(cell: string): string {
  return cell.includes(';') || cell !== cell.trim() ? formatTeams(parseTeams(cell)) : cell;
}

function entryOf(row: ExportRow, key: string): ComparedEntry {
  return {
    key,
    username: row.username,
    name: row.name,
    email: row.email,
    org_role: row.org_role,
    models_seat: row.models_seat,
    weave_access: row.weave_access,
    status: row.status,
    account_type: row.account_type,
    teams: canonicalTeams(row.teams),
    last_active: row.last_active,
    invited_at: row.invited_at,
  };
}

/**
 * Rows folded per person: per-team rows (and an invite's per-team rows) become one entry with
 * all its teams, sorted; other fields come from the person's first row, `invited_at` is the
 * earliest. Linear: team maps are built only for people seen on more than one row.
 */
export function foldRows(rows: Iterable<ExportRow>): Map<string, ComparedEntry> {
  const entries = new Map<string, ComparedEntry>();
  const merged = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const key = comparisonKey(row);
    const entry = entries.get(key);
    if (!entry) {
      entries.set(key, entryOf(row, key));
      continue;
    }
    let teams = merged.get(key);
    if (!teams) {
      teams = new Map(parseTeams(entry.teams).map(({ team, role }) => [team, role]));
      merged.set(key, teams);
    }
    for (const { team, role } of parseTeams(row.teams)) if (!teams.has(team)) teams.set(team, role);
    if (entry.invited_at === '' || (row.invited_at !== '' && row.invited_at < entry.invited_at))
      entry.invited_at = row.invited_at;
  }
  for (const [key, teams] of merged) {
    const entry = entries.get(key);
    if (entry) entry.teams = formatTeams([...teams].map(([team, role]) => ({ team, role })));
  }
  return entries;
}

/** Members first (by username), then pending invites (by email). */
function byKey(a: ComparedEntry, b: ComparedEntry): number {
  const invites = Number(a.status === 'invite-pending') - Number(b.status === 'invite-pending');
  return invites || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Joiners, leavers, new and gone invites, and field changes from `previous` to `current`, matched
 * by username (pending invites by email). A pending invite is an invite, never a joiner or a
 * leaver; one that was accepted (its address now belongs to a joiner) is not listed as gone. Only fields both exports carry are
 * compared, so an export made with fewer columns does not report every member as changed.
 */
export function compareExports(previous: ExportTable, current: ExportTable): ComparisonResult {
  const before = foldRows(previous.rows);
  const after = foldRows(current.rows);
  const fields = COMPARED_FIELDS.filter(
    (field) => previous.columns.includes(field) && current.columns.includes(field),
  );

  const joiners: ComparedEntry[] = [];
  const invited: ComparedEntry[] = [];
  const changes: FieldChange[] = [];
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (!old) {
      (entry.status === 'invite-pending' ? invited : joiners).push(entry);
      continue;
    }
    for (const field of fields) {
      if (old[field] !== entry[field]) {
        changes.push({
          key,
          username: entry.username,
          email: entry.email || old.email,
          field,
          before: old[field],
          after: entry[field],
        });
      }
    }
  }
  const joinedAddresses = new Set(
    joiners.filter((entry) => entry.email !== '').map((entry) => entry.email.toLowerCase()),
  );
  const leavers: ComparedEntry[] = [];
  const invitesGone: ComparedEntry[] = [];
  for (const [key, entry] of before) {
    if (after.has(key)) continue;
    if (entry.status !== 'invite-pending') leavers.push(entry);
    else if (!joinedAddresses.has(entry.email.toLowerCase())) invitesGone.push(entry);
  }
  changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    joiners: joiners.sort(byKey),
    leavers: leavers.sort(byKey),
    invited: invited.sort(byKey),
    invitesGone: invitesGone.sort(byKey),
    changes,
    fields,
  };
}

/** The comparison file's header. */
export const COMPARISON_COLUMNS = ['change', 'username', 'email', 'field', 'before', 'after'] as const;

/** The comparison as CSV chunks (`joined`, `left`, `invited`, `invite-gone`, then `changed` rows), every cell neutralised. */
export function comparisonCsvChunks(
  result: ComparisonResult,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const entry of result.joiners) yield ['joined', entry.username, entry.email, '', '', ''];
    for (const entry of result.leavers) yield ['left', entry.username, entry.email, '', '', ''];
    for (const entry of result.invited) yield ['invited', entry.username, entry.email, '', '', ''];
    for (const entry of result.invitesGone) yield ['invite-gone', entry.username, entry.email, '', '', ''];
    for (const change of result.changes) {
      yield ['changed', change.username, change.email, change.field, change.before, change.after];
    }
  }
  function* neutralised(): Generator<string[]> {
    for (const record of records()) yield record.map(neutraliseFormula);
  }
  return csvChunks(COMPARISON_COLUMNS, neutralised(), options);
}
