/**
 * The reconciliation's files: each list, or all three, as CSV (every cell neutralised against
 * formula injection, like the member export) or JSON (values as read: JSON is read by scripts,
 * not by a spreadsheet's cell parser, as the member export and the audit log decide). Both are
 * built in chunks so 50,000 rows never make one long task. Pure.
 */
import { fileNamePart, localDateStamp } from '../csv/file-name';
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import type { NotMemberRow, OrphanRow, ReconcileResult, SuspendedRow } from './types';

export type ReconcileList = 'orphans' | 'suspended-with-seat' | 'not-members';
export const RECONCILE_LISTS: readonly ReconcileList[] = ['orphans', 'suspended-with-seat', 'not-members'];

/** The header of the CSV with every list, one `list` column first; a list's own file leaves out the columns it never fills. */
const ALL_COLUMNS = [
  'list',
  'username',
  'name',
  'email',
  'org_role',
  'seat',
  'teams',
  'last_active',
  'reason',
  'idp_email',
  'idp_status',
  'idp_line',
  'pending_invite',
] as const;
type Column = (typeof ALL_COLUMNS)[number];

const LIST_COLUMNS: Record<ReconcileList, readonly Column[]> = {
  orphans: ['username', 'name', 'email', 'org_role', 'seat', 'teams', 'last_active', 'reason'],
  'suspended-with-seat': [
    'username',
    'name',
    'email',
    'org_role',
    'seat',
    'teams',
    'last_active',
    'idp_email',
    'idp_status',
    'idp_line',
  ],
  'not-members': ['email', 'name', 'idp_status', 'idp_line', 'pending_invite'],
};

type AnyRow = OrphanRow | SuspendedRow | NotMemberRow;

function cellsOf(row: AnyRow): Partial<Record<Column, string>> {
  if ('pendingInvite' in row)
    return {
      email: row.email,
      name: row.name,
      idp_status: row.idpStatus,
      idp_line: String(row.idpLine),
      pending_invite: row.pendingInvite,
    };
  const member = {
    username: row.username,
    name: row.name,
    email: row.email,
    org_role: row.orgRole,
    seat: row.seat,
    teams: row.teams,
    last_active: row.lastActiveAt,
  };
  return 'reason' in row
    ? { ...member, reason: row.detail }
    : { ...member, idp_email: row.idpEmail, idp_status: row.idpStatus, idp_line: String(row.idpLine) };
}

function rowsOf(result: ReconcileResult, list: ReconcileList): readonly AnyRow[] {
  return list === 'orphans'
    ? result.orphans
    : list === 'suspended-with-seat'
      ? result.suspendedWithSeat
      : result.notMembers;
}

/** One list (or every list, with a `list` column) as CSV chunks, every cell neutralised. */
export function reconcileCsvChunks(
  result: ReconcileResult,
  list: ReconcileList | 'all',
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  const columns = list === 'all' ? ALL_COLUMNS : LIST_COLUMNS[list];
  const lists = list === 'all' ? RECONCILE_LISTS : [list];
  function* records(): Generator<string[]> {
    for (const name of lists)
      for (const row of rowsOf(result, name)) {
        const cells: Partial<Record<Column, string>> = { ...cellsOf(row), list: name };
        yield columns.map((column) => neutraliseFormula(cells[column] ?? ''));
      }
  }
  return csvChunks(columns, records(), options);
}

/** The marker and version of the JSON file, so a reader can tell it from other JSON. */
export const RECONCILE_JSON_FORMAT = 'wandb-admin-toolkit/idp-reconciliation';
export const RECONCILE_JSON_VERSION = 1;

/** What the JSON file says about where the lists come from. */
export interface ReconcileFileContext {
  org: string;
  host: string;
  /** The export's file name, or `pasted text`. */
  source: string;
  format: string;
  exportedAt: Date;
}

/**
 * One list or all three as JSON, in chunks (about 1,000 rows each): what was reconciled with what,
 * the counts, the links used, then the lists.
 */
export function* reconcileJsonChunks(
  result: ReconcileResult,
  list: ReconcileList | 'all',
  context: ReconcileFileContext,
): Generator<string, void, undefined> {
  const head = {
    format: RECONCILE_JSON_FORMAT,
    version: RECONCILE_JSON_VERSION,
    org: context.org,
    host: context.host,
    exportedAt: context.exportedAt.toISOString(),
    source: { file: context.source, format: context.format },
    allowedDomains: result.allowedDomains,
    counts: result.counts,
    links: result.links.map((use) => ({ ...use.link, state: use.state })),
  };
  const opening = JSON.stringify(head, null, 2);
  yield `${opening.slice(0, -2)},\n`;
  const lists = list === 'all' ? RECONCILE_LISTS : [list];
  for (const [index, name] of lists.entries()) {
    const key =
      name === 'suspended-with-seat' ? 'suspendedWithSeat' : name === 'not-members' ? 'notMembers' : name;
    const rows = rowsOf(result, name);
    yield `  "${key}": [`;
    for (let start = 0; start < rows.length; start += 1000)
      yield rows
        .slice(start, start + 1000)
        .map((row, at) => `${start + at === 0 ? '' : ','}\n    ${JSON.stringify(row)}`)
        .join('');
    yield `${rows.length === 0 ? '' : '\n  '}]${index === lists.length - 1 ? '' : ','}\n`;
  }
  yield '}\n';
}

/** `wandb-<org>-idp-<list>-<YYYY-MM-DD>.<csv|json>` (`idp-reconciliation` for every list). */
export function reconcileFileName(
  org: string,
  list: ReconcileList | 'all',
  format: 'csv' | 'json',
  date: Date,
): string {
  const part = list === 'all' ? 'reconciliation' : list;
  return `wandb-${fileNamePart(org)}-idp-${part}-${localDateStamp(date)}.${format}`;
}
