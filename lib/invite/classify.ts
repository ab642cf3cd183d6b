/**
 * The dry run: every input record classified against a fresh read of the directory before
 * anything is sent. W&B invites people to a team (API.md §2.2(b): `createInvite` takes a team
 * and an `admin` flag), so a row naming several teams becomes one send per team, while the
 * dry-run status stays per row.
 */
import { z } from 'zod';
import type { Directory } from '../wandb/directory';
import type { ColumnMapping } from './columns';
import { emailKey, isDomainAllowed, normaliseDomains, normaliseEmail } from './email';
import { idpInactiveWord } from './idp-status';
import type { InviteRecord } from './parse';
import { orgRoleNote, roleKey, SCIM_ORG_ROLES, teamRoleOf } from './roles';
import { DRY_RUN_STATUSES, type DryRunStatus } from './statuses';
import { splitTeams, suggestTeam } from './teams';

export { DRY_RUN_STATUSES, type DryRunStatus };

/** One invite to send: a team of a `new` row. */
export interface InviteSend {
  team: string;
  admin: boolean;
}

/** One classified input record. */
export interface ClassifiedRow {
  /** The input line the record starts on (header = 1). */
  row: number;
  /** Position among the records (0-based); unique even when an address list has several on one line. */
  index: number;
  /** Normalised when valid; the cell as read (trimmed) when not. */
  email: string;
  name: string;
  /** Canonical directory names where known, as written otherwise. */
  teams: string[];
  teamRole: 'member' | 'admin';
  orgRole: string;
  status: DryRunStatus;
  reason: string;
  /** A "did you mean" for an unknown team; absent otherwise. */
  suggestion?: string;
  /** The teams an invite is sent to (only for `new` and `in-org` rows; a team already joined, pending or earlier in the file is left out). */
  sends: InviteSend[];
  /** Per named team, why it is not sent (already a member, pending, duplicate); empty when all are sent. */
  skippedTeams: { team: string; reason: string }[];
  /**
   * `scim`: a `new` row whose org role only the admin key can give, created through SCIM
   * (`POST /scim/Users` with its teams, then its roles) instead of one team invite per team.
   * Absent: team invites (`createInvite`).
   */
  via?: 'scim';
}

export interface ClassifyOptions {
  /** The team for rows that name none; null or absent means such rows are invalid. */
  defaultTeam?: string | null;
  /** Allowed email domains (a domain also allows its subdomains); empty or absent allows all. */
  allowedDomains?: readonly string[];
  /**
   * People already in the organization are added to the row's teams they are not in (a team
   * invite; default true). When false their rows are `in-org` with nothing sent.
   */
  addExistingMembers?: boolean;
  /**
   * Rows the identity provider's export marks suspended, deprovisioned or disabled are classified
   * like any other (and sent) instead of `idp-inactive` (default false).
   */
  includeIdpInactive?: boolean;
  /**
   * A working admin key for this host (SCIM accepted it as an org admin's): a new person whose
   * row asks for an org role SCIM can give (`admin`) is created through SCIM with that role.
   */
  orgRolesByKey?: boolean;
}

/** The zod shape of a record once its cells are picked by the mapping. */
export const inviteRowInputSchema = z.object({
  email: z.string(),
  name: z.string(),
  teams: z.array(z.string().min(1)),
  teamRole: z.string(),
  orgRole: z.string(),
});
export type InviteRowInput = z.infer<typeof inviteRowInputSchema>;

function cell(record: InviteRecord, index: number | null): string {
  return index === null ? '' : (record.cells[index] ?? '').trim();
}

/** The fields of a record under a mapping (name from first + last name when there is no name column). */
export function recordFields(record: InviteRecord, mapping: ColumnMapping): InviteRowInput {
  const full = cell(record, mapping.name);
  const name =
    full !== ''
      ? full
      : [cell(record, mapping.firstName), cell(record, mapping.lastName)].filter(Boolean).join(' ');
  return inviteRowInputSchema.parse({
    email: cell(record, mapping.email),
    name,
    teams: splitTeams(cell(record, mapping.teams)),
    teamRole: cell(record, mapping.teamRole),
    orgRole: cell(record, mapping.orgRole),
  });
}

