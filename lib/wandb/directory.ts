/**
 * The member directory, normalised. Two ways to build it (product.md, "Mind what the fallback can
 * see"): the single org query, which sees everyone but uses [3P] fields a server may reject, and
 * the per-team fallback, which uses only verified fields but sees only the viewer's own teams.
 * The loader picks the first, falls back to the second on a schema mismatch, remembers that
 * choice, and always says which one it used and what it could not see.
 */

import type { z } from 'zod';
import { revealBidiControls } from '../csv/neutralise';
import { cancelledError, isWandbError, notFoundError, notSignedInError } from './errors';
import { type GraphqlTransport, type RetryOptions, withRetry } from './graphql';
import { ORG_DIRECTORY_QUERY, ORG_LOOKUP_QUERY, TEAM_MEMBERS_QUERY, VIEWER_QUERY } from './operations';
import { mapWithConcurrency } from './pool';
import {
  type OrgDirectoryData,
  type OrgMemberData,
  type OrgPendingInviteData,
  orgDirectoryDataSchema,
  orgLookupDataSchema,
  type TeamMemberData,
  type TeamMembersData,
  teamMembersDataSchema,
  type ViewerData,
  viewerDataSchema,
} from './schemas';

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
  /** Member count, pending invites, seats and the viewer's rights; throws `not-found` when the org or team is not visible. */
  loadSummary(scope: DirectoryScope, options?: LoadOptions): Promise<DirectorySummary>;
  /** Every visible member, invite and team; throws `not-found` when the org or team is not visible. */
  loadDirectory(scope: DirectoryScope, options?: LoadOptions): Promise<Directory>;
}

// ---- Normalisation (pure, exported for tests and the export tool). ----

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
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  if (left !== right) return left < right ? -1 : 1;
  return a < b ? -1 : 1;
}

// ---- Building a directory from whatever was read. ----

/** An org the org query found (never null here: callers handle the missing org first). */
type OrgData = NonNullable<OrgDirectoryData['organization']>;
/** A team entity that W&B showed (never null here). */
type TeamEntity = NonNullable<TeamMembersData['entity']>;
/** A signed-in viewer (never null here). */
type ViewerUser = NonNullable<ViewerData['viewer']>;

/** A member being assembled from several rows; teams keyed by name (role `unknown` until a team list tells). */
interface MemberDraft extends Omit<DirectoryMember, 'teams'> {
  teams: Map<string, TeamRole>;
}

/** The identities a row can be matched by, most reliable first; empty when the row has neither username nor id. */
function identityKeys(row: { username: string | null; id: string | null }): string[] {
  const keys: string[] = [];
  if (row.username !== null) keys.push(`username:${row.username}`);
  if (row.id !== null) keys.push(`id:${row.id}`);
  return keys;
}

/**
 * Collects members and invites from the org query and team lists, merging rows that are the same
 * person (by username, else id) and invites that are the same invite (by id, else email and team).
 */
class DirectoryBuilder {
  private readonly drafts: MemberDraft[] = [];
  private readonly draftsByKey = new Map<string, MemberDraft>();
  private readonly invites: DirectoryInvite[] = [];
  private readonly inviteKeys = new Set<string>();

  /** The draft for a row's identity; undefined when no row of that person was added yet. */
  find(row: { username: string | null; id: string | null }): MemberDraft | undefined {
    for (const key of identityKeys(row)) {
      const draft = this.draftsByKey.get(key);
      if (draft) return draft;
    }
    return undefined;
  }

  private remember(draft: MemberDraft): MemberDraft {
    for (const key of identityKeys(draft)) if (!this.draftsByKey.has(key)) this.draftsByKey.set(key, draft);
    return draft;
  }

  /** Adds a row of the org query, with its teams as `unknown` roles until a team list tells. */
  addOrgMember(row: OrgMemberData): MemberDraft {
    const existing = this.find(row);
    if (existing) return existing;
    const draft: MemberDraft = {
      id: row.id,
      username: row.username,
      name: revealBidiControls(row.name ?? row.username ?? row.email ?? ''),
      email: row.email,
      orgRole: normaliseOrgRole(row.role),
      modelsSeat: normaliseSeat(row.modelsSeat),
      weaveAccess: normaliseSeat(row.weaveRole),
      status: row.user?.deletedAt ? 'deactivated' : 'active',
      accountType: 'user',
      teams: new Map(row.teams.map((team) => [team.name, 'unknown'])),
      lastActiveAt: row.user?.loggedInAt ?? null,
    };
    this.drafts.push(draft);
    return this.remember(draft);
  }

