/**
 * W&B's audit logs as the toolkit reads them (API.md §4): at most 7 days a request, so a span of
 * N days is read as consecutive windows of 7 days, newest first, each paged with W&B's cursor.
 * This module is pure and shared: the background reads one window with the admin key
 * (./audit-logs.ts, lib/background/admin-key/audit-logs.ts); the toolkit frame walks the windows
 * with `readAuditLogs`, one message per window, so it can show progress and stop at the first refusal.
 */

const DAY_MS = 86_400_000;

/** Days one request covers: `numDays` 6 is the start day and the 6 after it (API.md allows 0..7). */
export const AUDIT_WINDOW_DAYS = 7;
/** The longest span read: 53 windows. */
export const MAX_AUDIT_DAYS = 366;

/** One request's days: `startDate` through `endDate`, both included (UTC calendar days). */
export interface AuditWindow {
  startDate: string;
  /** 0..6: the days after `startDate` (the window is `numDays + 1` days long). */
  numDays: number;
  endDate: string;
}

/** An entry of W&B's audit log as the toolkit keeps it: the four fields API.md names, and the rest as text. */
export interface WandbAuditEntry {
  /** ISO 8601, as W&B sent it. */
  timestamp: string;
  action: string;
  actorEmail: string | null;
  actorUserId: string | null;
  /** Fields W&B sent beyond those four, `key=value; …` (values as JSON), cut at 500 characters; '' when none. */
  other: string;
}

/** The newest entry of one actor: their last auditable action in what was read. */
export interface ActorActivity {
  /** Lower case; null when W&B left the email out (anonymised). */
  email: string | null;
  userId: string | null;
  at: string;
  action: string;
}

/** What one window's read gave: the range W&B says it covered, and its pages. */
export interface AuditWindowMeta {
  window: AuditWindow;
  rangeStart: string;
  rangeEnd: string;
  pages: number;
  /** Entries W&B listed in the window. */
  count: number;
}

/** One window as read: its meta and every entry. */
export type AuditWindowRead = AuditWindowMeta & { entries: WandbAuditEntry[] };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Midnight UTC of `date`'s UTC day. */
function utcMidnight(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/**
 * The windows that cover today and the `days` days before it (UTC), newest first: 90 days on
 * 2026-12-04 is 2026-09-05 – 2026-12-04, 91 days, 13 windows of 7. `days` is clamped to 0..366.
 */
export function auditWindows(days: number, now: Date): AuditWindow[] {
  const span = Math.min(MAX_AUDIT_DAYS, Math.max(0, Math.floor(Number.isFinite(days) ? days : 0)));
  const today = utcMidnight(now);
  const from = today - span * DAY_MS;
  const windows: AuditWindow[] = [];
  for (let end = today; end >= from; end -= AUDIT_WINDOW_DAYS * DAY_MS) {
    const start = Math.max(from, end - (AUDIT_WINDOW_DAYS - 1) * DAY_MS);
    windows.push({ startDate: day(start), numDays: Math.round((end - start) / DAY_MS), endDate: day(end) });
  }
  return windows;
}

/**
 * Reads `windows` one after the other with `readWindow`, newest first, calling `onProgress` after
 * each; stops at the first failure (it is thrown as is: the caller shows W&B's words) or when
 * `signal` aborts. Resolves with each window's result in order.
 */
export async function readAuditLogs<T>(options: {
  windows: readonly AuditWindow[];
  readWindow(window: AuditWindow, signal?: AbortSignal): Promise<T>;
  onProgress?(progress: { done: number; total: number; window: AuditWindow }): void;
  signal?: AbortSignal;
}): Promise<T[]> {
  const { windows, readWindow, onProgress, signal } = options;
  const results: T[] = [];
  for (const window of windows) {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    results.push(await readWindow(window, signal));
    onProgress?.({ done: results.length, total: windows.length, window });
  }
  return results;
}

const identity = (a: Pick<ActorActivity, 'email' | 'userId'>) =>
  a.email ? `email:${a.email}` : a.userId ? `id:${a.userId}` : null;

/** Each actor's newest entry among `entries` (actors named by neither email nor id are left out). */
export function latestByActor(entries: readonly WandbAuditEntry[]): ActorActivity[] {
  return mergeLatest([
    entries.map((e) => ({
      email: e.actorEmail ? e.actorEmail.trim().toLowerCase() : null,
      userId: e.actorUserId,
      at: e.timestamp,
      action: e.action,
    })),
  ]);
}

/** One list of newest entries from several (a timestamp that is no date never wins). */
export function mergeLatest(lists: readonly (readonly ActorActivity[])[]): ActorActivity[] {
  const latest = new Map<string, { activity: ActorActivity; ms: number }>();
  for (const list of lists)
    for (const activity of list) {
      const key = identity(activity);
      const ms = Date.parse(activity.at);
      if (key === null || Number.isNaN(ms)) continue;
      const known = latest.get(key);
      if (!known || ms > known.ms) latest.set(key, { activity, ms });
    }
  return [...latest.values()].map((v) => v.activity);
}

/**
 * What was read, for the admin: "W&B audit logs, 2026-09-05 – 2026-12-04, 13 windows" from the
 * ranges W&B answered with (the days asked when a range is no date).
 */
export function describeAuditRead(metas: readonly AuditWindowMeta[]): string {
  if (metas.length === 0) return 'W&B audit logs, nothing read';
  const starts = metas.map((m) => Date.parse(m.rangeStart));
  const ends = metas.map((m) => Date.parse(m.rangeEnd));
  const askedStarts = metas.map((m) => m.window.startDate).sort();
  const askedEnds = metas.map((m) => m.window.endDate).sort();
  const first = starts.every(Number.isFinite) ? day(Math.min(...starts)) : askedStarts[0];
  // W&B's range ends at the midnight after the last day (exclusive); the last day is shown.
  const last = ends.every(Number.isFinite) ? day(Math.max(...ends) - 1) : askedEnds.at(-1);
  const windows = metas.length === 1 ? '1 window' : `${metas.length} windows`;
  return `W&B audit logs, ${first} – ${last}, ${windows}`;
}

/**
 * Whether W&B's ranges cover every day asked for: a server that reads `numDays` differently
 * (fewer days than asked) would leave days unread, and the dialog says so. A range may end at the
 * midnight after its last day or a second before it; one that ends at about `now` covers today.
 */
export function coversAskedDays(metas: readonly AuditWindowMeta[], now: Date): boolean {
  return metas.every((m) => {
    const start = Date.parse(m.rangeStart);
    const end = Date.parse(m.rangeEnd);
    if (!Number.isFinite(start) || !Number.isFinite(end)) return false;
    const lastDayEnds = Date.parse(`${m.window.endDate}T00:00:00Z`) + DAY_MS;
    const needed = Math.min(lastDayEnds - 1000, now.getTime() - 3_600_000);
    return start <= Date.parse(`${m.window.startDate}T00:00:00Z`) && end >= needed;
  });
}
