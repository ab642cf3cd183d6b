/**
 * Building a directory from whatever was read (the org query's rows, team lists, or both): one
 * member per person, one invite per invite, and the viewer's rights from their own rows.
 */
import { revealBidiControls } from '../names';
import type { OrgMemberData, OrgPendingInviteData, TeamMemberData } from '../schemas';
import { accountTypeOf, compareText, normaliseOrgRole, normaliseSeat, teamRoleOf } from './normalise';
import type {
  DirectoryInvite,
  DirectoryMember,
  DirectoryViewer,
  OrgData,
  TeamEntity,
  TeamRole,
  ViewerUser,
} from './types';

/** A member being assembled from several rows; teams keyed by name (role `unknown` until a team list tells). */
interface MemberDraft extends Omit<DirectoryMember, 'teams'> {
  teams: Map<string, TeamRole>;
}

/** The identities a row can be matched by, most reliable first; empty when the row has neither username nor id. */
export function identityKeys(row: { username: string | null; id: string | null }): string[] {
  const keys: string[] = [];
  if (row.username !== null) keys.push(`username:${row.username}`);
  if (row.id !== null) keys.push(`id:${row.id}`);
  return keys;
}

/**
 * Collects members and invites from the org query and team lists, merging rows that are the same
 * person (by username, else id) and invites that are the same invite (by id, else email and team).
 */
export class DirectoryBuilder {
  private readonly drafts: MemberDraft[] = [];
  private readonly draftsByKey = new Map<string, MemberDraft>();
  private readonly invites: DirectoryInvite[] = [];
  private readonly inviteKeys = new Set<string>();

  /** The draft for a row's identity; undefined when no row of that person was added yet. */
  find(row: { username: string | null; id: string | null }): MemberDraft | undefined {
    for (const key of identityKeys(row)) {
      const draft = this.draftsByKey.get(key);
      if (draft) return draft;
    }
    return undefined;
  }

  private remember(draft: MemberDraft): MemberDraft {
    for (const key of identityKeys(draft)) if (!this.draftsByKey.has(key)) this.draftsByKey.set(key, draft);
    return draft;
  }

  /** Adds a row of the org query, with its teams as `unknown` roles until a team list tells. */
  addOrgMember(row: OrgMemberData): MemberDraft {
    const existing = this.find(row);
    if (existing) return existing;
    const draft: MemberDraft = {
      id: row.id,
      username: row.username,
      name: revealBidiControls(row.name ?? row.username ?? row.email ?? ''),
      email: row.email,
      orgRole: normaliseOrgRole(row.role),
      modelsSeat: normaliseSeat(row.modelsSeat),
      weaveAccess: normaliseSeat(row.weaveRole),
      status: row.user?.deletedAt ? 'deactivated' : 'active',
      accountType: 'user',
      teams: new Map(row.teams.map((team) => [team.name, 'unknown'])),
      lastActiveAt: row.user?.loggedInAt ?? null,
    };
    this.drafts.push(draft);
    return this.remember(draft);
  }

  /** Adds a non-pending row of a team list (team role and account type), creating the member if new. */
  addTeamMember(team: string, row: TeamMemberData): MemberDraft {
    let draft = this.find(row);
    if (!draft) {
      draft = {
        id: row.id,
        username: row.username,
        name: revealBidiControls(row.name),
        email: row.email,
        orgRole: null,
        modelsSeat: null,
        weaveAccess: null,
        status: 'active',
        accountType: 'user',
        teams: new Map(),
        lastActiveAt: null,
      };
      this.drafts.push(draft);
    }
    draft.teams.set(team, teamRoleOf(row));
    if (accountTypeOf(row.accountType) === 'service') draft.accountType = 'service';
    draft.id ??= row.id;
    draft.username ??= row.username;
    draft.email ??= row.email;
    return this.remember(draft);
  }

  /** Adds an invite unless one with the same id, or the same email and team, is already there. */
  addInvite(invite: DirectoryInvite): void {
    const keys = [
      ...(invite.id === null ? [] : [`id:${invite.id}`]),
      ...(invite.email === '' ? [] : [`to:${invite.email.toLowerCase()}|${invite.team ?? ''}`]),
    ];
    if (keys.some((key) => this.inviteKeys.has(key))) return;
    for (const key of keys) this.inviteKeys.add(key);
    this.invites.push(invite);
  }