  /** Adds a non-pending row of a team list (team role and account type), creating the member if new. */
  addTeamMember(team: string, row: TeamMemberData): MemberDraft {
    let draft = this.find(row);
    if (!draft) {
      draft = {
        id: row.id,
        username: row.username,
        name: revealBidiControls(row.name),
        email: row.email,
        orgRole: null,
        modelsSeat: null,
        weaveAccess: null,
        status: 'active',
        accountType: 'user',
        teams: new Map(),
        lastActiveAt: null,
      };
      this.drafts.push(draft);
    }
    draft.teams.set(team, teamRoleOf(row));
    if (accountTypeOf(row.accountType) === 'service') draft.accountType = 'service';
    draft.id ??= row.id;
    draft.username ??= row.username;
    draft.email ??= row.email;
    return this.remember(draft);
  }

  /** Adds an invite unless one with the same id, or the same email and team, is already there. */
  addInvite(invite: DirectoryInvite): void {
    const keys = [
      ...(invite.id === null ? [] : [`id:${invite.id}`]),
      ...(invite.email === '' ? [] : [`to:${invite.email.toLowerCase()}|${invite.team ?? ''}`]),
    ];
    if (keys.some((key) => this.inviteKeys.has(key))) return;
    for (const key of keys) this.inviteKeys.add(key);
    this.invites.push(invite);
  }

  /** Adds the org query's pending invites (preferred: they carry role and date). */
  addOrgInvites(invites: readonly OrgPendingInviteData[]): void {
    for (const invite of invites) {
      this.addInvite({
        id: invite.id,
        email: invite.email ?? '',
        team: invite.entity?.name ?? null,
        role: invite.role,
        createdAt: invite.createdAt,
      });
    }
  }

  /** Adds every row of a team list: members as members, `pending` rows as invites; returns the members. */
  addTeam(entity: TeamEntity): MemberDraft[] {
    const members: MemberDraft[] = [];
    for (const row of entity.members) {
      if (row.pending === true) {
        this.addInvite({
          id: row.id,
          email: row.email ?? row.username ?? '',
          team: entity.name,
          role: teamRoleOf(row),
          createdAt: null,
        });
      } else {
        members.push(this.addTeamMember(entity.name, row));
      }
    }
    return members;
  }

  /** The members, sorted by username (then name), each with teams sorted by name; `onlyTeam` keeps just that team. */
  members(drafts: readonly MemberDraft[] = this.drafts, onlyTeam?: string): DirectoryMember[] {
    return [...new Set(drafts)]
      .map((draft) => ({
        ...draft,
        teams: [...draft.teams]
          .filter(([team]) => onlyTeam === undefined || team === onlyTeam)
          .map(([team, role]) => ({ team, role }))
          .sort((a, b) => compareText(a.team, b.team)),
      }))
      .sort(
        (a, b) =>
          compareText(a.username, b.username) || compareText(a.name, b.name) || compareText(a.id, b.id),
      );
  }

  /** The invites sorted by email then team; `onlyTeam` keeps that team's. */
  inviteList(onlyTeam?: string): DirectoryInvite[] {
    return this.invites
      .filter((invite) => onlyTeam === undefined || invite.team === onlyTeam)
      .sort((a, b) => compareText(a.email, b.email) || compareText(a.team, b.team));
  }
}

/** Non-pending members of a team list, counted once each (by username, else id); rows with neither each count. */
function countTeamMembers(entity: TeamEntity): number {
  const builder = new DirectoryBuilder();
  return new Set(
    entity.members.filter((row) => row.pending !== true).map((row) => builder.addTeamMember('', row)),
  ).size;
}

/** The viewer's row in a list; undefined when the viewer is not in it. */
function viewerRowIn<Row extends { username: string | null; id: string | null }>(
  rows: readonly Row[],
  viewer: ViewerUser,
  userIdOf: (row: Row) => string | null = () => null,
): Row | undefined {
  return (
    rows.find((row) => viewer.username !== null && row.username === viewer.username) ??
    rows.find((row) => row.id === viewer.id || userIdOf(row) === viewer.id)
  );
}

/** Whether the viewer is an org admin per their org row (`role`, else the `admin` flag); false when they have no row. */
function isOrgAdminIn(organization: OrgData, viewer: ViewerUser): boolean {
  const row = viewerRowIn(organization.members, viewer, (member) => member.user?.id ?? null);
  if (!row) return false;
  const role = normaliseOrgRole(row.role);
  return role === null ? row.admin === true : role === 'admin';
}

