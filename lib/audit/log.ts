/**
 * The local audit log: every change the extension makes in W&B (who, what, when, where, result),
 * kept on this device because W&B's own audit logs are a paid feature. Pure helpers; the storage
 * item is in `./storage`, the one writer in `./writer`.
 */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';

/** What was done, each written somewhere (tests/unit/meta/audit-actions.test.ts); new tools add theirs. */
export const AUDIT_ACTIONS = [
  'invite',
  'cancel-invite',
  'remove-from-team',
  'remove-from-org',
  'deactivate',
  'change-role',
  'offboarding-step',
  'admin-key',
  'access-expiry',
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
  /** The W&B host the change was made on (`wandb.ai`, `acme.wandb.io`); null in entries written before hosts were recorded. */
  host: string | null;
  org: string;
  result: 'ok' | 'error';
  /** What W&B answered (invite id, or the error message). */
  detail: string;
}

/** An entry as a case or job describes it; the writer adds who, where and when. */
export type AuditDraft = Omit<AuditEntry, 'actor' | 'org' | 'at' | 'host'>;

/** What the cap has dropped so far: how many entries, and the oldest entry kept after the last drop. */
export interface AuditDropped {
  count: number;
  /** `at` of the oldest entry left after the last drop: the log starts there. */
  oldestKeptAt: string;
}

/** The stored log: entries oldest first, and what the size cap dropped (null while nothing was). */
export interface AuditStore {
  entries: AuditEntry[];
  dropped: AuditDropped | null;
}

export const EMPTY_AUDIT_STORE: AuditStore = { entries: [], dropped: null };

/** Entries kept by default; the oldest go first, counted in `AuditStore.dropped`. */
export const MAX_AUDIT_ENTRIES = 5000;

/** The host an entry records for a W&B app origin (`https://acme.wandb.io` → `acme.wandb.io`). */
export function auditHost(appOrigin: string): string {
  return new URL(appOrigin).host;
}

/**
 * The store with `entries` appended (an entry whose id is already there is replaced, not added
 * twice), sorted oldest first, trimmed to the newest `max`; what the trim drops is added to
 * `dropped`, which then names the oldest entry kept. Nothing leaves the log uncounted.
 */
export function appendAuditEntries(
  store: AuditStore,
  entries: readonly AuditEntry[],
  max: number = MAX_AUDIT_ENTRIES,
): AuditStore {
  const byId = new Map<string, AuditEntry>();
  for (const entry of store.entries) byId.set(entry.id, entry);
  for (const entry of entries) byId.set(entry.id, entry);
  const all = [...byId.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const cut = Math.max(0, all.length - Math.max(0, max));
  if (cut === 0) return { entries: all, dropped: store.dropped };
  const kept = all.slice(cut);
  return {
    entries: kept,
    dropped: {
      count: (store.dropped?.count ?? 0) + cut,
      oldestKeptAt: kept[0]?.at ?? all[all.length - 1]?.at ?? '',
    },
  };
}

/**
 * Version 1 of the stored log was the array of entries, without hosts; version 2 is `AuditStore`
 * with `host: null` on the old entries (their host was not recorded). A value already of version 2
 * (a log cleared and written again under an old version mark) is returned as it is; anything else
 * is returned unchanged for the reader's schema to set aside.
 */
export function migrateAuditLogV1(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return {
    entries: value.map((entry: unknown) =>
      entry && typeof entry === 'object' && !('host' in entry) ? { ...entry, host: null } : entry,
    ),
    dropped: null,
  };
}

/** The audit CSV header. */
export const AUDIT_CSV_HEADER = [
  'at',
  'actor',
  'action',
  'host',
  'org',
  'target',
  'result',
  'detail',
] as const;

/** The log as CSV chunks, every cell neutralised against formula injection. */
export function auditCsvChunks(
  log: Iterable<AuditEntry>,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const entry of log)
      yield [
        entry.at,
        entry.actor,
        entry.action,
        entry.host ?? '',
        entry.org,
        entry.target,
        entry.result,
        entry.detail,
      ].map(neutraliseFormula);
  }
  return csvChunks(AUDIT_CSV_HEADER, records(), options);
}
