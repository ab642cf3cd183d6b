/** Role words in an invite file: the team roles an invite can give, and how role cells compare. */

/** The team roles `createInvite` can give (its boolean `admin`), by `roleKey` spelling; empty means member. */
const TEAM_ROLES: Record<string, 'member' | 'admin'> = {
  '': 'member',
  member: 'member',
  user: 'member',
  admin: 'admin',
  teamadmin: 'admin',
  administrator: 'admin',
};

/** A role cell reduced for comparing: lower-cased, every space, `_` and `-` removed. */
export function roleKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]/g, '');
}

/** The team role a cell names (`Team Admin` → admin, empty → member); undefined when it names none. */
export function teamRoleOf(cell: string): 'member' | 'admin' | undefined {
  const key = roleKey(cell);
  // Own keys only: `constructor` or `toString` in a cell must not find Object's.
  return Object.hasOwn(TEAM_ROLES, key) ? TEAM_ROLES[key] : undefined;
}

/**
 * The org roles SCIM can give (API.md §3: PATCH `organizationRole` takes `admin` or `member`;
 * `viewer` is deprecated and mapped to member; custom roles are not documented there).
 */
export const SCIM_ORG_ROLES: ReadonlySet<string> = new Set(['admin']);

/** Why a row's org role is not given by its team invite, and where to set it. */
export function orgRoleNote(orgRole: string, inOrg: boolean, orgRolesByKey: boolean): string {
  if (inOrg) return `org role ${orgRole} is not changed by a team invite (change it on the Members page)`;
  if (!orgRolesByKey)
    return `org role ${orgRole} needs the admin key (without it, set it on the Members page after they join)`;
  return orgRole === 'viewer'
    ? 'org role viewer cannot be given through SCIM (W&B maps it to member): set it on the Members page after they join'
    : `org role ${orgRole} cannot be given through SCIM (W&B documents admin and member only): set it on the Members page after they join`;
}