  /** Adds the org query's pending invites (preferred: they carry role and date). */
  addOrgInvites(invites: readonly OrgPendingInviteData[]): void {
    for (const invite of invites) {
      this.addInvite({
        id: invite.id,
        email: invite.email ?? '',
        team: invite.entity?.name ?? null,
        role: invite.role,
        createdAt: invite.createdAt,
      });
    }
  }

  /** Adds every row of a team list: members as members, `pending` rows as invites; returns the members. */
  addTeam(entity: TeamEntity): MemberDraft[] {
    const members: MemberDraft[] = [];
    for (const row of entity.members) {
      if (row.pending === true) {
        this.addInvite({
          id: row.id,
          email: row.email ?? row.username ?? '',
          team: entity.name,
          role: teamRoleOf(row),
          createdAt: null,
        });
      } else {
        members.push(this.addTeamMember(entity.name, row));
      }
    }
    return members;
  }

  /** The members, sorted by username (then name), each with teams sorted by name; `onlyTeam` keeps just that team. */
  members(drafts: readonly MemberDraft[] = this.drafts, onlyTeam?: string): DirectoryMember[] {
    return [...new Set(drafts)]
      .map((draft) => ({
        ...draft,
        teams: [...draft.teams]
          .filter(([team]) => onlyTeam === undefined || team === onlyTeam)
          .map(([team, role]) => ({ team, role }))
          .sort((a, b) => compareText(a.team, b.team)),
      }))
      .sort(
        (a, b) =>
          compareText(a.username, b.username) || compareText(a.name, b.name) || compareText(a.id, b.id),
      );
  }

  /** The invites sorted by email then team; `onlyTeam` keeps that team's. */
  inviteList(onlyTeam?: string): DirectoryInvite[] {
    return this.invites
      .filter((invite) => onlyTeam === undefined || invite.team === onlyTeam)
      .sort((a, b) => compareText(a.email, b.email) || compareText(a.team, b.team));
  }
}

/** Non-pending members of a team list, counted once each (by username, else id); rows with neither each count. */
export function countTeamMembers(entity: TeamEntity): number {
  const builder = new DirectoryBuilder();
  return new Set(
    entity.members.filter((row) => row.pending !== true).map((row) => builder.addTeamMember('', row)),
  ).size;
}

/** The viewer's row in a list; undefined when the viewer is not in it. */
function viewerRowIn<Row extends { username: string | null; id: string | null }>(
  rows: readonly Row[],
  viewer: ViewerUser,
  userIdOf: (row: Row) => string | null = () => null,
): Row | undefined {
  return (
    rows.find((row) => viewer.username !== null && row.username === viewer.username) ??
    rows.find((row) => row.id === viewer.id || userIdOf(row) === viewer.id)
  );
}

/** Whether the viewer is an org admin per their org row (`role`, else the `admin` flag); false when they have no row. */
export function isOrgAdminIn(organization: OrgData, viewer: ViewerUser): boolean {
  const row = viewerRowIn(organization.members, viewer, (member) => member.user?.id ?? null);
  if (!row) return false;
  const role = normaliseOrgRole(row.role);
  return role === null ? row.admin === true : role === 'admin';
}

/** Whether the viewer is admin of any of these teams; false when they are in none. */
export function isAdminInAnyTeam(entities: readonly TeamEntity[], viewer: ViewerUser): boolean {
  return entities.some((entity) => {
    const row = viewerRowIn(entity.members, viewer);
    return row !== undefined && row.pending !== true && teamRoleOf(row) === 'admin';
  });
}

/** The viewer on a team's page: org admin status only when the org query answered (null otherwise). */
export function teamScopeViewer(
  viewer: ViewerUser,
  entity: TeamEntity,
  organization: OrgData | null,
): DirectoryViewer {
  return {
    username: viewerName(viewer),
    isOrgAdmin: organization !== null ? isOrgAdminIn(organization, viewer) : null,
    isTeamAdmin: isAdminInAnyTeam([entity], viewer),
  };
}

/** The viewer's display name: username, else email, else id. */
export function viewerName(viewer: ViewerUser): string {
  return viewer.username ?? viewer.email ?? viewer.id;
}

/** A builder holding the org query's members and pending invites. */
export function builderFromOrg(organization: OrgData): DirectoryBuilder {
  const builder = new DirectoryBuilder();
  for (const member of organization.members) builder.addOrgMember(member);
  builder.addOrgInvites(organization.pendingInvites);
  return builder;
}

/** The names without repeats, first occurrence first; `[]` for none. */
export function uniqueNames(names: Iterable<string>): string[] {
  return [...new Set(names)];
}
