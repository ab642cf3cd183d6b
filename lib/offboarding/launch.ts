/**
 * What the offboarding checklist opens on when another part of the extension opens it: a stored
 * case (the action popup's "Open the case") or a member's impact screen (one click from Seat
 * hygiene, an expired access date or an identity-provider orphan). Carried as one string in the
 * toolkit's `launch` (lib/background/launches.ts, components/shared/tool.ts).
 */
export type OffboardLaunch = { kind: 'case'; caseId: string } | { kind: 'member'; username: string };

export const offboardLaunch = {
  case: (caseId: string): string => `case:${caseId}`,
  member: (username: string): string => `member:${username}`,
};

/** The launch a string names; null for anything else (nothing is opened on it). */
export function parseOffboardLaunch(launch: string | undefined): OffboardLaunch | null {
  if (!launch) return null;
  const colon = launch.indexOf(':');
  const kind = launch.slice(0, colon);
  const value = launch.slice(colon + 1);
  if (colon <= 0 || !value) return null;
  if (kind === 'case') return { kind: 'case', caseId: value };
  if (kind === 'member') return { kind: 'member', username: value };
  return null;
}
