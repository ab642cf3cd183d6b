/**
 * What offboarding several members at once would do, before any case is opened (Seat hygiene's
 * "Offboard several", issue #14): the teams they would leave with no admin between them, whether
 * they are all of the organization's admins, and the seats their removal frees. Each member's own
 * checklist still guards each step; this is the combined picture one checklist cannot show. Pure.
 */
import type { Directory, DirectoryMember } from '../wandb/directory';

export interface CombinedImpact {
  /** The selected usernames the directory shows (in the order given). */
  members: string[];
  /** Selected usernames the directory does not show. */
  unknown: string[];
  /** Teams whose every active admin is selected: each would be left without one. */
  teamsLeftWithoutAdmin: { team: string; admins: string[] }[];
  /** Active human org admins not selected; null when the directory shows no org roles. */
  orgAdminsLeft: number | null;
  /** Seats freed once every selected active member is removed from the organization. */
  seatsFreed: { modelsFull: number; modelsViewer: number; weaveFull: number };
}

const isActive = (m: DirectoryMember) => m.status === 'active';

/** What the combined impact looks up, built once per directory (the selection changes often). */
export interface ImpactIndex {
  byName: Map<string, DirectoryMember>;
  /** Each team's active admins. */
  admins: Map<string, string[]>;
  /** Active human org admins; null when the directory shows no org roles. */
  orgAdmins: string[] | null;
}

export function impactIndex(directory: Pick<Directory, 'members'>): ImpactIndex {
  const byName = new Map<string, DirectoryMember>();
  const admins = new Map<string, string[]>();
  const orgAdmins: string[] = [];
  let showsRoles = false;
  for (const m of directory.members) {
    if (m.orgRole !== null) showsRoles = true;
    if (!m.username) continue;
    byName.set(m.username, m);
    if (!isActive(m)) continue;
    if (m.orgRole === 'admin' && m.accountType === 'user') orgAdmins.push(m.username);
    for (const entry of m.teams) {
      if (entry.role !== 'admin') continue;
      const names = admins.get(entry.team);
      if (names) names.push(m.username);
      else admins.set(entry.team, [m.username]);
    }
  }
  return { byName, admins, orgAdmins: showsRoles ? orgAdmins : null };
}

export function combinedImpact(
  directory: Pick<Directory, 'members'> | ImpactIndex,
  usernames: readonly string[],
): CombinedImpact {
  const index = 'byName' in directory ? directory : impactIndex(directory);
  const { byName, admins, orgAdmins } = index;
  const selected = new Set(usernames.filter((u) => byName.has(u)));
  const teamsLeftWithoutAdmin = [...admins.entries()]
    .filter(([, names]) => names.every((name) => selected.has(name)))
    .map(([team, names]) => ({ team, admins: names }))
    .sort((a, b) => a.team.localeCompare(b.team));
  const orgAdminsLeft = orgAdmins === null ? null : orgAdmins.filter((name) => !selected.has(name)).length;
  const seatsFreed = { modelsFull: 0, modelsViewer: 0, weaveFull: 0 };
  for (const name of selected) {
    const m = byName.get(name) as DirectoryMember;
    if (!isActive(m) || m.accountType !== 'user') continue;
    if (m.modelsSeat === 'full') seatsFreed.modelsFull++;
    if (m.modelsSeat === 'viewer') seatsFreed.modelsViewer++;
    if (m.weaveAccess === 'full') seatsFreed.weaveFull++;
  }
  return {
    members: usernames.filter((u) => selected.has(u)),
    unknown: usernames.filter((u) => !selected.has(u)),
    teamsLeftWithoutAdmin,
    orgAdminsLeft,
    seatsFreed,
  };
}
