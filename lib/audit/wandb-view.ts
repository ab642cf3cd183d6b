/**
 * The Audit log's second source: W&B's own audit logs (API.md §4), read with the admin key. What
 * the dialog filters, shows and saves: pure, so thousands of entries filter in one pass. The CSV's
 * cells are neutralised like the member export; the JSON is data (not neutralised, as the member
 * export's JSON: a `'` added there would change the values, and `JSON.stringify` escapes the rest).
 */

import { fileNamePart, localDateStamp } from '../csv/file-name';
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import type { WandbAuditEntry } from '../wandb/audit-windows';

/** The filters of W&B's entries; empty strings mean "any". */
export interface WandbAuditFilter {
  /** One of W&B's action names (`team:invite_user`), as W&B wrote it. */
  action: string;
  /** Matched, case- and accent-blind, against the actor's email and id and the other fields. */
  member: string;
  /** `YYYY-MM-DD` on the admin's own calendar, inclusive. */
  from: string;
  to: string;
}

export const NO_WANDB_FILTER: WandbAuditFilter = { action: '', member: '', from: '', to: '' };

/** The actions W&B names for invites and removals (API.md §4), offered first in the filter. */
export const INVITE_AND_REMOVAL_ACTIONS = ['team:invite_user', 'team:uninvite', 'organization:update_member'];

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The actions present in `entries`, invites and removals first, then the rest alphabetically. */
export function wandbActions(entries: readonly WandbAuditEntry[]): string[] {
  const present = new Set(entries.map((e) => e.action));
  const first = INVITE_AND_REMOVAL_ACTIONS.filter((a) => present.has(a));
  return [...first, ...[...present].filter((a) => !first.includes(a)).sort()];
}

/** The entries that pass `filter`, newest first (a timestamp that is no date sorts last). */
export function filterWandbEntries(
  entries: readonly WandbAuditEntry[],
  filter: WandbAuditFilter,
): WandbAuditEntry[] {
  const member = fold(filter.member.trim());
  const shown = entries.filter((entry) => {
    if (filter.action && entry.action !== filter.action) return false;
    if (filter.from || filter.to) {
      const at = new Date(entry.timestamp);
      if (Number.isNaN(at.getTime())) return false;
      const day = localDateStamp(at);
      if ((filter.from && day < filter.from) || (filter.to && day > filter.to)) return false;
    }
    if (!member) return true;
    return [entry.actorEmail ?? '', entry.actorUserId ?? '', entry.other].some((text) =>
      fold(text).includes(member),
    );
  });
  const time = (entry: WandbAuditEntry) => {
    const ms = Date.parse(entry.timestamp);
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return shown.sort((a, b) => time(b) - time(a));
}

/** `wandb-<org>-wandb-audit-log-<YYYY-MM-DD>.csv|json`. */
export function wandbAuditFileName(org: string, date: Date, format: 'csv' | 'json'): string {
  return `wandb-${fileNamePart(org)}-wandb-audit-log-${localDateStamp(date)}.${format}`;
}

export const WANDB_AUDIT_CSV_HEADER = [
  'timestamp',
  'action',
  'actor_email',
  'actor_user_id',
  'other',
] as const;

/** The entries as CSV chunks, every cell neutralised against formula injection. */
export function wandbAuditCsvChunks(
  entries: Iterable<WandbAuditEntry>,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const e of entries)
      yield [e.timestamp, e.action, e.actorEmail ?? '', e.actorUserId ?? '', e.other].map(neutraliseFormula);
  }
  return csvChunks(WANDB_AUDIT_CSV_HEADER, records(), options);
}

export const WANDB_AUDIT_JSON_FORMAT = 'wandb-admin-toolkit/wandb-audit-log';

/** The JSON file: which org and days were read, the filters, and the entries as shown. */
export function wandbAuditJson(
  entries: readonly WandbAuditEntry[],
  meta: { org: string; host: string; read: string; filter: WandbAuditFilter; exportedAt: Date },
): string {
  const document = {
    format: WANDB_AUDIT_JSON_FORMAT,
    version: 1,
    exportedAt: `${meta.exportedAt.toISOString().slice(0, 19)}Z`,
    org: meta.org,
    host: meta.host,
    read: meta.read,
    filters: meta.filter,
    entries: entries.map((e) => ({
      timestamp: e.timestamp,
      action: e.action,
      actor_email: e.actorEmail,
      actor_user_id: e.actorUserId,
      other: e.other,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