/** Whether the viewer is admin of any of these teams; false when they are in none. */
function isAdminInAnyTeam(entities: readonly TeamEntity[], viewer: ViewerUser): boolean {
  return entities.some((entity) => {
    const row = viewerRowIn(entity.members, viewer);
    return row !== undefined && row.pending !== true && teamRoleOf(row) === 'admin';
  });
}

/** The viewer on a team's page: org admin status only when the org query answered (null otherwise). */
function teamScopeViewer(
  viewer: ViewerUser,
  entity: TeamEntity,
  organization: OrgData | null,
): DirectoryViewer {
  return {
    username: viewerName(viewer),
    isOrgAdmin: organization !== null ? isOrgAdminIn(organization, viewer) : null,
    isTeamAdmin: isAdminInAnyTeam([entity], viewer),
  };
}

/** The viewer's display name: username, else email, else id. */
function viewerName(viewer: ViewerUser): string {
  return viewer.username ?? viewer.email ?? viewer.id;
}

/** A builder holding the org query's members and pending invites. */
function builderFromOrg(organization: OrgData): DirectoryBuilder {
  const builder = new DirectoryBuilder();
  for (const member of organization.members) builder.addOrgMember(member);
  builder.addOrgInvites(organization.pendingInvites);
  return builder;
}

