/**
 * W&B's audit logs API (API.md §4 "Audit logs API", [DOC]): `GET /audit_logs` on the
 * multi-tenant API host and `GET /admin/audit_logs` on a dedicated / self-managed instance, Basic
 * auth `username:API-KEY`, org admins only, a window of at most 7 days paged with a cursor.
 *
 * Where the entries come from: the simulator's own state. A `user:login` entry at each seed
 * member's `lastLoginAt`, a `run:update` entry at each seed run's `heartbeatAt` (by its author),
 * and one entry for each write the simulator performs for someone (`OrgState` records them:
 * createInvite, deleteInvite, removals and org-membership changes). Only actions API.md lists.
 * Everything API.md leaves open is marked `// not documented:` with what was chosen.
 */
import type { KeyAuth } from './auth';

/** The actions the simulator writes; API.md lists them (and more: project:read, artifact:read, user:*_api_key). */
export type SimAuditAction =
  | 'user:login' // [DOC]
  | 'run:update' // [DOC]
  | 'team:invite_user' // [DOC]
  | 'team:uninvite' // [DOC]
  | 'organization:update_member'; // [DOC]

export interface SimAuditEntry {
  /** Recording order, the tie-breaker between entries with the same timestamp. */
  seq: number;
  /** ISO 8601 UTC. */
  timestamp: string;
  action: SimAuditAction;
  actorUserId: string;
  actorEmail: string;
}

/** The org's audit trail: entries derived from the seed plus those recorded for writes. */
export class AuditTrail {
  private readonly entries: SimAuditEntry[] = [];
  private sorted = true;
  private seq = 0;

  record(action: SimAuditAction, actor: { id: string; email: string }, timestamp: string): void {
    const last = this.entries.at(-1);
    if (last && last.timestamp > timestamp) this.sorted = false;
    this.entries.push({ seq: ++this.seq, timestamp, action, actorUserId: actor.id, actorEmail: actor.email });
  }

  /** Every entry, oldest first (ties in recording order). */
  all(): readonly SimAuditEntry[] {
    if (!this.sorted) {
      this.entries.sort((a, b) =>
        a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.seq - b.seq,
      );
      this.sorted = true;
    }
    return this.entries;
  }
}

export type AuditDeployment = 'multi-tenant' | 'dedicated';

/** The path each deployment serves (API.md §4). */
export const AUDIT_LOG_PATHS: Record<AuditDeployment, string> = {
  'multi-tenant': '/audit_logs', // [DOC] GET https://api.wandb.ai/audit_logs
  dedicated: '/admin/audit_logs', // [DOC] https://<inst>.wandb.io/admin/audit_logs
};

const PARAMS: Record<AuditDeployment, readonly string[]> = {
  'multi-tenant': ['startDate', 'numDays', 'limit', 'cursor'], // [DOC]
  dedicated: ['startDate', 'numDays', 'limit', 'cursor', 'endDate', 'anonymize'], // [DOC] "with anonymize, endDate, limit, cursor"
};

// not documented: the page size when `limit` is absent, and the largest `limit` accepted
export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;
// [DOC] numDays=0..7
const MAX_DAYS = 7;
const DAY_MS = 86_400_000;

export interface AuditLogsAnswer {
  status: number;
  contentType: string;
  body: string;
}

// not documented: API.md gives no error shape for this endpoint; errors are plain HTTP statuses
// (400 bad parameters, 401 no or bad key, 403 not an org admin) with a short text/plain reason.
const refuse = (status: number, reason: string): AuditLogsAnswer => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: reason,
});

