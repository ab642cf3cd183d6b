/** The directory's shapes: what a load returns, how it is asked for, and the rows it is built from. */
import type { RetryOptions } from '../graphql';
import type { OrgDirectoryData, TeamMembersData, ViewerData } from '../schemas';

/** An org role: `admin`, `member`, `viewer`, or a custom role's name as W&B spells it. */
export type OrgRole = string;
/** A Models seat or Weave access level, normalised. */
export type SeatType = 'full' | 'viewer' | 'no-access';
/** A team role: `admin`, `member`, `view-only`, a custom role's name, or `unknown` when only membership is known. */
export type TeamRole = string;

/** One member of the directory; every nullable field is null when this W&B server does not tell. */
export interface DirectoryMember {
  id: string | null;
  username: string | null;
  name: string;
  email: string | null;
  /** null when unknown (per-team fallback). */
  orgRole: OrgRole | null;
  /** Normalised case- and separator-insensitively; unrecognised values kept as sent; null when unknown. */
  modelsSeat: SeatType | string | null;
  /** Same normalisation as `modelsSeat`; null when unknown. */
  weaveAccess: SeatType | string | null;
  /** `deactivated` when the org query reports `user.deletedAt`; `active` otherwise (and whenever unknown). */
  status: 'active' | 'deactivated';
  /** `service` when a team list says so; `user` otherwise (and whenever unknown). */
  accountType: 'user' | 'service';
  /** Sorted by team name; empty when the member is in no visible team. */
  teams: { team: string; role: TeamRole }[];
  /** `user.loggedInAt` from the org query (ISO 8601); null when unknown. */
  lastActiveAt: string | null;
}

/** A pending invite; nullable fields are null when W&B does not tell (email is `''` only if W&B gives neither email nor username). */
export interface DirectoryInvite {
  id: string | null;
  email: string;
  team: string | null;
  role: string | null;
  createdAt: string | null;
}

/** Seat use for Models; only built when the server reports all four figures. */
export interface SeatUse {
  modelsFullUsed: number;
  modelsFullTotal: number;
  modelsViewerUsed: number;
  modelsViewerTotal: number;
}

/** What a directory or summary covers: a whole org, or one team (`org` null when the team's org is not known yet). */
export type DirectoryScope =
  | { kind: 'org'; org: string }
  | { kind: 'team'; team: string; org: string | null };
/** Short name for `DirectoryScope`, used by the background's handlers. */
export type Scope = DirectoryScope;

/** How the member list was built. */
export type DirectorySource = 'org-query' | 'per-team';

/** The loader's remembered choice; `unknown` until the org query has been tried once. */
export type DirectoryStrategy = 'unknown' | DirectorySource;

/** Who is looking; a flag is null when it cannot be verified with what this server offers. */
export interface DirectoryViewer {
  username: string;
  isOrgAdmin: boolean | null;
  isTeamAdmin: boolean | null;
}

/** The full member directory of one scope. */
export interface Directory {
  scope: DirectoryScope;
  /** null only when a team belongs to no organization. */
  org: { id: string | null; name: string } | null;
  source: DirectorySource;
  /** Why the per-team fallback (or a team view without org figures) was used; null when nothing was rejected. */
  fallbackReason: string | null;
  /** Active and deactivated users and service accounts, never pending invites; sorted by username. */
  members: DirectoryMember[];
  /** Sorted by email, then team. */
  invites: DirectoryInvite[];
  /** Sorted by name; `memberCount` counts non-pending members. */
  teams: { name: string; memberCount: number }[];
  /** null when the server does not offer seat counts. */
  seats: SeatUse | null;
  viewer: DirectoryViewer;
  visibleTeams: number;
  /** false when some team, or members only in such teams, could not be seen. */
  complete: boolean;
  /** GraphQL requests made to build it, retries included. */
  requests: number;
  /** Set when the admin key's SCIM reads completed a per-team directory (./scim-fill.ts). */
  filledFromScim?: ScimFill;
}

/** How much SCIM added to a per-team directory, and when it was read. */
export interface ScimFill {
  users: number;
  groups: number;
  /** ISO 8601. */
  readAt: string;
}

/** The cheap figures for the toolkit bar; same meanings as in `Directory`. */
export interface DirectorySummary {
  scope: DirectoryScope;
  source: DirectorySource;
  fallbackReason: string | null;
  memberCount: number;
  pendingInvites: number;
  seats: SeatUse | null;
  viewer: DirectoryViewer;
  visibleTeams: number;
  complete: boolean;
  org: { id: string | null; name: string } | null;
  /** GraphQL requests made (set by the loader; absent in hand-made summaries such as UI fixtures). */
  requests?: number;
  /** Set when the admin key's SCIM reads completed a per-team summary. */
  filledFromScim?: ScimFill;
}

/** Which part of a load is running. */
export type LoadPhase = 'organization' | 'teams' | 'activity';

/** Progress of a load: `done` of `total` steps of `phase`. */
export interface LoadProgress {
  done: number;
  total: number;
  phase: LoadPhase;
}

/** Options of one load; both optional. */
export interface LoadOptions {
  /** Aborting rejects the load with a `cancelled` WandbError. */
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
}

/** Settings of a loader; all optional. */
export interface DirectoryLoaderOptions {
  /** Team reads in flight at once (default 8). */
  concurrency?: number;
  /** How reads are retried (sleep and random are injectable for tests and the bench). */
  retry?: Omit<RetryOptions, 'signal'>;
  /** A choice remembered from earlier (e.g. before the service worker restarted); default `unknown`. */
  initialStrategy?: DirectoryStrategy;
  /** Told whenever the choice changes, so it can be stored; its failures are ignored (the choice is only a cache). */
  onStrategyChange?: (strategy: DirectorySource, rejectedField: string | null) => void | Promise<void>;
}

/** Reads the member directory of one W&B deployment, remembering whether its server accepts the org query. */
export interface DirectoryLoader {
  /** The remembered choice: `unknown` before the org query was first tried. */
  readonly strategy: DirectoryStrategy;
  /** The field whose rejection caused the fallback; null while the org query is accepted or untried, or when the fallback was restored from storage. */
  readonly rejectedField: string | null;
  /** The scope a settings-page name stands for (org first, then team); throws `not-found` when it is neither. */
  resolveEntity(name: string, options?: { signal?: AbortSignal }): Promise<DirectoryScope>;
  /** The organization a dedicated instance's admin page (no org in its URL) is for; throws `not-found` when the viewer's teams name none or several. */
  resolveInstanceOrg(options?: { signal?: AbortSignal }): Promise<DirectoryScope>;
  /** Member count, pending invites, seats and the viewer's rights; throws `not-found` when the org or team is not visible. */
  loadSummary(scope: DirectoryScope, options?: LoadOptions): Promise<DirectorySummary>;
  /** Every visible member, invite and team; throws `not-found` when the org or team is not visible. */
  loadDirectory(scope: DirectoryScope, options?: LoadOptions): Promise<Directory>;
}

// ---- Rows as read, inside the loader. ----

/** An org the org query found (never null here: callers handle the missing org first). */
export type OrgData = NonNullable<OrgDirectoryData['organization']>;
/** A team entity that W&B showed (never null here). */
export type TeamEntity = NonNullable<TeamMembersData['entity']>;
/** A signed-in viewer (never null here). */
export type ViewerUser = NonNullable<ViewerData['viewer']>;
