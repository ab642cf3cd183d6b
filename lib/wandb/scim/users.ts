/** Matching a lookup to exactly one SCIM user, so a write never lands on a near-match. */
import { WandbError } from '../errors';
import type { ScimGroup, ScimPage, ScimUser } from './resources';

export function primaryEmail(user: ScimUser): string | null {
  return (user.emails.find((e) => e.primary) ?? user.emails[0])?.value ?? null;
}

/** True when `user` is exactly who `asked` names: its userName, or its primary email in any case. */
export function isExactUserMatch(user: ScimUser, asked: string): boolean {
  if (asked.includes('@')) return primaryEmail(user)?.toLowerCase() === asked.toLowerCase();
  return user.userName === asked;
}

/**
 * The one user of a filtered lookup, or null when W&B listed nobody. Anything else — two users, or
 * one that is not `asked` — is an `ambiguous` error: a write must never land on a near-match.
 */
export function exactlyOneUser(asked: string, page: ScimPage<ScimUser>): ScimUser | null {
  const shown = `"${asked.slice(0, 120)}"`;
  const count = Math.max(page.totalResults, page.items.length);
  if (count === 0) return null;
  const names = page.items.map((u) => u.userName).join(', ');
  if (count > 1) {
    throw ambiguousUserError(
      `W&B's SCIM API listed ${count} users (${names}${page.items.length < count ? ', …' : ''}) for ${shown}`,
    );
  }
  const only = page.items[0];
  if (!only || !isExactUserMatch(only, asked)) {
    throw ambiguousUserError(
      `W&B's SCIM API answered the lookup of ${shown} with ${only ? `"${only.userName}" (${primaryEmail(only) ?? 'no email'})` : 'no user'}, which does not match ${shown}`,
    );
  }
  return only;
}

function ambiguousUserError(what: string): WandbError {
  return new WandbError({
    kind: 'ambiguous',
    message: `${what}. The toolkit changes a user only when exactly one user matches exactly, so nothing was changed. Check the username or email, or make the change on W&B's Members page.`,
  });
}

/** The member id a SCIM Group lists (`value`, or `Value` as some doc examples spell it). */
export function groupMemberId(member: ScimGroup['members'][number]): string | undefined {
  return member.value ?? member.Value;
}
