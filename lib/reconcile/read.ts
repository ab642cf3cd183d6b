/**
 * An identity provider's user export, read with bulk invite's parser and column mapping
 * (lib/invite/parse.ts, columns.ts, idp-status.ts) into people: one per normalised address, active
 * unless its status column says suspended, deprovisioned or disabled. A row whose address cannot
 * be read gets exactly the message bulk invite's dry run gives it, with its line. Pure.
 */
import { type ColumnMapping, fieldOfHeader, headerKey } from '../invite/columns';
import { emailKey, normaliseEmail } from '../invite/email';
import { idpInactiveWord } from '../invite/idp-status';
import type { ParsedInviteInput } from '../invite/parse';
import type { IdpPerson, RowProblem } from './types';

/** Exports this reader recognises by their columns; `csv` is any other table. */
export type IdpFormat = 'okta' | 'entra' | 'google' | 'csv' | 'address-list';

export const IDP_FORMAT_LABELS: Record<IdpFormat, string> = {
  okta: 'Okta',
  entra: 'Entra ID',
  google: 'Google Workspace',
  csv: 'CSV (no identity provider recognised from its columns)',
  'address-list': 'List of addresses',
};

/** Okta's user statuses that no other provider uses (its `Status` column). */
const OKTA_ONLY_STATUSES = new Set([
  'staged',
  'provisioned',
  'deprovisioned',
  'lockedout',
  'passwordexpired',
  'recovery',
]);

/**
 * Which provider's export this is, from its header: Google Workspace's bracketed notes
 * (`Email Address [Required]`, `Status [READ ONLY]`), Entra ID's `userPrincipalName` or
 * `accountEnabled`, Okta's `login` attribute or an Okta-only status word (`STAGED`, `DEPROVISIONED`…).
 */
export function detectIdpFormat(
  parsed: Pick<ParsedInviteInput, 'kind' | 'hasHeader' | 'headers'>,
  statusValues: Iterable<string> = [],
): IdpFormat {
  if (parsed.kind === 'address-list') return 'address-list';
  if (!parsed.hasHeader) return 'csv';
  if (parsed.headers.some((header) => /\[(required|read only|upload only)\]/i.test(header))) return 'google';
  const keys = new Set(parsed.headers.map(headerKey));
  if (keys.has('userprincipalname') || keys.has('accountenabled')) return 'entra';
  if (keys.has('login')) return 'okta';
  for (const value of statusValues)
    if (OKTA_ONLY_STATUSES.has(value.toLowerCase().replace(/[\s_-]+/g, ''))) return 'okta';
  return 'csv';
}

/**
 * Another column that holds an address (Entra ID's `userPrincipalName` beside `mail`, Okta's
 * `login` beside `email`): read when the mapped email cell is empty. Null when there is none.
 */
export function alternateEmailColumn(headers: readonly string[], mapping: ColumnMapping): number | null {
  let best: { index: number; rank: number } | null = null;
  headers.forEach((header, index) => {
    if (index === mapping.email) return;
    const match = fieldOfHeader(header);
    if (match?.field === 'email' && (best === null || match.rank < best.rank))
      best = { index, rank: match.rank };
  });
  return (best as { index: number } | null)?.index ?? null;
}

export interface IdpRead {
  people: IdpPerson[];
  problems: RowProblem[];
  /** Data rows read (header excluded). */
  rows: number;
  active: number;
  inactive: number;
  /** Rows whose address was already on an earlier line (read as the same person). */
  duplicates: number;
  /** The status column's header, or null when there is none. */
  statusColumn: string | null;
  /** Each status value as written, with how many rows hold it and whether it reads as inactive; most frequent first, at most 20. */
  statusValues: { value: string; rows: number; inactive: boolean }[];
  /** The column read when the email cell is empty, or null. */
  alternateColumn: string | null;
}

function cellOf(cells: readonly string[], index: number | null): string {
  return index === null ? '' : (cells[index] ?? '').trim();
}

/**
 * The export's people under `mapping` (which must name an email column). A person is active when
 * any of its lines is (an address on two lines, one suspended, is still an account that can sign
 * in); names come from the name column or first + last name, as bulk invite reads them.
 */
export function readIdpPeople(
  parsed: Pick<ParsedInviteInput, 'records' | 'headers'>,
  mapping: ColumnMapping,
): IdpRead {
  const alternate = mapping.email === null ? null : alternateEmailColumn(parsed.headers, mapping);
  const byKey = new Map<string, IdpPerson>();
  const problems: RowProblem[] = [];
  const statusCounts = new Map<string, number>();
  let duplicates = 0;
  let active = 0;
  let inactive = 0;
  for (const record of parsed.records) {
    if (record.problem) {
      problems.push({ line: record.line, asRead: (record.cells[0] ?? '').trim(), message: record.problem });
      continue;
    }
    const primary = cellOf(record.cells, mapping.email);
    const raw = primary === '' && alternate !== null ? cellOf(record.cells, alternate) : primary;
    const checked = normaliseEmail(raw);
    if (!checked.ok) {
      problems.push({ line: record.line, asRead: raw, message: `Bad email: ${checked.problem}.` });
      continue;
    }
    const status = cellOf(record.cells, mapping.idpStatus);
    if (mapping.idpStatus !== null) statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
    const isActive = idpInactiveWord(status) === null;
    if (isActive) active++;
    else inactive++;
    const key = emailKey(checked.email);
    const earlier = byKey.get(key);
    if (earlier) {
      duplicates++;
      if (isActive && !earlier.active) byKey.set(key, { ...earlier, active: true, status });
      continue;
    }
    const full = cellOf(record.cells, mapping.name);
    const name =
      full !== ''
        ? full
        : [cellOf(record.cells, mapping.firstName), cellOf(record.cells, mapping.lastName)]
            .filter(Boolean)
            .join(' ');
    byKey.set(key, { key, email: checked.email, name, active: isActive, status, line: record.line });
  }
  return {
    people: [...byKey.values()],
    problems,
    rows: parsed.records.length,
    active,
    inactive,
    duplicates,
    statusColumn: mapping.idpStatus === null ? null : (parsed.headers[mapping.idpStatus] ?? null),
    statusValues: [...statusCounts]
      .map(([value, rows]) => ({ value, rows, inactive: idpInactiveWord(value) !== null }))
      .sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value))
      .slice(0, 20),
    alternateColumn: alternate === null ? null : (parsed.headers[alternate] ?? null),
  };
}
