/**
 * The member export's rows: a `Directory` flattened into the fixed columns, and the filters the
 * export dialog offers. Everything here is linear in the number of members (Maps and Sets, no
 * nested scans), so a 50,000-member org filters between keystrokes.
 */
import type { Directory, DirectoryInvite, DirectoryMember } from '../wandb/directory';
import type { ExportColumn } from './columns';

/** One row of the export, every column as the text written to the file. */
export type ExportRow = Record<ExportColumn, string>;

/** `status` values. */
export type ExportStatus = 'active' | 'invite-pending' | 'deactivated';
/** `account_type` values. */
export type ExportAccountType = 'user' | 'service';
/** One row per member (teams as `team:role; …`), or one row per (member, team) for pivot tables. */
export type ExportLayout = 'per-member' | 'per-team';

/** How rows are built from a directory. */
export interface ExportRowOptions {
  includeInvites: boolean;
  layout: ExportLayout;
}

/**
 * Which rows to keep. Every part is optional, and an empty list means "no restriction" (the
 * dialog shows an unticked group as "any"), so `{}` keeps every row.
 */
export interface ExportFilter {
  orgRoles?: string[];
  modelsSeats?: string[];
  weaveAccess?: string[];
  /** Rows with at least one of these teams (in the per-team layout: rows of these teams). */
  teams?: string[];
  statuses?: ExportStatus[];
  accountTypes?: ExportAccountType[];
  /** No activity for at least this many days, counting rows with no recorded activity (never active, pending, or not told by the server). */
  inactiveDays?: number;
  /** Case-insensitive text over username, name, email and teams. */
  search?: string;
}

/** The values present in a directory, for the dialog's filter controls; `''` stands for "not set". */
export interface ExportFilterOptions {
  orgRoles: string[];
  modelsSeats: string[];
  weaveAccess: string[];
  teams: string[];
  statuses: ExportStatus[];
  accountTypes: ExportAccountType[];
}

// ---- Cell values. ----

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
/** UTC or naive (= UTC) to the second or finer: the shapes W&B sends, cut to the second without a Date. */
const ISO_UTC_TO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?$/;

/**
 * A date as ISO 8601 UTC to the second (`2026-10-01T10:00:00Z`); `''` for null or blank.
 * W&B sends naive timestamps (no zone) that are UTC, so those are read as UTC, not local time.
 * A value that is not a date at all is kept as sent (trimmed) rather than dropped or mangled.
 */
