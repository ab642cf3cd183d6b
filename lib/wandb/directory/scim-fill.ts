/**
 * The admin key fills the per-team fallback's gaps (issue 15): when W&B refuses the org query to
 * the session, the directory sees only the viewer's teams and no org roles. SCIM (`GET
 * /scim/Users`, `/scim/Groups`, API.md §3) lists every user with `organizationRole` and
 * `teamRoles`, and every team; merged here with what the session read (names, seats where known,
 * account types, pending invites). Pure: the background reads SCIM and decides when to call it.
 */
import type { ScimGroup, ScimUser } from '../scim/resources';
import { primaryEmail } from '../scim/users';
import { normaliseOrgRole, teamRoleOf } from './normalise';
import type { Directory, DirectoryLoader, DirectoryMember, DirectorySummary } from './types';

/** What SCIM showed, for the merge. */
export interface ScimDirectoryRead {
  users: readonly ScimUser[];
  groups: readonly ScimGroup[];
  /** ISO 8601. */
  readAt: string;
}

/** The bar's figures from SCIM: list totals (one-item pages) and the viewer's own org role. */
export interface ScimCounts {
  users: number;
  groups: number;
  /** null when SCIM does not find the viewer or gives no role. */
  viewerOrgRole: string | null;
  /** ISO 8601. */
  readAt: string;
}

/** Said wherever a SCIM-filled directory is shown (the bar, the export). */
export const SCIM_FILL_NOTE =
  'W&B refused the organization query to your session, so org roles, team roles and members outside your teams were read through SCIM with the admin key; pending invites are those of your teams (SCIM does not list invites).';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SCIM's examples call the View-Only team role `viewer` (API.md §3); the directory says `view-only`. */
function scimTeamRole(roleName: string): string {
  const role = teamRoleOf({ role: roleName, admin: null });
  return role.toLowerCase() === 'viewer' ? 'view-only' : role;
}

function memberFrom(user: ScimUser, seen: DirectoryMember | undefined): DirectoryMember {
  const teams = user.teamRoles
    ? user.teamRoles
        .map((t) => ({ team: t.teamName, role: scimTeamRole(t.roleName) }))
        .sort((a, b) => byName(a.team, b.team))
    : (seen?.teams ?? []);
  return {
    id: seen?.id ?? null,
    username: user.userName,
    name: seen?.name ?? user.displayName ?? user.userName,
    email: seen?.email ?? primaryEmail(user),
    orgRole: normaliseOrgRole(user.organizationRole) ?? seen?.orgRole ?? null,
    modelsSeat: seen?.modelsSeat ?? null,
    weaveAccess: seen?.weaveAccess ?? null,
    status: user.active === false ? 'deactivated' : 'active',
    accountType: seen?.accountType ?? 'user',
    teams,
    lastActiveAt: seen?.lastActiveAt ?? null,
  };
}

/** The members SCIM lists, each merged with the session's row; members only the session saw are kept. */
function mergedMembers(base: readonly DirectoryMember[], users: readonly ScimUser[]): DirectoryMember[] {
  const seen = new Map(base.flatMap((m) => (m.username ? [[m.username.toLowerCase(), m] as const] : [])));
  const listed = new Set<string>();
  const members = users.map((user) => {
    listed.add(user.userName.toLowerCase());
    return memberFrom(user, seen.get(user.userName.toLowerCase()));
  });
  for (const m of base) if (!m.username || !listed.has(m.username.toLowerCase())) members.push(m);
  return members.sort((a, b) => byName(a.username ?? '', b.username ?? ''));
}

function viewerWith(base: Directory['viewer'], orgRole: string | null | undefined): Directory['viewer'] {
  const role = normaliseOrgRole(orgRole);
  return role === null ? base : { ...base, isOrgAdmin: role === 'admin' };
}

const roleOf = (users: readonly ScimUser[], username: string) =>
  users.find((u) => u.userName.toLowerCase() === username.toLowerCase())?.organizationRole;

/** A per-team directory of an org completed from SCIM; any other directory is returned as it is. */
export function fillDirectoryFromScim(base: Directory, scim: ScimDirectoryRead): Directory {
  if (base.source !== 'per-team' || base.scope.kind !== 'org') return base;
  const teams = new Map(base.teams.map((t) => [t.name, t]));
  for (const group of scim.groups)
    teams.set(group.displayName, { name: group.displayName, memberCount: group.members.length });
  return {
    ...base,
    members: mergedMembers(base.members, scim.users),
    teams: [...teams.values()].sort((a, b) => byName(a.name, b.name)),
    viewer: viewerWith(base.viewer, roleOf(scim.users, base.viewer.username)),
    visibleTeams: teams.size,
    complete: true,
    fallbackReason: SCIM_FILL_NOTE,
    filledFromScim: { users: scim.users.length, groups: scim.groups.length, readAt: scim.readAt },
  };
}

/** The bar's figures for a per-team org summary, completed from SCIM; any other summary as it is. */
export function fillSummaryFromScim(base: DirectorySummary, counts: ScimCounts): DirectorySummary {
  if (base.source !== 'per-team' || base.scope.kind !== 'org') return base;
  return {
    ...base,
    // SCIM lists every user of the organization; the fallback counted only the viewer's teams.
    memberCount: counts.users,
    viewer: viewerWith(base.viewer, counts.viewerOrgRole),
    visibleTeams: counts.groups,
    complete: true,
    fallbackReason: SCIM_FILL_NOTE,
    filledFromScim: { users: counts.users, groups: counts.groups, readAt: counts.readAt },
  };
}

/**
 * The loader with SCIM filling its per-team org reads: `readScim` (every user and group, for a
 * directory) and `readCounts` (list totals, for the bar) answer null when no working admin key is
 * there for this host (or SCIM failed), and the session's read is then used as it is.
 */
export function withScimFill(
  loader: DirectoryLoader,
  readScim: () => Promise<ScimDirectoryRead | null>,
  readCounts: (viewer: string) => Promise<ScimCounts | null>,
): DirectoryLoader {
  const wanted = (read: { source: string; scope: { kind: string } }) =>
    read.source === 'per-team' && read.scope.kind === 'org';
  return {
    get strategy() {
      return loader.strategy;
    },
    get rejectedField() {
      return loader.rejectedField;
    },
    resolveEntity: (name, options) => loader.resolveEntity(name, options),
    resolveInstanceOrg: (options) => loader.resolveInstanceOrg(options),
    async loadSummary(scope, options) {
      const base = await loader.loadSummary(scope, options);
      const counts = wanted(base) ? await readCounts(base.viewer.username) : null;
      return counts ? fillSummaryFromScim(base, counts) : base;
    },
    async loadDirectory(scope, options) {
      const base = await loader.loadDirectory(scope, options);
      const scim = wanted(base) ? await readScim() : null;
      return scim ? fillDirectoryFromScim(base, scim) : base;
    },
  };
}