function listJoin(items: readonly string[]): string {
  return items.join(', ');
}

/** Classifies every record; rows come back in input order. */
export function classifyInviteRows(
  records: readonly InviteRecord[],
  mapping: ColumnMapping,
  directory: Directory,
  options: ClassifyOptions = {},
): ClassifiedRow[] {
  const classify = createRowClassifier(mapping, directory, options);
  return records.map(classify);
}

type RowBase = Omit<ClassifiedRow, 'status' | 'reason' | 'suggestion'>;

/** The verdict on a row with teams to send to: `new`, or `in-org` (sent unless switched off, never to a deactivated member). */
function withSends(
  base: RowBase,
  facts: {
    inOrg: boolean;
    deactivated: boolean;
    addExisting: boolean;
    inactive: string | null;
    skippedPart: string[];
    orgRolesByKey: boolean;
  },
): ClassifiedRow {
  const { inOrg, inactive, skippedPart } = facts;
  const teams = listJoin(base.sends.map((send) => send.team));
  if (facts.deactivated) {
    const parts = [
      'Deactivated in the organization: a team invite cannot reach them (reactivate them in W&B first, then run this again)',
      ...skippedPart,
    ];
    return { ...base, sends: [], status: 'in-org', reason: `${parts.join('; ')}.` };
  }
  if (inOrg && !facts.addExisting) {
    const parts = [
      `Already in the organization; not added to ${teams} ("Add existing members to the listed teams" is off)`,
      ...skippedPart,
    ];
    return { ...base, sends: [], status: 'in-org', reason: `${parts.join('; ')}.` };
  }
  const { teamRole, orgRole } = base;
  const idpPart = inactive !== null ? [`marked ${inactive} in the identity provider's export`] : [];
  if (!inOrg && facts.orgRolesByKey && SCIM_ORG_ROLES.has(orgRole)) {
    const parts = [
      `Create through SCIM with the admin key in ${teams} as team ${teamRole}, org role ${orgRole} (W&B adds them to the organization at once: no invite to accept)`,
      ...idpPart,
      ...skippedPart,
    ];
    return { ...base, status: 'new', via: 'scim', reason: `${parts.join('; ')}.` };
  }
  const parts = [
    inOrg
      ? `Already in the organization; will be added to ${teams} as team ${teamRole}`
      : `Invite to ${teams} as team ${teamRole}`,
    ...idpPart,
    ...skippedPart,
    ...(orgRole === 'member' ? [] : [orgRoleNote(orgRole, inOrg, facts.orgRolesByKey)]),
  ];
  return { ...base, status: inOrg ? 'in-org' : 'new', reason: `${parts.join('; ')}.` };
}

/** The directory as the classifier looks things up: teams, org roles, and who is where, by email key. */
function indexDirectory(directory: Directory) {
  const teamNames = directory.teams.map((team) => team.name);
  const teamsExact = new Set(teamNames);
  const teamsFolded = new Map<string, string>();
  for (const name of teamNames) teamsFolded.set(name.toLowerCase(), name);
  const orgRoles = new Map<string, string>([
    ['member', 'member'],
    ['admin', 'admin'],
    ['viewer', 'viewer'],
  ]);
  for (const member of directory.members)
    if (member.orgRole) orgRoles.set(roleKey(member.orgRole), member.orgRole);

  const membersByEmail = new Map<string, Set<string>>();
  const orgMembers = new Set<string>();
  const deactivated = new Set<string>();
  for (const member of directory.members) {
    if (!member.email) continue;
    const key = emailKey(member.email);
    orgMembers.add(key);
    if (member.status === 'deactivated') deactivated.add(key);
    const teams = membersByEmail.get(key) ?? new Set<string>();
    for (const pair of member.teams) teams.add(pair.team);
    membersByEmail.set(key, teams);
  }
  const pendingByEmail = new Map<string, Set<string>>();
  for (const invite of directory.invites) {
    if (!invite.email || !invite.team) continue;
    const key = emailKey(invite.email);
    const teams = pendingByEmail.get(key) ?? new Set<string>();
    teams.add(invite.team);
    pendingByEmail.set(key, teams);
  }
  return {
    teamNames,
    teamsExact,
    teamsFolded,
    orgRoles,
    membersByEmail,
    orgMembers,
    deactivated,
    pendingByEmail,
  };
}