export function toIsoUtc(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = value.trim();
  if (text === '') return '';
  if (ISO_UTC_TO_SECOND.test(text)) return `${text.slice(0, 19)}Z`;
  const time = Date.parse(ISO_WITHOUT_ZONE.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  if (Number.isNaN(time)) return text;
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** Team names compared the way the directory sorts them: case-insensitively, then by code point. */
export function compareTeamNames(a: string, b: string): number {
  if (a === b) return 0;
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  if (left !== right) return left < right ? -1 : 1;
  return a < b ? -1 : 1;
}

/** `team:role` pairs joined by `; `, sorted by team name. */
export function formatTeams(teams: readonly { team: string; role: string }[]): string {
  if (teams.length === 0) return '';
  if (teams.length === 1) return `${teams[0]?.team}:${teams[0]?.role}`;
  const sorted = [...teams].sort((a, b) => compareTeamNames(a.team, b.team));
  let text = '';
  for (const { team, role } of sorted) text += text === '' ? `${team}:${role}` : `; ${team}:${role}`;
  return text;
}

/**
 * The pairs of a `teams` cell. A W&B team name cannot hold `:` (entity names are letters,
 * digits, `-` and `_`), so the first `:` splits team from role and a custom role name may hold
 * anything; a pair without `:` is a team with an empty role.
 */
export function parseTeams(cell: string): { team: string; role: string }[] {
  const pairs: { team: string; role: string }[] = [];
  for (const part of cell.split(';')) {
    const pair = part.trim();
    if (pair === '') continue;
    const colon = pair.indexOf(':');
    pairs.push(
      colon < 0 ? { team: pair, role: '' } : { team: pair.slice(0, colon), role: pair.slice(colon + 1) },
    );
  }
  return pairs;
}

// ---- Rows. ----

function memberRow(member: DirectoryMember, teams: string): ExportRow {
  return {
    username: member.username ?? '',
    name: member.name,
    email: member.email ?? '',
    org_role: member.orgRole ?? '',
    models_seat: member.modelsSeat ?? '',
    weave_access: member.weaveAccess ?? '',
    status: member.status,
    account_type: member.accountType,
    teams,
    last_active: toIsoUtc(member.lastActiveAt),
    invited_at: '',
  };
}

function inviteRow(email: string, teams: string, invitedAt: string): ExportRow {
  return {
    username: '',
    name: '',
    email,
    org_role: '',
    models_seat: '',
    weave_access: '',
    status: 'invite-pending',
    account_type: 'user',
    teams,
    last_active: '',
    invited_at: invitedAt,
  };
}

/** An invite's team pair; its role is `unknown` when W&B did not say (the directory's convention). */
function invitePair(invite: DirectoryInvite): { team: string; role: string } | null {
  return invite.team === null ? null : { team: invite.team, role: invite.role ?? 'unknown' };
}

/**
 * The directory as export rows: members first (in the directory's order, by username), then
 * pending invites when asked (by email, then team), one row per invite holding its one
 * `team:role`. Per member, `teams` holds every `team:role` pair; per team, each (member, team)
 * is its own row holding one pair, and a member in no team gets one row with empty `teams`.
 */
export function exportRows(directory: Directory, options: ExportRowOptions): ExportRow[] {
  let all = cachedRows.get(directory)?.[options.layout];
  if (!all) {
    const builder = rowBuilder(directory, options.layout);
    builder.run(() => false);
    all = builder.rows;
    rememberRows(directory, options.layout, all);
  }
  // Members' rows come first and invites' last, one row per invite.
  return options.includeInvites ? all : all.slice(0, all.length - directory.invites.length);
}

/**
 * Builds the rows of both layouts ahead of time in slices, giving the page's main thread back
 * (`pause`) after every `sliceMs` of work, so a 50,000-member directory never becomes one long
 * task on the W&B page; `exportRows` then answers from the cache.
 */
export async function prepareExportRows(
  directory: Directory,
  pause: () => Promise<void>,
  sliceMs = 12,
): Promise<void> {
  for (const layout of ['per-member', 'per-team'] as const) {
    if (cachedRows.get(directory)?.[layout]) continue;
    const builder = rowBuilder(directory, layout);
    let sliceStart = performance.now();
    while (!builder.run(() => performance.now() - sliceStart > sliceMs)) {
      await pause();
      sliceStart = performance.now();
    }
    rememberRows(directory, layout, builder.rows);
  }
}

/** Rows of each layout (invites included) per directory object; a new load is a new object. */
const cachedRows = new WeakMap<Directory, Partial<Record<ExportLayout, ExportRow[]>>>();

function rememberRows(directory: Directory, layout: ExportLayout, rows: ExportRow[]): void {
  const entry = cachedRows.get(directory) ?? {};
  entry[layout] = rows;
  cachedRows.set(directory, entry);
}

/**
 * The rows of one layout, built incrementally: members first (in the directory's order, by
 * username), then pending invites (by email, then team), one row per invite holding its one
 * `team:role`. Per member, `teams` holds every `team:role` pair; per team, each (member, team) is
 * its own row holding one pair, and a member in no team gets one row with empty `teams`.
 * `run(stop)` builds until done (true) or until `stop()`, asked every 256 items, says so (false).
 */
function rowBuilder(directory: Directory, layout: ExportLayout) {
  const rows: ExportRow[] = [];
  const { members, invites } = directory;
  let next = 0;
  const addMember = (member: DirectoryMember) => {
    if (layout === 'per-team') {
      if (member.teams.length === 0) rows.push(memberRow(member, ''));
      const teams = [...member.teams].sort((a, b) => compareTeamNames(a.team, b.team));
      for (const pair of teams) rows.push(memberRow(member, `${pair.team}:${pair.role}`));
    } else {
      rows.push(memberRow(member, formatTeams(member.teams)));
    }
  };
  // One row per invite in both layouts: W&B keeps one invite per (address, team), and each can
  // be withdrawn on its own. `compareExports` folds them per address.
  const addInvite = (invite: DirectoryInvite) => {
    const pair = invitePair(invite);
    rows.push(inviteRow(invite.email, pair ? `${pair.team}:${pair.role}` : '', toIsoUtc(invite.createdAt)));
  };
  return {
    rows,
    run(stop: () => boolean): boolean {
      const total = members.length + invites.length;
      while (next < total) {
        if (next < members.length) addMember(members[next] as DirectoryMember);
        else addInvite(invites[next - members.length] as DirectoryInvite);
        next++;
        if (next % 256 === 0 && next < total && stop()) return false;
      }
      return true;
    },
  };
}

// ---- Filters. ----

const DAY_MS = 86_400_000;

/** Lower-cased, NFC search text of a row, built once per row. */
const searchTexts = new WeakMap<ExportRow, string>();
function searchTextOf(row: ExportRow): string {
  let text = searchTexts.get(row);
  if (text === undefined) {
    text = `${row.username}\n${row.name}\n${row.email}\n${row.teams}`.normalize('NFC').toLowerCase();
    searchTexts.set(row, text);
  }
  return text;
}

/**
 * A test of whether a `teams` cell names one of `teams`. Team names hold neither `:` nor `;`,
 * so `team:` at the start of the cell or after `; ` is an exact match; a long choice splits the
 * cell where `formatTeams` joined it (`; `) instead of trying every name, so both read a custom
 * role holding `;` (`ops:a;vision:b`) as part of its pair.
 */
function teamMatcher(teams: ReadonlySet<string>): (cell: string) => boolean {
  if (teams.size <= 16) {
    const needles = [...teams].map((team) => [`${team}:`, `; ${team}:`] as const);
    return (cell) => needles.some(([first, later]) => cell.startsWith(first) || cell.includes(later));
  }
  return (cell) =>
    cell.split('; ').some((pair) => {
      const colon = pair.indexOf(':');
      return colon > 0 && teams.has(pair.slice(0, colon));
    });
}

/** A set of the chosen values, or null when the list is absent or empty (no restriction). */
function choice(values: readonly string[] | undefined): ReadonlySet<string> | null {
  return values && values.length > 0 ? new Set(values) : null;
}

/**
 * The rows that pass every part of `filter`, in order. `inactiveDays` keeps rows whose
 * `last_active` is at least that many days (of 24 hours) before `now` (exactly N days counts),
 * and rows with no recorded activity; a non-finite value means no filter, a fraction is
 * rounded down and a negative value counts as 0.
 */
export function filterRows(rows: readonly ExportRow[], filter: ExportFilter, now: Date): ExportRow[] {
  const orgRoles = choice(filter.orgRoles);
  const modelsSeats = choice(filter.modelsSeats);
  const weaveAccess = choice(filter.weaveAccess);
  const teamChoice = choice(filter.teams);
  const teams = teamChoice ? teamMatcher(teamChoice) : null;
  const statuses = choice(filter.statuses);
  const accountTypes = choice(filter.accountTypes);
  const days = filter.inactiveDays;
  const activeSince =
    days !== undefined && Number.isFinite(days)
      ? now.getTime() - Math.max(0, Math.floor(days)) * DAY_MS
      : null;
  const search = (filter.search ?? '').trim().normalize('NFC').toLowerCase();

  return rows.filter((row) => {
    if (orgRoles && !orgRoles.has(row.org_role)) return false;
    if (modelsSeats && !modelsSeats.has(row.models_seat)) return false;
    if (weaveAccess && !weaveAccess.has(row.weave_access)) return false;
    if (statuses && !statuses.has(row.status)) return false;
    if (accountTypes && !accountTypes.has(row.account_type)) return false;
    if (teams && !teams(row.teams)) return false;
    if (activeSince !== null && row.last_active !== '') {
      const last = Date.parse(row.last_active);
      if (!Number.isNaN(last) && last > activeSince) return false;
    }
    if (search !== '' && !searchTextOf(row).includes(search)) return false;
    return true;
  });
}

/** Known values first in this order, then others alphabetically, then `''` (not set) last. */
function ranked(values: Iterable<string>, known: readonly string[]): string[] {
  const rank = (value: string) => {
    if (value === '') return known.length + 1;
    const index = known.indexOf(value);
    return index < 0 ? known.length : index;
  };
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b) || compareTeamNames(a, b));
}

