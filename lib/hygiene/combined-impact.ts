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

export function combinedImpact(
  directory: Pick<Directory, 'members'>,
  usernames: readonly string[],
): CombinedImpact {
  const byName = new Map<string, DirectoryMember>();
  for (const m of directory.members) if (m.username) byName.set(m.username, m);
  const selected = new Set(usernames.filter((u) => byName.has(u)));
  const admins = new Map<string, string[]>();
  for (const m of directory.members) {
    if (!m.username || !isActive(m)) continue;
    for (const entry of m.teams)
      if (entry.role === 'admin') admins.set(entry.team, [...(admins.get(entry.team) ?? []), m.username]);
  }
  const teamsLeftWithoutAdmin = [...admins.entries()]
    .filter(([, names]) => names.every((name) => selected.has(name)))
    .map(([team, names]) => ({ team, admins: names }))
    .sort((a, b) => a.team.localeCompare(b.team));
  const showsRoles = directory.members.some((m) => m.orgRole !== null);
  const orgAdminsLeft = showsRoles
    ? directory.members.filter(
        (m) =>
          m.orgRole === 'admin' && isActive(m) && m.accountType === 'user' && !selected.has(m.username ?? ''),
      ).length
    : null;
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
