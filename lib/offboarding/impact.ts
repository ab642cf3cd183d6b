/**
 * Impact analysis and the safety guards, pure: what offboarding a member touches, read from a
 * directory (lib/wandb/directory/) before any step, and the checks made again on fresh data
 * right before each destructive step.
 */
import type { Directory, DirectoryMember } from '../wandb/directory';
import type { Impact, MemberSnapshot, RunInfo } from './model';

/** Why invites sent by the member cannot be listed: no verified field names an invite's sender. */
export const SENT_INVITES_UNREADABLE =
  'W&B does not tell the toolkit reliably who sent an invite, so invites they sent cannot be listed here. Check the pending invites on the Members page.';

/** A member is matched by username, never by display name. */
export function findMember(
  directory: Pick<Directory, 'members'>,
  username: string,
): DirectoryMember | undefined {
  return directory.members.find((member) => member.username === username);
}

/** The member as the directory shows them, for the case's before/after and the re-invite. */
export function snapshotOf(member: DirectoryMember, takenAt: string): MemberSnapshot {
  return {
    id: member.id,
    username: member.username ?? '',
    name: member.name,
    email: member.email,
    orgRole: member.orgRole,
    modelsSeat: member.modelsSeat,
    weaveAccess: member.weaveAccess,
    accountType: member.accountType,
    teams: member.teams.map((team) => ({ team: team.team, role: team.role })),
    takenAt,
  };
}

/** An active human org admin (service accounts cannot stand in for the last admin). */
function isActiveHumanOrgAdmin(member: DirectoryMember): boolean {
  return member.orgRole === 'admin' && member.status === 'active' && member.accountType === 'user';
}

/**
 * Active human org admins other than `username`; null when the directory does not show org roles
 * (the per-team fallback), so "last admin" cannot be ruled out.
 */
export function otherOrgAdmins(directory: Pick<Directory, 'members'>, username: string): number | null {
  if (directory.members.every((member) => member.orgRole === null)) return null;
  return directory.members.filter((member) => member.username !== username && isActiveHumanOrgAdmin(member))
    .length;
}

/** Members of `team` with their team role (from each member's team list). */
function teamRows(directory: Pick<Directory, 'members'>, team: string) {
  return directory.members.flatMap((member) => {
    const row = member.teams.find((entry) => entry.team === team);
    return row ? [{ member, role: row.role }] : [];
  });
}

/** Teams where `username` is admin and no other active member is. */
export function soleAdminTeams(directory: Pick<Directory, 'members'>, username: string): string[] {
  const member = findMember(directory, username);
  if (!member) return [];
  return member.teams
    .filter((entry) => entry.role === 'admin')
    .map((entry) => entry.team)
    .filter(
      (team) =>
        !teamRows(directory, team).some(
          (row) => row.member.username !== username && row.role === 'admin' && row.member.status === 'active',
        ),
    );
}

/** Active human members of `team` other than `username` who could be made its admin. */
export function adminCandidates(directory: Pick<Directory, 'members'>, team: string, username: string) {
  return teamRows(directory, team)
    .filter(
      (row) =>
        row.member.username !== null &&
        row.member.username !== username &&
        row.member.status === 'active' &&
        row.member.accountType === 'user',
    )
    .map((row) => ({ username: row.member.username as string, name: row.member.name }));
}

/** Extra reads made for the impact (each may be impossible with this transport). */
export interface ImpactReads {
  apiKeys: Impact['apiKeys'];
  runs: Impact['runs'];
}

/** The impact of offboarding `username`; throws when the directory does not list them. */
export function analyseImpact(
  directory: Pick<Directory, 'members' | 'complete'>,
  username: string,
  reads: ImpactReads,
  now: string,
): Impact {
  const member = findMember(directory, username);
  if (!member) throw new Error(`${username} is not a member of this organization (as far as W&B shows).`);
  const others = otherOrgAdmins(directory, username);
  const teams = new Set(member.teams.map((entry) => entry.team));
  return {
    member: snapshotOf(member, now),
    soleAdminTeams: soleAdminTeams(directory, username).map((team) => ({
      team,
      candidates: adminCandidates(directory, team, username),
    })),
    lastOrgAdmin: isActiveHumanOrgAdmin(member) && others === 0,
    otherOrgAdmins: others,
    apiKeys: reads.apiKeys,
    serviceAccounts: directory.members
      .filter((other) => other.accountType === 'service' && other.username !== username)
      .map((other) => ({
        username: other.username ?? other.name,
        name: other.name,
        teams: other.teams.map((entry) => entry.team).filter((team) => teams.has(team)),
      }))
      .filter((other) => other.teams.length > 0),
    runs: reads.runs,
    sentInvites: { status: 'unreadable', reason: SENT_INVITES_UNREADABLE },
    complete: directory.complete,
    readAt: now,
  };
}

/** A guard's verdict: go, or stop with the reason shown to the admin. */
export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Removing `username` from `team`, checked against a fresh read of that team's members: refused
 * while they are its only admin.
 */
export function guardTeamRemoval(
  freshTeam: readonly { username: string | null; role: string; pending: boolean }[],
  team: string,
  username: string,
): GuardVerdict {
  const row = freshTeam.find((entry) => entry.username === username && !entry.pending);
  if (!row) return { ok: true };
  if (row.role !== 'admin') return { ok: true };
  const otherAdmins = freshTeam.filter(
    (entry) => entry.username !== username && !entry.pending && entry.role === 'admin',
  );
  return otherAdmins.length > 0
    ? { ok: true }
    : {
        ok: false,
        reason: `${username} is now the only admin of team ${team} (W&B’s current data). Make another member its admin first.`,
      };
}

/**
 * Removing `username` from the organization, checked against a fresh directory: never the last
 * org admin (nor when org roles cannot be seen), never while they are a team's only admin.
 */
export function guardOrgRemoval(directory: Pick<Directory, 'members'>, username: string): GuardVerdict {
  const member = findMember(directory, username);
  if (!member) return { ok: true };
  const others = otherOrgAdmins(directory, username);
  if (isActiveHumanOrgAdmin(member) && others === 0)
    return {
      ok: false,
      reason: `${username} is the last org admin. W&B requires at least one; make another member an org admin first.`,
    };
  if (member.orgRole === null || others === null)
    return {
      ok: false,
      reason: 'W&B did not show org roles, so the toolkit cannot confirm another org admin remains.',
    };
  const sole = soleAdminTeams(directory, username);
  if (sole.length > 0)
    return {
      ok: false,
      reason: `${username} is the only admin of ${sole.join(', ')} (W&B’s current data). Reassign first.`,
    };
  return { ok: true };
}

/** The runs of `username` among runs read per project, newest heartbeat (else creation) first. */
export function runsOf(
  runs: readonly (RunInfo & { username: string | null })[],
  username: string,
  limit = 20,
): RunInfo[] {
  const key = (run: RunInfo) => Date.parse(run.heartbeatAt ?? run.createdAt) || 0;
  return runs
    .filter((run) => run.username === username)
    .map(({ username: _user, ...run }) => run)
    .sort((a, b) => key(b) - key(a))
    .slice(0, limit);
}