/** The names without repeats, first occurrence first; `[]` for none. */
function uniqueNames(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

// ---- The loader. ----

/** The reads of one load: retried, counted, cancellable, with progress reporting. */
interface ReadSession {
  /** Aborted when the caller aborts or the load ends, so no read outlives its load. */
  readonly signal: AbortSignal;
  /** HTTP requests sent so far, retries included. */
  readonly requests: number;
  /** One read through `withRetry`; `signal` overrides the load's (the pool's, to stop siblings). */
  read<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** Tells the caller's `onProgress`, if any. */
  progress(progress: LoadProgress): void;
  /** Ends the session: reads still running (a sibling of a failed read, a backoff) are aborted. */
  close(): void;
}

/** The org query's result: its organization (null when not found), or `accepted: false` when the server rejects its fields. */
type OrgQueryOutcome = { accepted: true; organization: OrgData | null } | { accepted: false };

/** Creates a loader; it remembers the org-query decision for its whole life (one per W&B deployment). */
export function createDirectoryLoader(
  transport: GraphqlTransport,
  options: DirectoryLoaderOptions = {},
): DirectoryLoader {
  const concurrency = options.concurrency ?? 8;
  let strategy: DirectoryStrategy = options.initialStrategy ?? 'unknown';
  let rejectedField: string | null = null;

  /** Records the strategy (and the rejected field, null when accepted) and reports a change; returns nothing. */
  function decide(next: DirectorySource, field: string | null): void {
    const changed = next !== strategy;
    strategy = next;
    rejectedField = field;
    if (!changed || !options.onStrategyChange) return;
    // The stored choice is only a cache: failing to store it costs one extra request later.
    Promise.resolve()
      .then(() => options.onStrategyChange?.(next, field))
      .catch(() => {});
  }

  /** A fresh read session for one load; throws `cancelled` if the caller's signal is already aborted. */
  function openSession(loadOptions: LoadOptions = {}): ReadSession {
    const { signal: callerSignal, onProgress } = loadOptions;
    if (callerSignal?.aborted) throw cancelledError();
    const controller = new AbortController();
    const abort = () => controller.abort();
    callerSignal?.addEventListener('abort', abort, { once: true });
    const signal = controller.signal;
    let requests = 0;
    return {
      signal,
      get requests() {
        return requests;
      },
      read<T>(
        document: string,
        variables: Record<string, unknown>,
        schema: z.ZodType<T>,
        readSignal = signal,
      ) {
        return withRetry(
          () => {
            requests++;
            return transport.request(document, variables, schema, { signal: readSignal });
          },
          { ...options.retry, signal: readSignal },
        );
      },
      progress(progress) {
        onProgress?.(progress);
      },
      close() {
        callerSignal?.removeEventListener('abort', abort);
        controller.abort();
      },
    };
  }

  /** Runs `load` in a fresh session and closes it however `load` ends; resolves or rejects as `load` does. */
  async function inSession<T>(
    loadOptions: LoadOptions | undefined,
    load: (session: ReadSession) => Promise<T>,
  ) {
    const session = openSession(loadOptions);
    try {
      return await load(session);
    } finally {
      session.close();
    }
  }

  /** The signed-in user; throws `not-signed-in` when W&B answers `viewer: null`. */
  async function readViewer(session: ReadSession): Promise<ViewerUser> {
    const data = await session.read(VIEWER_QUERY, {}, viewerDataSchema);
    if (data.viewer === null) throw notSignedInError();
    return data.viewer;
  }

  /** The org query's answer, or `accepted: false` when this server rejects its fields (remembered). */
  async function tryOrgQuery(session: ReadSession, org: string): Promise<OrgQueryOutcome> {
    if (strategy === 'per-team') return { accepted: false };
    try {
      const data = await session.read(ORG_DIRECTORY_QUERY, { org }, orgDirectoryDataSchema);
      decide('org-query', null);
      return { accepted: true, organization: data.organization };
    } catch (error) {
      if (!isWandbError(error, 'schema-mismatch')) throw error;
      decide('per-team', error.field ?? null);
      return { accepted: false };
    }
  }

  /** A team's list; null when W&B does not show it to the viewer (absent, or permission denied). */
  async function readTeamIfVisible(
    session: ReadSession,
    team: string,
    signal: AbortSignal | undefined,
  ): Promise<TeamEntity | null> {
    try {
      const data = await session.read(TEAM_MEMBERS_QUERY, { name: team }, teamMembersDataSchema, signal);
      return data.entity?.isTeam ? data.entity : null;
    } catch (error) {
      // One team the viewer may not list must not sink the whole directory; it is reported as
      // incomplete instead.
      if (isWandbError(error, 'not-admin', 'not-found')) return null;
      throw error;
    }
  }

  /** Every named team's list, read concurrently with progress; an entry is null when not visible. */
  async function readTeams(session: ReadSession, teams: readonly string[]): Promise<(TeamEntity | null)[]> {
    let done = 0;
    session.progress({ done, total: teams.length, phase: 'teams' });
    return mapWithConcurrency(
      teams,
      concurrency,
      async (team, _index, signal) => {
        const entity = await readTeamIfVisible(session, team, signal);
        done++;
        session.progress({ done, total: teams.length, phase: 'teams' });
        return entity;
      },
      { signal: session.signal },
    );
  }

  /** The org's identity via the verified lookup; throws not-found when W&B shows no such org. */
  async function lookUpOrg(session: ReadSession, org: string): Promise<{ id: string; name: string }> {
    const data = await session.read(ORG_LOOKUP_QUERY, { org }, orgLookupDataSchema);
    if (data.organization === null) throw orgNotFound(org);
    return data.organization;
  }

  /** The not-found error for an org W&B does not show. */
  function orgNotFound(org: string) {
    return notFoundError(
      `There is no organization named "${org}" on this W&B server, or you are not a member of it.`,
    );
  }

  /** The not-found error for a team W&B does not show. */
  function teamNotFound(team: string) {
    return notFoundError(`There is no team named "${team}" on this W&B server, or you cannot see it.`);
  }

  /** What the per-team fallback sees of an org: the viewer's teams that belong to it. */
  async function readOrgTeamByTeam(session: ReadSession, org: string, viewer: ViewerUser) {
    const orgInfo = await lookUpOrg(session, org);
    const lists = await readTeams(session, uniqueNames(viewer.teams.map((team) => team.name)));
    const entities = lists.filter(
      (entity): entity is TeamEntity => entity !== null && entity.organization?.name === orgInfo.name,
    );
    return { orgInfo, entities };
  }

  /** Reads the org query alongside the viewer unless the fallback is already known to be needed. */
  async function readOrgScopeStart(session: ReadSession, org: string) {
    session.progress({ done: 0, total: 1, phase: 'organization' });
    const [viewer, outcome] = await Promise.all([readViewer(session), tryOrgQuery(session, org)]);
    session.progress({ done: 1, total: 1, phase: 'organization' });
    return { viewer, outcome };
  }

  /** The org query's data for a team's org, or null when it cannot be had (rejected, refused, failed). */
  async function tryOrgDataForTeam(session: ReadSession, org: string | null): Promise<OrgData | null> {
    if (org === null) return null;
    try {
      const outcome = await tryOrgQuery(session, org);
      return outcome.accepted ? outcome.organization : null;
    } catch (error) {
      // Org figures are an extra on a team page (a team admin is often not an org admin);
      // only cancellation and a lost session are worth stopping for.
      if (isWandbError(error, 'cancelled', 'not-signed-in')) throw error;
      return null;
    }
  }

  /**
   * The viewer, the team (throws not-found when W&B does not show it) and, when it can be had,
   * its org's data (null when rejected, refused or the team has no org).
   */
  async function readTeamScopeStart(session: ReadSession, scope: Extract<DirectoryScope, { kind: 'team' }>) {
    session.progress({ done: 0, total: 1, phase: 'teams' });
    const [viewer, teamData] = await Promise.all([
      readViewer(session),
      session.read(TEAM_MEMBERS_QUERY, { name: scope.team }, teamMembersDataSchema),
    ]);
    session.progress({ done: 1, total: 1, phase: 'teams' });
    const entity = teamData.entity;
    if (entity === null || !entity.isTeam) throw teamNotFound(scope.team);
    const orgName = entity.organization?.name ?? scope.org;
    session.progress({ done: 0, total: 1, phase: 'organization' });
    const organization = await tryOrgDataForTeam(session, orgName);
    session.progress({ done: 1, total: 1, phase: 'organization' });
    const org =
      organization !== null
        ? { id: organization.id, name: organization.name }
        : entity.organization !== null
          ? { id: entity.organization.id, name: entity.organization.name }
          : orgName !== null
            ? { id: null, name: orgName }
            : null;
    return { viewer, entity, organization, org };
  }

  /** The fallback sentence for this scope; null while the org query is accepted or untried. */
  function currentFallbackReason(scope: DirectoryScope): string | null {
    return strategy === 'per-team' ? fallbackReasonFor(rejectedField, scope) : null;
  }

  /** See `DirectoryLoader.loadSummary`; throws not-found for an org or team W&B does not show. */
  async function loadSummary(scope: DirectoryScope, session: ReadSession): Promise<DirectorySummary> {
    if (scope.kind === 'team') {
      const { viewer, entity, organization, org } = await readTeamScopeStart(session, scope);
      const builder = new DirectoryBuilder();
      const members = builder.addTeam(entity);
      return {
        scope,
        source: organization !== null ? 'org-query' : 'per-team',
        fallbackReason: currentFallbackReason(scope),
        memberCount: new Set(members).size,
        pendingInvites: builder.inviteList().length,
        seats: organization !== null ? seatUseOf(organization) : null,
        viewer: teamScopeViewer(viewer, entity, organization),
        visibleTeams: 1,
        complete: true,
        org,
        requests: session.requests,
      };
    }

    const { viewer, outcome } = await readOrgScopeStart(session, scope.org);
    if (outcome.accepted) {
      const organization = outcome.organization;
      if (organization === null) throw orgNotFound(scope.org);
      const builder = builderFromOrg(organization);
      return {
        scope,
        source: 'org-query',
        fallbackReason: null,
        memberCount: builder.members().length,
        pendingInvites: builder.inviteList().length,
        seats: seatUseOf(organization),
        // Team roles are not in the org query; reading every team just for this flag would make
        // the bar as slow as a full load.
        viewer: {
          username: viewerName(viewer),
          isOrgAdmin: isOrgAdminIn(organization, viewer),
          isTeamAdmin: null,
        },
        visibleTeams: organization.teams.length,
        complete: true,
        org: { id: organization.id, name: organization.name },
        requests: session.requests,
      };
    }

    const { orgInfo, entities } = await readOrgTeamByTeam(session, scope.org, viewer);
    const builder = new DirectoryBuilder();
    for (const entity of entities) builder.addTeam(entity);
    return {
      scope,
      source: 'per-team',
      fallbackReason: currentFallbackReason(scope),
      memberCount: builder.members().length,
      pendingInvites: builder.inviteList().length,
      seats: null,
      viewer: {
        username: viewerName(viewer),
        isOrgAdmin: null,
        isTeamAdmin: isAdminInAnyTeam(entities, viewer),
      },
      visibleTeams: entities.length,
      complete: false,
      org: orgInfo,
      requests: session.requests,
    };
  }

  /** See `DirectoryLoader.loadDirectory`; throws not-found for an org or team W&B does not show. */
  async function loadDirectory(scope: DirectoryScope, session: ReadSession): Promise<Directory> {
    if (scope.kind === 'team') {
      const { viewer, entity, organization, org } = await readTeamScopeStart(session, scope);
      const builder = new DirectoryBuilder();
      if (organization !== null) {
        // Org rows of the people in this team's list add org role, seats and last activity;
        // matched by identity, not by the org row's team names, which may lag behind the list.
        const inTeam = new Set(entity.members.flatMap((row) => identityKeys(row)));
        for (const member of organization.members) {
          if (identityKeys(member).some((key) => inTeam.has(key))) builder.addOrgMember(member);
        }
        builder.addOrgInvites(
          organization.pendingInvites.filter((invite) => invite.entity?.name === entity.name),
        );
      }
      const teamMembers = builder.addTeam(entity);
      const members = builder.members(teamMembers, entity.name);
      return {
        scope,
        org,
        source: organization !== null ? 'org-query' : 'per-team',
        fallbackReason: currentFallbackReason(scope),
        members,
        invites: builder.inviteList(entity.name),
        teams: [{ name: entity.name, memberCount: members.length }],
        seats: organization !== null ? seatUseOf(organization) : null,
        viewer: teamScopeViewer(viewer, entity, organization),
        visibleTeams: 1,
        complete: true,
        requests: session.requests,
      };
    }

    const { viewer, outcome } = await readOrgScopeStart(session, scope.org);

    if (outcome.accepted) {
      const organization = outcome.organization;
      if (organization === null) throw orgNotFound(scope.org);
      const builder = builderFromOrg(organization);
      const teamNames = uniqueNames([
        ...organization.teams.map((team) => team.name),
        ...organization.members.flatMap((member) => member.teams.map((team) => team.name)),
      ]);
      const lists = await readTeams(session, teamNames);
      const visible = lists.filter((entity): entity is TeamEntity => entity !== null);
      for (const entity of visible) builder.addTeam(entity);
      const countsFromOrg = new Map(organization.teams.map((team) => [team.name, team.memberCount]));
      const countsFromLists = new Map(visible.map((entity) => [entity.name, countTeamMembers(entity)]));
      return {
        scope,
        org: { id: organization.id, name: organization.name },
        source: 'org-query',
        fallbackReason: null,
        members: builder.members(),
        invites: builder.inviteList(),
        teams: teamNames
          .map((name) => ({ name, memberCount: countsFromLists.get(name) ?? countsFromOrg.get(name) ?? 0 }))
          .sort((a, b) => compareText(a.name, b.name)),
        seats: seatUseOf(organization),
        viewer: {
          username: viewerName(viewer),
          isOrgAdmin: isOrgAdminIn(organization, viewer),
          isTeamAdmin: isAdminInAnyTeam(visible, viewer),
        },
        visibleTeams: teamNames.length,
        complete: visible.length === teamNames.length,
        requests: session.requests,
      };
    }

    const { orgInfo, entities } = await readOrgTeamByTeam(session, scope.org, viewer);
    const builder = new DirectoryBuilder();
    for (const entity of entities) builder.addTeam(entity);
    return {
      scope,
      org: orgInfo,
      source: 'per-team',
      fallbackReason: currentFallbackReason(scope),
      members: builder.members(),
      invites: builder.inviteList(),
      teams: entities
        .map((entity) => ({ name: entity.name, memberCount: countTeamMembers(entity) }))
        .sort((a, b) => compareText(a.name, b.name)),
      seats: null,
      viewer: {
        username: viewerName(viewer),
        isOrgAdmin: null,
        isTeamAdmin: isAdminInAnyTeam(entities, viewer),
      },
      visibleTeams: entities.length,
      complete: false,
      requests: session.requests,
    };
  }

  /** See `DirectoryLoader.resolveEntity`; throws not-found when the name is neither an org nor a team. */
  async function resolveEntity(name: string, session: ReadSession): Promise<DirectoryScope> {
    const lookup = await session.read(ORG_LOOKUP_QUERY, { org: name }, orgLookupDataSchema);
    if (lookup.organization !== null) return { kind: 'org', org: lookup.organization.name };
    const team = await session.read(TEAM_MEMBERS_QUERY, { name }, teamMembersDataSchema);
    if (team.entity?.isTeam) {
      return { kind: 'team', team: team.entity.name, org: team.entity.organization?.name ?? null };
    }
    throw notFoundError(
      `There is no organization or team named "${name}" on this W&B server that you can see.`,
    );
  }

  return {
    get strategy() {
      return strategy;
    },
    get rejectedField() {
      return rejectedField;
    },
    resolveEntity: (name, resolveOptions) =>
      inSession(resolveOptions, (session) => resolveEntity(name, session)),
    loadSummary: (scope, loadOptions) => inSession(loadOptions, (session) => loadSummary(scope, session)),
    loadDirectory: (scope, loadOptions) => inSession(loadOptions, (session) => loadDirectory(scope, session)),
  };
}
