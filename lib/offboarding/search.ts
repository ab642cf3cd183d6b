/**
 * Finding the member to offboard: a search that ignores case and accents ("zoe" finds "Zoë",
 * "ZOË" finds "zoe"), over name, username and email, and a one-line description that tells
 * people with the same name apart (email, org role, teams, last activity).
 */
import type { DirectoryMember } from '../wandb/directory';

/** Lower case without combining marks, so accented and plain letters compare equal. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Members whose name, username or email contains every word of the query; none for an empty query. */
export function searchMembers(members: readonly DirectoryMember[], query: string): DirectoryMember[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return members.filter((member) => {
    if (!member.username) return false;
    const haystack = foldForSearch([member.name, member.username, member.email ?? ''].join('\n'));
    return words.every((word) => haystack.includes(word));
  });
}

/** "org admin · vision (admin), robotics (member) · last active 2026-11-02" — what is known. */
export function memberDetails(member: DirectoryMember): string {
  const parts: string[] = [];
  if (member.orgRole) parts.push(`org ${member.orgRole}`);
  if (member.status === 'deactivated') parts.push('deactivated');
  if (member.accountType === 'service') parts.push('service account');
  parts.push(
    member.teams.length === 0
      ? 'no visible team'
      : member.teams.map((t) => `${t.team} (${t.role})`).join(', '),
  );
  parts.push(
    member.lastActiveAt ? `last active ${member.lastActiveAt.slice(0, 10)}` : 'last activity not shown',
  );
  return parts.join(' · ');
}
