/**
 * The shapes of a reconciliation with an identity provider (issue 14): the W&B side as the worker
 * gets it, the identity provider's people as read from its export, the same-person links kept on
 * this device, and the three lists. Pure types, shared by the worker, the dialog and the exports.
 */

/** A W&B member as reconciliation needs it (from the directory; `''` where W&B does not say). */
export interface ReconcileMember {
  username: string;
  name: string;
  email: string;
  orgRole: string;
  /** `full`, `viewer`, `no-access`, another value as W&B sent it, or `''` when not shown. */
  modelsSeat: string;
  weaveAccess: string;
  status: 'active' | 'deactivated';
  accountType: 'user' | 'service';
  /** `team:role; team:role`. */
  teams: string;
  /** ISO 8601, or `''`. */
  lastActiveAt: string;
}

/** A pending invite (for "not a member yet, but invited"). */
export interface ReconcileInvite {
  email: string;
  team: string;
}

/** One person of the identity provider's export: its rows with the same address, read as one. */
export interface IdpPerson {
  /** The comparison key: the normalised address, lower-cased (lib/invite/email.ts `emailKey`). */
  key: string;
  /** The normalised address as first written. */
  email: string;
  name: string;
  /** Not marked suspended, deprovisioned or disabled on any of its lines (an account with no status column is active). */
  active: boolean;
  /** The status cell as written on the line that decided (`''` without a status column). */
  status: string;
  /** The line (header = 1) of its first row. */
  line: number;
}

/** A row that could not be read as a person, with the same message bulk invite gives it. */
export interface RowProblem {
  line: number;
  /** The email cell as read (trimmed), or the line's text when it could not be read at all. */
  asRead: string;
  message: string;
}

/** A W&B member and an identity-provider address the admin says are the same person. */
export interface SamePersonLink {
  username: string;
  /** The identity provider's address, as its comparison key. */
  idpEmail: string;
  /** The member's W&B email when linked, to show what the link was about. */
  memberEmail: string;
  /** ISO 8601. */
  linkedAt: string;
}

export interface ReconcileOptions {
  /** Allowed email domains (a domain also allows its subdomains); empty means every domain. */
  allowedDomains: readonly string[];
  links: readonly SamePersonLink[];
}

/** Where a W&B member lands: exactly one of these. */
export type MemberBucket = 'service' | 'deactivated' | 'matched' | 'suspended-with-seat' | 'orphan';

/** Where an identity-provider person lands: exactly one of these. */
export type IdpBucket = 'member' | 'not-member' | 'outside-domain' | 'inactive-not-member';

/** Why a member is an orphan. */
export type OrphanReason = 'not-in-export' | 'suspended-no-seat' | 'no-email';

export interface OrphanRow {
  username: string;
  name: string;
  email: string;
  orgRole: string;
  seat: string;
  teams: string;
  lastActiveAt: string;
  reason: OrphanReason;
  /** The reason in words. */
  detail: string;
}

export interface SuspendedRow {
  username: string;
  name: string;
  email: string;
  orgRole: string;
  seat: string;
  teams: string;
  lastActiveAt: string;
  idpEmail: string;
  idpStatus: string;
  idpLine: number;
}

export interface NotMemberRow {
  email: string;
  name: string;
  idpStatus: string;
  idpLine: number;
  /** Teams with a pending invite for the address, `; `-joined; `''` when none. */
  pendingInvite: string;
}

/** A stored link as this reconciliation used it. */
export interface LinkUse {
  link: SamePersonLink;
  /** `applied`: both sides found; otherwise which side is missing (the link is kept for next time). */
  state: 'applied' | 'not-in-export' | 'not-a-member';
}

export interface ReconcileCounts {
  members: number;
  service: number;
  deactivated: number;
  matched: number;
  /** Matched members whose match needed a same-person link. */
  matchedByLink: number;
  orphans: number;
  suspendedWithSeat: number;
  people: number;
  notMembers: number;
  outsideDomain: number;
  inactiveNotMembers: number;
}

export interface ReconcileResult {
  orphans: OrphanRow[];
  suspendedWithSeat: SuspendedRow[];
  notMembers: NotMemberRow[];
  counts: ReconcileCounts;
  links: LinkUse[];
  /** People of the export no member matched, for the same-person picker (by address). */
  unmatched: IdpPerson[];
  /** The allowed domains as applied (normalised). */
  allowedDomains: string[];
}