/**
 * Classifies records one at a time, in input order (duplicates are found against the rows before),
 * so a caller can spread 10,000 rows over several short tasks. `classifyInviteRows` is the loop.
 */
export function createRowClassifier(
  mapping: ColumnMapping,
  directory: Directory,
  options: ClassifyOptions = {},
): (record: InviteRecord, index: number) => ClassifiedRow {
  const {
    teamNames,
    teamsExact,
    teamsFolded,
    orgRoles,
    membersByEmail,
    orgMembers,
    deactivated,
    pendingByEmail,
  } = indexDirectory(directory);
  const domains = normaliseDomains(options.allowedDomains);
  const defaultTeam = options.defaultTeam?.trim() || null;
  const addExisting = options.addExistingMembers ?? true;
  const includeInactive = options.includeIdpInactive ?? false;
  const orgRolesByKey = options.orgRolesByKey ?? false;
  const seen = new Map<string, number>();

  return (record, index) => {
    const fields = recordFields(record, mapping);
    const base = {
      row: record.line,
      index,
      email: fields.email,
      name: fields.name,
      teams: fields.teams.length > 0 ? fields.teams : defaultTeam ? [defaultTeam] : [],
      teamRole: 'member' as 'member' | 'admin',
      orgRole: fields.orgRole === '' ? 'member' : fields.orgRole,
      sends: [] as InviteSend[],
      skippedTeams: [] as { team: string; reason: string }[],
    };
    const invalid = (reason: string, suggestion?: string): ClassifiedRow => ({
      ...base,
      status: 'invalid',
      reason,
      ...(suggestion === undefined ? {} : { suggestion }),
    });

    // A line that could not be read: shown with its text and what is wrong, never sent.
    if (record.problem) return { ...invalid(record.problem), email: (record.cells[0] ?? '').trim() };
    const checked = normaliseEmail(fields.email);
    if (!checked.ok)
      return invalid(
        mapping.email === null
          ? 'No email column: choose which column holds the email.'
          : `Bad email: ${checked.problem}.`,
      );
    base.email = checked.email;

    const teamRole = teamRoleOf(fields.teamRole);
    if (teamRole === undefined)
      return invalid(
        `Unknown team role "${fields.teamRole}": an invite can make someone a team member or admin (other team roles are set after they join).`,
      );
    base.teamRole = teamRole;

    const orgRole = orgRoles.get(roleKey(base.orgRole));
    if (orgRole === undefined)
      return invalid(`Unknown org role "${base.orgRole}": use ${listJoin([...orgRoles.values()])}.`);
    base.orgRole = orgRole;

    if (base.teams.length === 0)
      return invalid('W&B invites people to a team: choose a team (or a default team).');
    const canonical: string[] = [];
    for (const team of base.teams) {
      const name = teamsExact.has(team) ? team : teamsFolded.get(team.toLowerCase());
      if (name === undefined) {
        const suggestion = suggestTeam(team, teamNames);
        return invalid(
          `Unknown team "${team}"${suggestion ? `: did you mean "${suggestion}"?` : `: teams you can see are ${listJoin(teamNames.slice(0, 10)) || 'none'}.`}`,
          suggestion ?? undefined,
        );
      }
      if (!canonical.includes(name)) canonical.push(name);
    }
    base.teams = canonical;

    if (domains.length > 0 && !isDomainAllowed(checked.email, domains))
      return {
        ...base,
        status: 'outside-domain',
        reason: `${checked.email.slice(checked.email.lastIndexOf('@') + 1)} is not in the allowed domains (${listJoin(domains)}).`,
      };

    const statusCell = cell(record, mapping.idpStatus);
    const inactive = idpInactiveWord(statusCell);
    if (inactive !== null && !includeInactive)
      return {
        ...base,
        status: 'idp-inactive',
        reason: `The identity provider's export marks this account ${inactive} ("${statusCell}"): not sent. Tick "Invite accounts the identity provider marks inactive" to send it anyway.`,
      };

    const key = emailKey(checked.email);
    const kinds: DryRunStatus[] = [];
    for (const team of canonical) {
      const earlier = seen.get(`${key}\n${team}`);
      if (earlier !== undefined) {
        kinds.push('duplicate');
        base.skippedTeams.push({ team, reason: `duplicate of row ${earlier} for ${team}` });
      } else if (membersByEmail.get(key)?.has(team)) {
        kinds.push('member');
        base.skippedTeams.push({ team, reason: `already a member of ${team}` });
      } else if (pendingByEmail.get(key)?.has(team)) {
        kinds.push('invited');
        base.skippedTeams.push({ team, reason: `already invited to ${team}` });
      } else {
        kinds.push('new');
        base.sends.push({ team, admin: teamRole === 'admin' });
      }
      if (earlier === undefined) seen.set(`${key}\n${team}`, record.line);
    }

    const skipped = base.skippedTeams.map((entry) => entry.reason);
    const skippedPart = skipped.length > 0 ? [`skipped: ${listJoin(skipped)}`] : [];
    if (base.sends.length > 0)
      return withSends(base, {
        inOrg: orgMembers.has(key),
        deactivated: deactivated.has(key),
        addExisting,
        inactive,
        skippedPart,
        orgRolesByKey,
      });
    const status: DryRunStatus = kinds.every((kind) => kind === 'duplicate')
      ? 'duplicate'
      : kinds.every((kind) => kind === 'member')
        ? 'member'
        : kinds.every((kind) => kind === 'member' || kind === 'duplicate') && kinds.includes('member')
          ? 'member'
          : 'invited';
    const reason = `Nothing to send: ${listJoin(skipped)}.`;
    return { ...base, status, reason: reason.charAt(0).toUpperCase() + reason.slice(1) };
  };
}

