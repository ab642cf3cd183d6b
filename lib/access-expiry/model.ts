/**
 * Time-bound access: a last day of access on a member (a contractor, an intern), kept per W&B host
 * and organization. Pure: the dates, their checks and the list's order, shared by the dialog (which
 * checks as the admin types) and the background (which checks again with its own clock, stores the
 * date and watches it pass).
 *
 * The date is the member's **last day of access**: it passes at midnight at the end of that day in
 * this browser's time zone, fixed as an instant (`expiresAt`) when the admin sets it.
 */

import { localDateStamp } from '../csv/file-name';

/** One member's access date, as stored (`local:accessExpiries`, ./storage.ts). */
export interface AccessExpiry {
  /** The W&B app origin (`https://wandb.ai`, an added host). */
  appOrigin: string;
  org: string;
  username: string;
  /** The member's name and email as the directory showed them when the date was set (for the lists). */
  name: string;
  email: string | null;
  /** The last day of access, `YYYY-MM-DD`. */
  lastDay: string;
  /** When access counts as expired: midnight after `lastDay`, in the time zone it was set in (ISO 8601). */
  expiresAt: string;
  /** Why, e.g. "contract ends"; may be empty. */
  note: string;
  /** The admin who set it, and when (ISO 8601). */
  setBy: string;
  setAt: string;
  /** When the toolkit saw the date pass (ISO 8601); null while it has not. */
  expiredAt: string | null;
}

/** The bar's figure: how many of an org's members have passed their date, and when the next one does. */
export interface ExpiredCount {
  expired: number;
  /** The next date of this org to pass (ms since the epoch); null when none is waiting. */
  nextAt: number | null;
}

/** Where an expiry belongs: one member of one organization on one host. */
export interface ExpiryPlace {
  appOrigin: string;
  org: string;
}

/** The key of a member's expiry in storage: host, org and username (none of which holds a `|`). */
export function expiryId(place: ExpiryPlace, username: string): string {
  return `${place.appOrigin}|${place.org}|${username}`;
}

export const NOTE_MAX = 200;
/** A date further ahead than this is refused as a likely typo of the year. */
export const MAX_YEARS_AHEAD = 10;
const FIELD = 'Last day of access';

export type LastDayCheck = { ok: true; lastDay: string; expiresAt: number } | { ok: false; message: string };

/** `YYYY-MM-DD` of a moment, in this browser's time zone. */
export function localDay(at: number): string {
  return localDateStamp(new Date(at));
}

/** Midnight at the end of `YYYY-MM-DD` in this browser's time zone (ms), or null for a day that does not exist. */
export function endOfDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  // 2027-02-30 would roll over to March: a day that does not exist is not a date.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return new Date(year, month - 1, date + 1).getTime();
}

/**
 * Checks a last day of access typed by the admin against `now`: a real `YYYY-MM-DD` date, today or
 * later, and not more than MAX_YEARS_AHEAD years ahead. Each refusal names the field and the value.
 */
export function checkLastDay(text: string, now: number): LastDayCheck {
  const day = text.trim();
  if (day === '') return { ok: false, message: `${FIELD}: enter a date.` };
  const expiresAt = endOfDay(day);
  if (expiresAt === null)
    return { ok: false, message: `${FIELD}: “${day.slice(0, 40)}” is not a date (YYYY-MM-DD).` };
  if (expiresAt <= now)
    return {
      ok: false,
      message: `${FIELD}: ${day} is in the past (today is ${localDay(now)}); choose today or a later day.`,
    };
  const limit = new Date(now);
  limit.setFullYear(limit.getFullYear() + MAX_YEARS_AHEAD);
  if (expiresAt > limit.getTime())
    return {
      ok: false,
      message: `${FIELD}: ${day} is more than ${MAX_YEARS_AHEAD} years ahead; check the year.`,
    };
  return { ok: true, lastDay: day, expiresAt };
}

/** Checks the optional note; null when it is fine. */
export function checkNote(note: string): string | null {
  return note.length > NOTE_MAX
    ? `Note: at most ${NOTE_MAX} characters (this one has ${note.length}).`
    : null;
}

/** Whether an expiry has passed at `now` (the background marks it with `expiredAt` when it sees that). */
export function hasPassed(expiry: Pick<AccessExpiry, 'expiresAt'>, now: number): boolean {
  return Date.parse(expiry.expiresAt) <= now;
}

/** The list's order: expired first (longest expired first), then the soonest to expire; ties by username. */
export function sortExpiries<T extends Pick<AccessExpiry, 'expiresAt' | 'expiredAt' | 'username'>>(
  entries: readonly T[],
): T[] {
  return [...entries].sort(
    (a, b) =>
      Number(b.expiredAt !== null) - Number(a.expiredAt !== null) ||
      a.expiresAt.localeCompare(b.expiresAt) ||
      a.username.localeCompare(b.username),
  );
}

/** The earliest `expiresAt` (ms) of the entries not yet expired; null when none is left to watch. */
export function nextExpiry(entries: Iterable<Pick<AccessExpiry, 'expiresAt' | 'expiredAt'>>): number | null {
  let next: number | null = null;
  for (const entry of entries) {
    if (entry.expiredAt !== null) continue;
    const at = Date.parse(entry.expiresAt);
    if (next === null || at < next) next = at;
  }
  return next;
}
