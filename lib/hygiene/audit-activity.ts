/**
 * Seat hygiene with W&B's audit logs (issue 14, API.md §4): when the admin key reads them for the
 * host, a member's last activity is their latest auditable action in the span read — not the
 * session's partial signals. Pure: the frame reads the windows (components/hygiene/useAuditActivity.ts).
 */
import type { ActorActivity } from '../wandb/audit-windows';
import type { Directory, DirectoryMember } from '../wandb/directory';

/**
 * The directory with each member's `lastActiveAt` replaced by their newest audit entry (matched by
 * email in any case, else by W&B user id), or null when the span read holds none of theirs.
 */
export function withAuditActivity<D extends Pick<Directory, 'members'>>(
  directory: D,
  latest: readonly ActorActivity[],
): D {
  const byEmail = new Map<string, ActorActivity>();
  const byId = new Map<string, ActorActivity>();
  for (const activity of latest) {
    if (activity.email) byEmail.set(activity.email, activity);
    if (activity.userId) byId.set(activity.userId, activity);
  }
  const activityOf = (m: DirectoryMember) =>
    (m.email ? byEmail.get(m.email.trim().toLowerCase()) : undefined) ?? (m.id ? byId.get(m.id) : undefined);
  return {
    ...directory,
    members: directory.members.map((m) => ({ ...m, lastActiveAt: activityOf(m)?.at ?? null })),
  };
}
