/**
 * What the Audit log dialog shows and saves: its filters (pure, so 5,000 entries filter in one
 * pass), the files' names and the JSON document. The CSV is `auditCsvChunks` (./log.ts).
 */
import { fileNamePart, localDateStamp } from '../csv/file-name';
import type { AuditAction, AuditDropped, AuditEntry } from './log';

/** Each action as the dialog names it (a new action without a label is a type error). */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  invite: 'Invite',
  'cancel-invite': 'Cancel invite',
  'remove-from-team': 'Remove from team',
  'remove-from-org': 'Remove from organization',
  deactivate: 'Deactivate',
  'change-role': 'Change role',
  'offboarding-step': 'Offboarding step',
  'admin-key': 'Admin key',
  'access-expiry': 'Access expiry date',
};

/** The dialog's filters; empty strings mean "any". */
export interface AuditFilter {
  /** `here`: the organization of the page the dialog was opened on; `all`: every org and host. */
  scope: 'here' | 'all';
  action: AuditAction | '';
  result: AuditEntry['result'] | '';
  /** Matched, case- and accent-blind, against whom or what was changed and who changed it. */
  member: string;
  /** `YYYY-MM-DD` on the admin's own calendar, inclusive. */
  from: string;
  to: string;
}

export const NO_AUDIT_FILTER: AuditFilter = {
  scope: 'here',
  action: '',
  result: '',
  member: '',
  from: '',
  to: '',
};

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/**
 * Whether an entry belongs to the page's organization: the same org on the same host. An entry
 * written before hosts were recorded counts for its org on any host. An admin-key entry names every
 * org of the key's owner (`acme, beta`), and counts for each.
 */
export function inPageOrg(entry: AuditEntry, page: { org: string; host: string }): boolean {
  if (entry.host !== null && entry.host !== page.host) return false;
  return entry.org === page.org || entry.org.split(', ').includes(page.org);
}

/** The entries that pass `filter`, newest first (the log is kept oldest first). */
export function filterAuditEntries(
  entries: readonly AuditEntry[],
  filter: AuditFilter,
  page: { org: string; host: string },
): AuditEntry[] {
  const member = fold(filter.member.trim());
  const shown: AuditEntry[] = [];
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index] as AuditEntry;
    if (filter.scope === 'here' && !inPageOrg(entry, page)) continue;
    if (filter.action && entry.action !== filter.action) continue;
    if (filter.result && entry.result !== filter.result) continue;
    if (filter.from || filter.to) {
      const day = localDateStamp(new Date(entry.at));
      if ((filter.from && day < filter.from) || (filter.to && day > filter.to)) continue;
    }
    if (member && !fold(entry.target).includes(member) && !fold(entry.actor).includes(member)) continue;
    shown.push(entry);
  }
  return shown;
}

/** `YYYY-MM-DD HH:MM:SS` on the admin's own clock; the text as stored when it is no date. */
export function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  return `${localDateStamp(date)} ${time}`;
}

/**
 * What the dialog says when the size cap has dropped entries, so none vanish silently:
 * "1,204 older entries were dropped (the log keeps the newest 5,000); it starts on 2026-03-02".
 */
export function droppedNotice(dropped: AuditDropped, max: number): string {
  const count = dropped.count.toLocaleString('en-US');
  const were = dropped.count === 1 ? 'entry was' : 'entries were';
  const start = Number.isNaN(Date.parse(dropped.oldestKeptAt))
    ? dropped.oldestKeptAt
    : localDateStamp(new Date(dropped.oldestKeptAt));
  return `${count} older ${were} dropped (the log keeps the newest ${max.toLocaleString('en-US')}); it starts on ${start}.`;
}

/** `wandb-<org>-audit-log-<YYYY-MM-DD>.csv`, or `wandb-all-orgs-audit-log-…` for every org and host. */
export function auditFileName(org: string | null, date: Date, format: 'csv' | 'json'): string {
  return `wandb-${org === null ? 'all-orgs' : fileNamePart(org)}-audit-log-${localDateStamp(date)}.${format}`;
}

/** The marker and version of the JSON file, so a reader can tell it from other JSON. */
export const AUDIT_JSON_FORMAT = 'wandb-admin-toolkit/audit-log';
export const AUDIT_JSON_VERSION = 1;

/**
 * The JSON file: what it covers (org and host, or all; the filters), what the cap had dropped, and
 * the entries as shown. Cells are not neutralised, as in the member export (lib/export/serialise.ts):
 * JSON is read as data by scripts and importers, never by a spreadsheet's cell parser, and a `'`
 * added there would change the values; `JSON.stringify` escapes every character that could break
 * out of a string. The CSV, which a spreadsheet opens, is neutralised.
 */
export function auditJson(
  entries: readonly AuditEntry[],
  meta: {
    scope: { org: string; host: string } | 'all';
    filter: AuditFilter;
    dropped: AuditDropped | null;
    exportedAt: Date;
  },
): string {
  const { scope: _scope, ...filters } = meta.filter;
  const document = {
    format: AUDIT_JSON_FORMAT,
    version: AUDIT_JSON_VERSION,
    exportedAt: `${meta.exportedAt.toISOString().slice(0, 19)}Z`,
    scope: meta.scope,
    filters,
    dropped: meta.dropped,
    entries: entries.map(({ at, actor, action, host, org, target, result, detail, id }) => ({
      at,
      actor,
      action,
      host,
      org,
      target,
      result,
      detail,
      id,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
