/**
 * The member directory, normalised. Two ways to build it (product.md, "Mind what the fallback can
 * see"): the single org query, which sees everyone but uses [3P] fields a server may reject, and
 * the per-team fallback, which uses only verified fields but sees only the viewer's own teams.
 * The loader picks the first, falls back to the second on a schema mismatch, remembers that
 * choice, and always says which one it used and what it could not see.
 *
 * The org query is read in `org-query.ts`, the fallback in `per-team.ts`, a team's page in
 * `team-scope.ts`; what they share is in `session.ts` (reads), `builder.ts` and `normalise.ts`.
 */
export { createDirectoryLoader } from './loader';
export {
  accountTypeOf,
  fallbackReasonFor,
  normaliseOrgRole,
  normaliseSeat,
  seatUseOf,
  teamRoleOf,
} from './normalise';
export type {
  Directory,
  DirectoryInvite,
  DirectoryLoader,
  DirectoryLoaderOptions,
  DirectoryMember,
  DirectoryScope,
  DirectorySource,
  DirectoryStrategy,
  DirectorySummary,
  DirectoryViewer,
  LoadOptions,
  LoadPhase,
  LoadProgress,
  OrgRole,
  Scope,
  SeatType,
  SeatUse,
  TeamRole,
} from './types';
