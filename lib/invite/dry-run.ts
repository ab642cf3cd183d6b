/**
 * What the dry run tells the admin about its rows: counts per status, the invites a confirmation
 * sends, the seats it would take, and the dry-run CSV.
 */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import type { Directory } from '../wandb/directory';
import type { ClassifiedRow } from './classify';
import { emailKey } from './email';
import { DRY_RUN_STATUSES, type DryRunStatus } from './statuses';

/** The dry-run CSV header, fixed by the product brief. */
export const DRY_RUN_CSV_HEADER = [
  'row',
  'email',
  'teams',
  'team_role',
  'org_role',
  'status',
  'reason',
] as const;

/** Rows per status, every status present (0 when none). */
export function countByStatus(rows: readonly ClassifiedRow[]): Record<DryRunStatus, number> {
  const counts = Object.fromEntries(DRY_RUN_STATUSES.map((status) => [status, 0])) as Record<
    DryRunStatus,
    number
  >;
  for (const row of rows) counts[row.status]++;
  return counts;
}

/**
 * What a confirmation sends: team invites, people created through SCIM (one each, whatever their
 * teams), and how many distinct teams they reach.
 */
export function sendTotals(rows: readonly ClassifiedRow[]): {
  invites: number;
  scimPeople: number;
  teams: number;
} {
  const teams = new Set<string>();
  let invites = 0;
  let scimPeople = 0;
  for (const row of rows) {
    // A row goes through SCIM only with teams to send to (classify's withSends), so each counts once.
    if (row.via === 'scim') scimPeople++;
    for (const send of row.sends) {
      if (row.via !== 'scim') invites++;
      teams.add(send.team);
    }
  }
  return { invites, scimPeople, teams: teams.size };
}

// ---- Seat impact. ----

export interface SeatImpact {
  /** Distinct people of `new` rows who are not in the organization yet. */
  newPeople: number;
  /** Full Models seats in use now; null when this server does not report seats. */
  fullSeatsUsed: number | null;
  fullSeatsTotal: number | null;
  /** Full Models seats left once every new person accepts; null when unknown (may be negative). */
  fullSeatsLeftAfter: number | null;
  /** True when the new people need more Full seats than are left. */
  exceeds: boolean;
  /**
   * Distinct people outside the org with a pending invite (not counting this batch's rows). Each
   * may take a Full seat on accepting; whether W&B's seat count already includes them is not
   * documented (API.md gives `usedSeats` and `seatAvailability` as names only), so both figures are shown.
   */
  pendingPeople: number;
  /** Full Models seats left once the pending invitees and the new people accept; null when unknown. */
  fullSeatsLeftCountingPending: number | null;
  /** The sentence shown in the dry run. */
  sentence: string;
}

/**
 * What the new people would use, assuming each takes a Full Models seat when they accept (the
 * seat type of an invite cannot be chosen through `createInvite`); people already in the org use
 * no new seat.
 */
export function seatImpact(rows: readonly ClassifiedRow[], directory: Directory): SeatImpact {
  const orgMembers = new Set<string>();
  for (const member of directory.members) if (member.email) orgMembers.add(emailKey(member.email));
  const people = new Set<string>();
  for (const row of rows) {
    if (row.status !== 'new') continue;
    const key = emailKey(row.email);
    if (!orgMembers.has(key)) people.add(key);
  }
  const newPeople = people.size;
  const pending = new Set<string>();
  for (const invite of directory.invites) {
    const key = emailKey(invite.email);
    if (!orgMembers.has(key) && !people.has(key)) pending.add(key);
  }
  const pendingPeople = pending.size;
  const seats = directory.seats;
  const persons = `${newPeople.toLocaleString('en-US')} ${newPeople === 1 ? 'person' : 'people'}`;
  if (!seats)
    return {
      newPeople,
      fullSeatsUsed: null,
      fullSeatsTotal: null,
      fullSeatsLeftAfter: null,
      exceeds: false,
      pendingPeople,
      fullSeatsLeftCountingPending: null,
      sentence: `Invites ${persons} new to the organization; seat counts not offered by this server.`,
    };
  const leftAfter = seats.modelsFullTotal - seats.modelsFullUsed - newPeople;
  const exceeds = leftAfter < 0;
  const seatWord = newPeople === 1 ? 'seat' : 'seats';
  const sentence = exceeds
    ? `Uses ${newPeople.toLocaleString('en-US')} Full Models ${seatWord}, but only ${Math.max(0, seats.modelsFullTotal - seats.modelsFullUsed).toLocaleString('en-US')} are left: ${(-leftAfter).toLocaleString('en-US')} people would have no seat when they accept.`
    : `Uses ${newPeople.toLocaleString('en-US')} Full Models ${seatWord}; ${leftAfter.toLocaleString('en-US')} left after this.`;
  return {
    newPeople,
    fullSeatsUsed: seats.modelsFullUsed,
    fullSeatsTotal: seats.modelsFullTotal,
    fullSeatsLeftAfter: leftAfter,
    exceeds,
    pendingPeople,
    fullSeatsLeftCountingPending: leftAfter - pendingPeople,
    sentence,
  };
}

// ---- Dry-run file. ----

/** The dry run as CSV chunks (fixed header; every cell neutralised against formula injection; teams joined by `; `). */
export function dryRunCsvChunks(
  rows: Iterable<ClassifiedRow>,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const row of rows)
      yield [
        String(row.row),
        row.email,
        row.teams.join('; '),
        row.teamRole,
        row.orgRole,
        row.status,
        row.reason,
      ].map(neutraliseFormula);
  }
  return csvChunks(DRY_RUN_CSV_HEADER, records(), options);
}
