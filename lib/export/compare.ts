/**
 * Comparing with a previous export, for quarterly access reviews (the file is read back by
 * ./previous.ts): joiners, leavers, invites and field changes against the current directory.
 */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import type { ExportTable } from './previous';
import { type ExportRow, formatTeams, parseTeams } from './rows';

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
