/**
 * Seat hygiene (issue 14): the lists a quarterly access review asks for, from the member
 * directory — who holds a seat and shows no activity for N days, invites pending longer than N
 * days, Full-seat members whose org role only lets them view, and service accounts — each as CSV
 * with every cell neutralised like the member export. Pure.
 */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import type { Directory, DirectoryMember } from '../wandb/directory';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface HygieneMember {
  username: string;
  name: string;
  email: string;
  orgRole: string;
  modelsSeat: string;
  teams: string;
  /** ISO 8601, or '' when W&B shows no activity for them. */
  lastActive: string;
}

export interface HygieneInvite {
  /** W&B's id for the invite (what `deleteInvite` takes); null when W&B gave none. */
  id: string | null;
  email: string;
  team: string;
  /** ISO 8601. */
  invitedAt: string;
  days: number;
}

export interface HygieneLists {
  days: number;
  inactive: HygieneMember[];
  staleInvites: HygieneInvite[];
  /** Pending invites W&B gives no date for (they cannot be aged). */
  undatedInvites: number;
  fullSeatViewers: HygieneMember[];
  serviceAccounts: HygieneMember[];
}

function rowOf(m: DirectoryMember): HygieneMember {
  return {
    username: m.username ?? '',
    name: m.name,
    email: m.email ?? '',
    orgRole: m.orgRole ?? '',
    modelsSeat: m.modelsSeat ?? '',
    teams: m.teams.map((t) => `${t.team}:${t.role}`).join('; '),
    lastActive: m.lastActiveAt ?? '',
  };
}

/** Whole days, at least 0 (a fraction rounded down; anything not finite is 0). */
const wholeDays = (days: number) => Math.max(0, Math.floor(Number.isFinite(days) ? days : 0));

/** Adds one member to the lists it belongs on. */
function sortMember(lists: HygieneLists, m: DirectoryMember, cutoff: number): void {
  if (m.accountType === 'service') {
    lists.serviceAccounts.push(rowOf(m));
    return;
  }
  if (m.accountType !== 'user' || m.status !== 'active') return;
  const last = m.lastActiveAt ? Date.parse(m.lastActiveAt) : Number.NaN;
  if (Number.isNaN(last) || last <= cutoff) lists.inactive.push(rowOf(m));
  if (m.orgRole === 'viewer' && m.modelsSeat === 'full') lists.fullSeatViewers.push(rowOf(m));
}

/** The lists with their invites and no member yet. */
function listsOfInvites(directory: Pick<Directory, 'invites'>, days: number, now: Date): HygieneLists {
  const cutoff = now.getTime() - days * DAY_MS;
  const dated = directory.invites.filter((i) => i.createdAt && !Number.isNaN(Date.parse(i.createdAt)));
  return {
    days,
    inactive: [],
    staleInvites: dated
      .filter((i) => Date.parse(i.createdAt as string) <= cutoff)
      .map((i) => ({
        id: i.id,
        email: i.email,
        team: i.team ?? '',
        invitedAt: i.createdAt as string,
        days: Math.floor((now.getTime() - Date.parse(i.createdAt as string)) / DAY_MS),
      })),
    undatedInvites: directory.invites.length - dated.length,
    fullSeatViewers: [],
    serviceAccounts: [],
  };
}

/**
 * The four lists for `days` (a fraction rounded down, at least 0) at `now`. A person is inactive
 * when W&B shows no activity at all, or none in the last `days` days (exactly N days counts), as
 * the export's inactivity filter decides; deactivated members hold no seat and are left out.
 */
export function hygieneLists(
  directory: Pick<Directory, 'members' | 'invites'>,
  days: number,
  now: Date,
): HygieneLists {
  const whole = wholeDays(days);
  const lists = listsOfInvites(directory, whole, now);
  const cutoff = now.getTime() - whole * DAY_MS;
  for (const m of directory.members) sortMember(lists, m, cutoff);
  return lists;
}

/**
 * `hygieneLists` worked out in slices of about `sliceMs`, calling `pause` between them so a
 * 50,000-member directory never holds the frame's thread; rejects when `signal` aborts.
 */
export async function hygieneListsInSlices(
  directory: Pick<Directory, 'members' | 'invites'>,
  days: number,
  now: Date,
  options: { pause: () => Promise<void>; signal?: AbortSignal; sliceMs?: number; clock?: () => number },
): Promise<HygieneLists> {
  const whole = wholeDays(days);
  const lists = listsOfInvites(directory, whole, now);
  const cutoff = now.getTime() - whole * DAY_MS;
  const clock = options.clock ?? (() => performance.now());
  const members = directory.members;
  let index = 0;
  while (index < members.length) {
    options.signal?.throwIfAborted();
    const until = clock() + (options.sliceMs ?? 20);
    do {
      const end = Math.min(members.length, index + 256);
      for (; index < end; index++) sortMember(lists, members[index] as DirectoryMember, cutoff);
    } while (index < members.length && clock() < until);
    if (index < members.length) await options.pause();
  }
  options.signal?.throwIfAborted();
  return lists;
}

export const MEMBER_LIST_HEADER = [
  'username',
  'name',
  'email',
  'org_role',
  'models_seat',
  'teams',
  'last_active',
] as const;
export const INVITE_LIST_HEADER = ['email', 'team', 'invited_at', 'days_pending'] as const;

/** The cells of a member or invite row, in the order of its header. */
export function hygieneCells(row: HygieneMember | HygieneInvite): string[] {
  return 'invitedAt' in row
    ? [row.email, row.team, row.invitedAt, String(row.days)]
    : [row.username, row.name, row.email, row.orgRole, row.modelsSeat, row.teams, row.lastActive];
}

/** One list as CSV chunks, every cell neutralised against formula injection. */
export function hygieneCsvChunks(
  list: readonly (HygieneMember | HygieneInvite)[],
  kind: 'members' | 'invites',
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const row of list) yield hygieneCells(row).map(neutraliseFormula);
  }
  return csvChunks(kind === 'invites' ? INVITE_LIST_HEADER : MEMBER_LIST_HEADER, records(), options);
}
