/**
 * The local audit log: every change the extension makes in W&B (who, what, when, result), kept
 * on this device because W&B's own audit logs are a paid feature. Pure helpers; the storage item
 * is in `./storage`.
 */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';

/** What was done, each written somewhere (tests/unit/meta/audit-actions.test.ts); new tools add theirs. */
export const AUDIT_ACTIONS = [
  'invite',
  'remove-from-team',
  'remove-from-org',
  'deactivate',
  'change-role',
  'offboarding-step',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Unique (e.g. `<job id>:<unit key>`), so recording the same change twice keeps one entry. */
  id: string;
  /** ISO 8601 UTC. */
  at: string;
  /** The W&B username of the admin whose session made the change. */
  actor: string;
  action: AuditAction;
  /** Whom or what it changed, e.g. `ann@x.io → vision`. */
  target: string;
  org: string;
  result: 'ok' | 'error';
  /** What W&B answered (invite id, or the error message). */
  detail: string;
}

/** Entries kept by default; the oldest go first. */
export const MAX_AUDIT_ENTRIES = 5000;

/**
 * The log with `entries` appended (an entry whose id is already there is replaced, not added
 * twice), sorted oldest first, trimmed to the newest `max`.
 */
export function appendAuditEntries(
  log: readonly AuditEntry[],
  entries: readonly AuditEntry[],
  max: number = MAX_AUDIT_ENTRIES,
): AuditEntry[] {
  const byId = new Map<string, AuditEntry>();
  for (const entry of log) byId.set(entry.id, entry);
  for (const entry of entries) byId.set(entry.id, entry);
  const all = [...byId.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return all.slice(Math.max(0, all.length - Math.max(0, max)));
}

/** The audit CSV header. */
export const AUDIT_CSV_HEADER = ['at', 'actor', 'action', 'org', 'target', 'result', 'detail'] as const;

/** The log as CSV chunks, every cell neutralised against formula injection. */
export function auditCsvChunks(
  log: Iterable<AuditEntry>,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const entry of log)
      yield [entry.at, entry.actor, entry.action, entry.org, entry.target, entry.result, entry.detail].map(
        neutraliseFormula,
      );
  }
  return csvChunks(AUDIT_CSV_HEADER, records(), options);
}