/** The distinct values of each filterable column in the directory (with invites unless told otherwise). */
export function filterOptions(
  directory: Directory,
  options: { includeInvites?: boolean } = {},
): ExportFilterOptions {
  const includeInvites = options.includeInvites ?? true;
  const invites = includeInvites ? directory.invites : [];
  const orgRoles = new Set<string>();
  const modelsSeats = new Set<string>();
  const weaveAccess = new Set<string>();
  const teams = new Set<string>(directory.teams.map((team) => team.name));
  const statuses = new Set<string>();
  const accountTypes = new Set<string>();
  for (const member of directory.members) {
    orgRoles.add(member.orgRole ?? '');
    modelsSeats.add(member.modelsSeat ?? '');
    weaveAccess.add(member.weaveAccess ?? '');
    statuses.add(member.status);
    accountTypes.add(member.accountType);
    for (const pair of member.teams) teams.add(pair.team);
  }
  if (invites.length > 0) {
    orgRoles.add('');
    modelsSeats.add('');
    weaveAccess.add('');
    statuses.add('invite-pending');
    accountTypes.add('user');
    for (const invite of invites) if (invite.team !== null) teams.add(invite.team);
  }
  return {
    orgRoles: ranked(orgRoles, ['admin', 'member', 'viewer']),
    modelsSeats: ranked(modelsSeats, ['full', 'viewer', 'no-access']),
    weaveAccess: ranked(weaveAccess, ['full', 'viewer', 'no-access']),
    teams: [...teams].sort(compareTeamNames),
    statuses: ranked(statuses, ['active', 'invite-pending', 'deactivated']) as ExportStatus[],
    accountTypes: ranked(accountTypes, ['user', 'service']) as ExportAccountType[],
  };
}

/** Rows, layout and filter together: what an export with these settings contains. */
export interface ExportSelection extends ExportRowOptions {
  filter: ExportFilter;
}

/** The rows an export with these settings writes: `exportRows` then `filterRows`. */
export function selectExportRows(directory: Directory, selection: ExportSelection, now: Date): ExportRow[] {
  return filterRows(exportRows(directory, selection), selection.filter, now);
}
