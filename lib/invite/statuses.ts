/**
 * A dry-run row's status: the values of the dry-run CSV's `status` column (product brief,
 * *Interfaces*), in the order the dialog counts them. Its own module so the message schema
 * (lib/invite/messages.ts) can name them without loading the classifier.
 */
export const DRY_RUN_STATUSES = [
  /** Not in the organization yet: invited to the row's teams. */
  'new',
  /** In the organization, not in (some of) the row's teams: added to them by a team invite. */
  'in-org',
  /** Already in every team the row names. */
  'member',
  /** A pending invite to every team the row names (or to those not joined). */
  'invited',
  /** The same address and team earlier in the input. */
  'duplicate',
  /** Cannot be sent as written (address, role, team, or a line that could not be read). */
  'invalid',
  /** Not in the allowed email domains. */
  'outside-domain',
  /** Suspended, deprovisioned or disabled in the identity provider's export. */
  'idp-inactive',
] as const;
export type DryRunStatus = (typeof DRY_RUN_STATUSES)[number];
