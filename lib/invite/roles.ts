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

/** A role cell reduced for comparing: trimmed, lower-cased, spaces, `_` and `-` removed. */
export function roleKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** The team role a cell names (`Team Admin` → admin, empty → member); undefined when it names none. */
export function teamRoleOf(cell: string): 'member' | 'admin' | undefined {
  const key = roleKey(cell);
  // Own keys only: `constructor` or `toString` in a cell must not find Object's.
  return Object.hasOwn(TEAM_ROLES, key) ? TEAM_ROLES[key] : undefined;
}
