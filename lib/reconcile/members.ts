/** The directory's members and invites as the reconciliation engine takes them (small, flat, clonable). */
import type { DirectoryInvite, DirectoryMember } from '../wandb/directory';
import type { ReconcileInvite, ReconcileMember } from './types';

/** A member as reconciliation needs it; `''` where W&B does not say. Members without a username cannot be linked or offboarded and are left out. */
export function reconcileMemberOf(member: DirectoryMember): ReconcileMember | null {
  if (!member.username) return null;
  return {
    username: member.username,
    name: member.name,
    email: member.email ?? '',
    orgRole: member.orgRole ?? '',
    modelsSeat: member.modelsSeat ?? '',
    weaveAccess: member.weaveAccess ?? '',
    status: member.status,
    accountType: member.accountType,
    teams: member.teams.map((t) => `${t.team}:${t.role}`).join('; '),
    lastActiveAt: member.lastActiveAt ?? '',
  };
}

export function reconcileInviteOf(invite: DirectoryInvite): ReconcileInvite {
  return { email: invite.email, team: invite.team ?? '' };
}