/**
 * `classifyInviteRows` in slices of about `sliceMs`, calling `pause` between them (to give the
 * page its main thread back) and `onProgress` with the rows done. Rejects with the signal's
 * reason when `signal` aborts (the input or the options changed meanwhile).
 */
export async function classifyInviteRowsInSlices(
  records: readonly InviteRecord[],
  mapping: ColumnMapping,
  directory: Directory,
  options: ClassifyOptions & {
    pause: () => Promise<void>;
    signal?: AbortSignal;
    sliceMs?: number;
    onProgress?: (done: number) => void;
    now?: () => number;
  },
): Promise<ClassifiedRow[]> {
  const classify = createRowClassifier(mapping, directory, options);
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? 25;
  const rows: ClassifiedRow[] = new Array(records.length);
  let index = 0;
  while (index < records.length) {
    options.signal?.throwIfAborted();
    const until = now() + sliceMs;
    // Checks the clock every 64 rows: cheap, and still well inside the slice.
    do {
      const end = Math.min(records.length, index + 64);
      for (; index < end; index++) rows[index] = classify(records[index]!, index);
    } while (index < records.length && now() < until);
    options.onProgress?.(index);
    if (index < records.length) await options.pause();
  }
  options.signal?.throwIfAborted();
  return rows;
}
