/**
 * What an identity provider's user export says of an account, read from its status cell: Okta's
 * `Status` (ACTIVE, STAGED, PROVISIONED, RECOVERY, LOCKED_OUT, PASSWORD_EXPIRED, SUSPENDED,
 * DEPROVISIONED), Google Workspace's `Status [READ ONLY]` (Active, Suspended, Archived), Entra ID's
 * `accountEnabled` (True, False), or this toolkit's own member export (`deactivated`).
 */

/** Status words that mean the account cannot sign in, as `statusKey` spells them, with the word shown. */
const INACTIVE: Record<string, string> = {
  suspended: 'suspended',
  deprovisioned: 'deprovisioned',
  disabled: 'disabled',
  deactivated: 'deactivated',
  archived: 'archived',
  inactive: 'inactive',
  blocked: 'blocked',
  deleted: 'deleted',
  // Entra ID's accountEnabled.
  false: 'disabled',
};

function statusKey(cell: string): string {
  // Every space goes, so the ends need no trim.
  return cell.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * The word for an inactive account ("suspended", "disabled", …) when the cell says the account is
 * suspended, deprovisioned or disabled; null when it is active, empty or says something else
 * (a locked-out or staged Okta account is still the organization's).
 */
export function idpInactiveWord(cell: string): string | null {
  const key = statusKey(cell);
  return Object.hasOwn(INACTIVE, key) ? (INACTIVE[key] ?? null) : null;
}
