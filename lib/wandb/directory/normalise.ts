/** Normalisation of what W&B sends (pure, exported for tests and the export tool). */
import type { TeamMemberData } from '../schemas';
import type { DirectoryScope, OrgData, OrgRole, SeatType, SeatUse, TeamRole } from './types';

/** A value lower-cased with spaces, `_` and `-` removed, for separator-insensitive matching; `''` for blank. */
function compactKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** A seat or Weave access value normalised (`FULL`→`full`, `VIEWER`→`viewer`, `NO_ACCESS`/`no access`/`none`→`no-access`); unknown strings kept trimmed; null for null or blank. */
export function normaliseSeat(value: string | null | undefined): SeatType | string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const key = compactKey(value);
  if (key === 'full') return 'full';
  if (key === 'viewer') return 'viewer';
  if (key === 'noaccess' || key === 'none') return 'no-access';
  return value.trim();
}

/** An org role with the built-in ones lower-cased (`ADMIN`→`admin`); custom role names kept trimmed; null for null or blank. */
export function normaliseOrgRole(value: string | null | undefined): OrgRole | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const key = compactKey(value);
  if (key === 'admin' || key === 'member' || key === 'viewer') return key;
  return value.trim();
}

/** A team member row's role (`VIEW_ONLY`→`view-only`, custom names kept); from the `admin` flag when W&B sends no role. */
export function teamRoleOf(row: Pick<TeamMemberData, 'role' | 'admin'>): TeamRole {
  if (row.role === null || row.role.trim() === '') return row.admin === true ? 'admin' : 'member';
  const key = compactKey(row.role);
  if (key === 'admin' || key === 'member') return key;
  if (key === 'viewonly') return 'view-only';
  return row.role.trim();
}

/** `service` when W&B's `accountType` mentions a service account; `user` otherwise, including when absent. */
export function accountTypeOf(value: string | null | undefined): 'user' | 'service' {
  return value !== null && value !== undefined && /service/i.test(value) ? 'service' : 'user';
}

/** The Models seat figures when the org query reports all four; null when any is missing. */
export function seatUseOf(
  organization: Pick<OrgData, 'usedSeats' | 'usedViewOnlySeats' | 'seatAvailability'>,
): SeatUse | null {
  const { usedSeats, usedViewOnlySeats, seatAvailability } = organization;
  // `seatAvailability.seats` is read as the seat total (what the plan allows), not seats left:
  // API.md gives the field names only.
  const fullTotal = seatAvailability?.seats ?? null;
  const viewerTotal = seatAvailability?.viewOnlySeats ?? null;
  if (usedSeats === null || usedViewOnlySeats === null || fullTotal === null || viewerTotal === null)
    return null;
  return {
    modelsFullUsed: usedSeats,
    modelsFullTotal: fullTotal,
    modelsViewerUsed: usedViewOnlySeats,
    modelsViewerTotal: viewerTotal,
  };
}

/** The sentence shown when the org query was rejected; names the field, or the whole query when the field is not known (a choice restored from storage). */
export function fallbackReasonFor(field: string | null, scope: DirectoryScope): string {
  const rejected = field ?? 'the organization member query';
  return scope.kind === 'org'
    ? `This W&B server rejected ${rejected}, so the member list was built team by team.`
    : `This W&B server rejected ${rejected}, so org roles, seats and last activity are not shown.`;
}

/** Compares two optional texts case-insensitively, missing ones last; 0 when equal. */
export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  if (left !== right) return left < right ? -1 : 1;
  return a < b ? -1 : 1;
}
