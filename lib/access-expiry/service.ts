/**
 * Time-bound access in the background: the dates kept in storage (./storage.ts), every change
 * written to the audit log before it is answered, one browser alarm for the next date to pass, and
 * the action badge counting the members whose date has passed. The alarm and the badge are rebuilt
 * from storage when the worker starts (`restore`): Chrome may drop alarms on a browser restart, and
 * a badge does not survive one.
 */
import { auditHost } from '../audit/log';
import { appendAudit } from '../audit/writer';
import { BadRequest } from '../background/bad-request';
import { settled } from '../report';
import {
  type AccessExpiry,
  checkLastDay,
  checkNote,
  type ExpiredCount,
  type ExpiryPlace,
  expiryId,
  hasPassed,
  nextExpiry,
  sortExpiries,
} from './model';
import { readAccessExpiries, writeAccessExpiries } from './storage';

/** The one alarm: it fires when the next date passes, and is moved after every change. */
export const ACCESS_EXPIRY_ALARM = 'access-expiry';

export interface AccessExpiryDeps {
  alarms: {
    create(name: string, when: number): Promise<void>;
    clear(name: string): Promise<void>;
  };
  /** Shows (count > 0) or clears this tool's part of the action badge. */
  setBadge(count: number, title: string): Promise<void>;
  now(): number;
}

/** What the dialog sends to set a date (checked again here with the background's clock). */
export interface ExpiryInput {
  username: string;
  name: string;
  email: string | null;
  lastDay: string;
  note: string;
}

type Store = Record<string, AccessExpiry>;

const whereText = (e: AccessExpiry) => `${e.org} on ${new URL(e.appOrigin).host}`;

function badgeTitle(expired: readonly AccessExpiry[]): string {
  if (expired.length === 0) return '';
  const names = expired.slice(0, 5).map((e) => `${e.username} (${whereText(e)})`);
  const more = expired.length > 5 ? ` and ${expired.length - 5} more` : '';
  return `Access expired: ${names.join(', ')}${more} — click to offboard`;
}

export function createAccessExpiry(deps: AccessExpiryDeps) {
  let queue: Promise<unknown> = Promise.resolve();
  /** Read-change-write of the one item, one at a time. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task);
    queue = settled(next);
    return next;
  };
  const iso = () => new Date(deps.now()).toISOString();

  /** Keeps the alarm on the next date to pass (none when none is left) and the badge on the expired count. */
  async function follow(all: Store): Promise<void> {
    const next = nextExpiry(Object.values(all));
    if (next === null) await deps.alarms.clear(ACCESS_EXPIRY_ALARM);
    else await deps.alarms.create(ACCESS_EXPIRY_ALARM, next);
    const expired = sortExpiries(Object.values(all).filter((e) => e.expiredAt !== null));
    await deps.setBadge(expired.length, badgeTitle(expired));
  }

  /** Marks every date that has passed (stored), then brings the alarm and badge in step. */
  async function sweepNow(): Promise<Store> {
    const all = await readAccessExpiries();
    const now = deps.now();
    let changed = false;
    for (const [id, entry] of Object.entries(all)) {
      if (entry.expiredAt !== null || !hasPassed(entry, now)) continue;
      all[id] = { ...entry, expiredAt: iso() };
      changed = true;
    }
    if (changed) await writeAccessExpiries(all);
    await follow(all);
    return all;
  }
  const sweep = () => exclusive(sweepNow);

  const ofPlace = (all: Store, place: ExpiryPlace) =>
    sortExpiries(Object.values(all).filter((e) => e.appOrigin === place.appOrigin && e.org === place.org));

  /** Writes `all`, then its audit entry; a failed write is audited as failed and rethrown. */
  async function saveAudited(
    all: Store,
    place: ExpiryPlace,
    actor: string,
    username: string,
    detail: string,
  ) {
    const entry = {
      id: `access-expiry:${crypto.randomUUID()}`,
      at: iso(),
      actor,
      action: 'access-expiry' as const,
      target: username,
      host: auditHost(place.appOrigin),
      org: place.org,
    };
    try {
      await writeAccessExpiries(all);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await appendAudit([{ ...entry, result: 'error', detail: `not saved (${reason}): ${detail}` }]);
      throw error;
    }
    await appendAudit([{ ...entry, result: 'ok', detail }]);
  }

  async function setNow(place: ExpiryPlace, actor: string, input: ExpiryInput): Promise<AccessExpiry[]> {
    const checked = checkLastDay(input.lastDay, deps.now());
    if (!checked.ok) throw new BadRequest(checked.message);
    const noteProblem = checkNote(input.note);
    if (noteProblem) throw new BadRequest(noteProblem);
    const all = await readAccessExpiries();
    const id = expiryId(place, input.username);
    const before = all[id];
    const note = input.note.trim();
    if (before && before.lastDay === checked.lastDay && before.note === note) return ofPlace(all, place);
    all[id] = {
      ...place,
      username: input.username,
      name: input.name,
      email: input.email,
      lastDay: checked.lastDay,
      expiresAt: new Date(checked.expiresAt).toISOString(),
      note,
      setBy: actor,
      setAt: iso(),
      expiredAt: null,
    };
    const why = note ? ` (${note})` : '';
    const detail = before
      ? `last day of access changed from ${before.lastDay} to ${checked.lastDay}${why}`
      : `last day of access set: ${checked.lastDay}${why}`;
    await saveAudited(all, place, actor, input.username, detail);
    await follow(all);
    return ofPlace(all, place);
  }

  async function removeNow(place: ExpiryPlace, actor: string, username: string): Promise<AccessExpiry[]> {
    const all = await readAccessExpiries();
    const before = all[expiryId(place, username)];
    if (!before) throw new BadRequest(`No last day of access is set for ${username} in ${place.org}.`);
    delete all[expiryId(place, username)];
    await saveAudited(all, place, actor, username, `last day of access removed (was ${before.lastDay})`);
    await follow(all);
    return ofPlace(all, place);
  }

  return {
    /** This org's dates, expired first, then the soonest. */
    list: async (place: ExpiryPlace) => ofPlace(await sweep(), place),

    /** Sets or changes a member's last day of access (audited); answers the org's dates. */
    set: (place: ExpiryPlace, actor: string, input: ExpiryInput) =>
      exclusive(() => setNow(place, actor, input)),

    /** Removes a member's date (audited); answers the org's dates. */
    remove: (place: ExpiryPlace, actor: string, username: string) =>
      exclusive(() => removeNow(place, actor, username)),

    /** How many of this org's dates have passed, and when the next one will. */
    async expiredCount(place: ExpiryPlace): Promise<ExpiredCount> {
      const entries = ofPlace(await sweep(), place);
      return { expired: entries.filter((e) => e.expiredAt !== null).length, nextAt: nextExpiry(entries) };
    },

    /** Every expired date, of every host and org (the action's popup lists them). */
    due: async (): Promise<AccessExpiry[]> =>
      sortExpiries(Object.values(await sweep()).filter((e) => e.expiredAt !== null)),

    /** A member's date, after marking what has passed; undefined when none is set. */
    find: async (place: ExpiryPlace, username: string): Promise<AccessExpiry | undefined> =>
      (await sweep())[expiryId(place, username)],

    /** The alarm fired: mark what has passed and move the alarm to the next date. */
    fired: sweep,

    /** On worker start: the alarm re-created for the next date, and the badge, from storage. */
    restore: sweep,
  };
}

export type AccessExpiryService = ReturnType<typeof createAccessExpiry>;