/** Who may read: a Basic `username:key` of an active org admin (API.md: "org admins only"). */
function authorise(
  auth: KeyAuth | null | 'malformed',
  isOrgAdmin: (owner: NonNullable<KeyAuth['owner']>) => boolean,
): AuditLogsAnswer | null {
  if (auth === null) return refuse(401, 'authentication required: Basic username:API-KEY');
  // [DOC] Auth is Basic `username:API-KEY`; not documented: a Bearer key is refused here
  if (auth === 'malformed' || auth.parsed.scheme !== 'basic') return refuse(401, 'invalid API key');
  if (!auth.key || !auth.owner) return refuse(401, 'invalid API key');
  // not documented: the username must be the key owner's (as the simulator's SCIM asks)
  if (auth.parsed.username !== auth.owner.username) return refuse(401, 'username does not match the API key');
  // [DOC] org admins only
  if (!isOrgAdmin(auth.owner)) return refuse(403, 'only organization admins can read audit logs');
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a `YYYY-MM-DD` day, or null when it is no calendar date. */
function dayStart(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}

function wholeNumber(text: string): number | null {
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

interface Window {
  start: number;
  /** Exclusive: midnight UTC after the last day. */
  end: number;
  anonymize: boolean;
  limit: number;
  offset: number;
}

const cursorFor = (w: Window, offset: number) =>
  Buffer.from(JSON.stringify({ s: w.start, e: w.end, a: w.anonymize, o: offset })).toString('base64url');

function offsetOf(cursor: string, w: Window): number | null {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // not documented: a cursor is only good for the window (and anonymize) it was issued for
    if (c.s !== w.start || c.e !== w.end || c.a !== w.anonymize) return null;
    return typeof c.o === 'number' && Number.isInteger(c.o) && c.o >= 0 ? c.o : null;
  } catch {
    return null;
  }
}

/** The window and page a request asks for, or the 400 that refuses it. */
function parseQuery(deployment: AuditDeployment, query: URLSearchParams): Window | AuditLogsAnswer {
  for (const name of query.keys()) {
    // not documented: unknown (or the other deployment's) parameters are refused rather than ignored
    if (!PARAMS[deployment].includes(name)) return refuse(400, `unknown parameter "${name}"`);
  }
  // not documented: startDate has no default here; it is required (API.md shows it in every URL)
  const startText = query.get('startDate');
  if (startText === null) return refuse(400, 'startDate is required (YYYY-MM-DD)');
  const start = dayStart(startText);
  if (start === null) return refuse(400, 'startDate must be a date YYYY-MM-DD');
  const numDaysText = query.get('numDays');
  const endText = query.get('endDate');
  if (numDaysText !== null && endText !== null) return refuse(400, 'give numDays or endDate, not both');
  let lastDay = start; // not documented: numDays absent means 0, the start day alone
  if (numDaysText !== null) {
    const numDays = wholeNumber(numDaysText);
    // [DOC] numDays=0..7
    if (numDays === null || numDays > MAX_DAYS)
      return refuse(400, 'numDays must be a whole number from 0 to 7');
    // not documented: the window is startDate through startDate + numDays, both days included (UTC)
    lastDay = start + numDays * DAY_MS;
  }
  if (endText !== null) {
    // [DOC] endDate (dedicated); not documented: its day is included, and the 7-day bound holds too
    const end = dayStart(endText);
    if (end === null) return refuse(400, 'endDate must be a date YYYY-MM-DD');
    if (end < start || end - start > MAX_DAYS * DAY_MS)
      return refuse(400, 'endDate must be from startDate to 7 days after it');
    lastDay = end;
  }
  const anonymizeText = query.get('anonymize'); // [DOC] anonymize (dedicated)
  if (anonymizeText !== null && anonymizeText !== 'true' && anonymizeText !== 'false')
    return refuse(400, 'anonymize must be true or false');
  const limitText = query.get('limit'); // [DOC] limit
  const limit = limitText === null ? AUDIT_DEFAULT_LIMIT : wholeNumber(limitText);
  if (limit === null || limit < 1 || limit > AUDIT_MAX_LIMIT)
    return refuse(400, `limit must be a whole number from 1 to ${AUDIT_MAX_LIMIT}`);
  const window: Window = {
    start,
    end: lastDay + DAY_MS,
    anonymize: anonymizeText === 'true',
    limit,
    offset: 0,
  };
  const cursor = query.get('cursor'); // [DOC] cursor
  if (cursor !== null) {
    const offset = offsetOf(cursor, window);
    if (offset === null) return refuse(400, 'invalid cursor');
    window.offset = offset;
  }
  return window;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One GET of the audit-log endpoint: auth, the window rules, then a page of entries oldest first.
 * [DOC] `{audit_logs[], range_start_time, range_end_time, count, next_cursor}`, each entry
 * `{action, actor_email, actor_user_id, timestamp, ...}`.
 */
export function handleAuditLogs(
  trail: AuditTrail,
  request: {
    deployment: AuditDeployment;
    method: string;
    query: URLSearchParams;
    auth: KeyAuth | null | 'malformed';
    isOrgAdmin(owner: NonNullable<KeyAuth['owner']>): boolean;
  },
): AuditLogsAnswer {
  // [DOC] GET
  if (request.method !== 'GET') return refuse(405, 'use GET');
  const refused = authorise(request.auth, request.isOrgAdmin);
  if (refused) return refused;
  const window = parseQuery(request.deployment, request.query);
  if ('status' in window) return window;
  const inWindow = trail.all().filter((e) => {
    const at = Date.parse(e.timestamp);
    return at >= window.start && at < window.end;
  });
  const page = inWindow.slice(window.offset, window.offset + window.limit);
  const next = window.offset + page.length;
  const body = {
    audit_logs: page.map((e) => ({
      timestamp: e.timestamp, // [DOC]
      action: e.action, // [DOC]
      actor_user_id: e.actorUserId, // [DOC]
      // [DOC] anonymize; not documented: anonymizing leaves the email out (the id stays)
      ...(window.anonymize ? {} : { actor_email: e.actorEmail }), // [DOC]
    })),
    // not documented: the range is the days asked for, from midnight UTC, its end exclusive
    range_start_time: iso(window.start), // [DOC]
    range_end_time: iso(window.end), // [DOC]
    // not documented: count is the number of entries in this answer
    count: page.length, // [DOC]
    // not documented: null on the last page
    next_cursor: next < inWindow.length ? cursorFor(window, next) : null, // [DOC]
  };
  return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
