/**
 * The simulated W&B GraphQL surface: only what shared/wandb-api/API.md lists. Every field line
 * ends with its source tag. The strict-verified schema is the same SDL with every [3P] line (and
 * every [3P]-only type) removed, so it rejects third-party-observed fields exactly as a server
 * without them would: a graphql-js validation error "Cannot query field … on type …".
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { InviteRec, MemberRec, OrgState, ProjectRec, RunRec, TeamRec } from './state';
import { SimError } from './state';

export const SDL = /* GraphQL */ `
schema { # [SDL]
  query: Query # [SDL]
  mutation: Mutation # [SDL]
}

scalar DateTime # [SDL]
scalar JSONString # [SDL]

interface Node { # [SDL]
  id: ID! # [SDL] Node.id
}

type Query { # [SDL]
  viewer(entityName: String): User # [SDL] Query.viewer
  organization(id: ID, name: String): Organization # [SDL] Query.organization
  entity(name: String, login: Boolean): Entity # [SDL] Query.entity
  project(name: String, entityName: String): Project # [SDL] Query.project; [SDK] Runs
  projects(entityName: String, order: String, after: String, first: Int): ProjectConnection # [SDL] Query.projects (args before, last, anonymous not simulated)
  users(query: String, before: String, after: String, first: Int, last: Int, usernames: [String!], ids: [ID!]): UserConnection # [SDL] Query.users
}

type UserConnection { # [SDL] Query.users
  edges: [UserEdge!]! # [SDK] SearchUsers users.edges
}

type UserEdge { # [SDK] SearchUsers
  node: User # [SDK] SearchUsers edges.node
}

type ApiKeyConnection { # [SDK] UserFragment apiKeys
  edges: [ApiKeyEdge!]! # [SDK] UserFragment apiKeys.edges
}

type ApiKeyEdge { # [SDK] UserFragment apiKeys
  node: ApiKey # [SDK] UserFragment apiKeys.edges.node
}

type ApiKey { # [SDK] ApiKeyFragment
  id: ID! # [SDK] ApiKeyFragment id
  name: String! # [SDK] ApiKeyFragment name
  description: String # [SDK] ApiKeyFragment description
}

type Mutation { # [SDK]
  createInvite(input: CreateInviteInput!): CreateInvitePayload # [SDK] CreateInvite
  deleteInvite(input: DeleteInviteInput!): DeleteInvitePayload # [SDK] DeleteInvite
}

type User implements Node { # [SDL]
  id: ID! # [SDL] User.id
  name: String! # [SDL] User.name
  username: String # [SDL] User.username
  email: String # [SDL] User.email
  admin: Boolean # [SDK] UserFragment admin
  deletedAt: DateTime # [SDL] User.deletedAt
  loggedInAt: DateTime # [3P] OrganizationSubscriptionInfo members.user.loggedInAt
  teams(before: String, after: String, first: Int, last: Int): EntityConnection # [SDL] User.teams
  apiKeys: ApiKeyConnection # [SDK] UserFragment apiKeys
}

type EntityConnection { # [SDL]
  edges: [EntityEdge!]! # [SDL] EntityConnection.edges
}

type EntityEdge { # [SDL]
  node: Entity # [SDL] EntityEdge.node
  cursor: String! # [SDL] EntityEdge.cursor
}

type Entity implements Node { # [SDL]
  id: ID! # [SDL] Entity.id
  name: String! # [SDL] Entity.name
  isTeam: Boolean! # [SDL] Entity.isTeam
  organization: Organization # [SDL] Entity.organization
  members: [Member!]! # [SDK] GetTeamEntity members
  memberCount: Int # [3P] OrganizationSubscriptionInfo teams.memberCount, TeamPage memberCount
}

type Member { # [SDK] GetTeamEntity members
  id: String # [SDK] GetTeamEntity members.id
  admin: Boolean # [SDK] GetTeamEntity members.admin
  pending: Boolean # [SDK] GetTeamEntity members.pending
  email: String # [SDK] GetTeamEntity members.email
  username: String # [SDK] GetTeamEntity members.username
  name: String! # [SDK] GetTeamEntity members.name
  photoUrl: String # [SDK] GetTeamEntity members.photoUrl
  accountType: String # [SDK] GetTeamEntity members.accountType
  apiKey: String # [SDK] GetTeamEntity members.apiKey
  role: String # [SDK] registry_members role; [W&B-FE] useIsTeamAdmin
}

type PageInfo { # [SDL]
  hasNextPage: Boolean! # [SDL] PageInfo.hasNextPage
  hasPreviousPage: Boolean! # [SDL] PageInfo.hasPreviousPage
  startCursor: String # [SDL] PageInfo.startCursor
  endCursor: String # [SDL] PageInfo.endCursor
}

type ProjectConnection { # [SDL]
  pageInfo: PageInfo! # [SDL] ProjectConnection.pageInfo
  edges: [ProjectEdge!]! # [SDL] ProjectConnection.edges
}

type ProjectEdge { # [SDL]
  node: Project # [SDL] ProjectEdge.node
  cursor: String! # [SDL] ProjectEdge.cursor
}

type Project implements Node { # [SDL]
  id: ID! # [SDL] Project.id
  name: String! # [SDL] Project.name
  createdAt: DateTime! # [SDL] Project.createdAt
  runs(filters: JSONString, order: String, first: Int, after: String): RunConnection # [SDL] Project.runs; after: [SDK] Runs
}

type RunConnection { # [SDL]
  totalCount: Int! # [SDL] RunConnection.totalCount
  pageInfo: PageInfo! # [SDL] RunConnection.pageInfo
  edges: [RunEdge!]! # [SDL] RunConnection.edges
}

type RunEdge { # [SDL]
  node: Run! # [SDL] RunEdge.node
  cursor: String! # [SDL] RunEdge.cursor; [SDK] Runs edges.cursor
}

type Run implements Node { # [SDL]
  id: ID! # [SDL] Run.id
  name: String! # [SDL] Run.name
  createdAt: DateTime! # [SDL] Run.createdAt
  heartbeatAt: DateTime # [SDL] Run.heartbeatAt
  user: User # [SDL] Run.user
}

enum OrgType { # [SDL]
  ORGANIZATION # [SDL] OrgType
  PERSONAL # [SDL] OrgType
}

type Organization implements Node { # [SDL]
  id: ID! # [SDL] Organization.id
  name: String! # [SDL] Organization.name
  orgType: OrgType # [3P] OrganizationSubscriptionInfo orgType
  usedSeats: Int # [3P] OrganizationSubscriptionInfo usedSeats
  usedViewOnlySeats: Int # [3P] OrganizationSubscriptionInfo usedViewOnlySeats
  seatAvailability: SeatAvailability # [3P] OrganizationSubscriptionInfo seatAvailability
  teams: [Entity!] # [3P] OrganizationSubscriptionInfo teams
  members: [OrganizationMember!] # [3P] OrganizationSubscriptionInfo members
  pendingInvites: [Invite!] # [3P] OrganizationSubscriptionInfo pendingInvites
}

type SeatAvailability { # [3P] OrganizationSubscriptionInfo seatAvailability (type name not captured)
  seats: Int # [3P] OrganizationSubscriptionInfo seatAvailability.seats
  viewOnlySeats: Int # [3P] OrganizationSubscriptionInfo seatAvailability.viewOnlySeats
}

type OrganizationMember { # [3P] OrganizationSubscriptionInfo members (type name not captured)
  id: ID! # [3P] OrganizationSubscriptionInfo members.id
  username: String # [3P] OrganizationSubscriptionInfo members.username
  name: String # [3P] OrganizationSubscriptionInfo members.name
  email: String # [3P] OrganizationSubscriptionInfo members.email
  admin: Boolean # [3P] OrganizationSubscriptionInfo members.admin
  role: String # [3P] OrganizationSubscriptionInfo members.role
  modelsSeat: String # [3P] OrganizationSubscriptionInfo members.modelsSeat
  weaveRole: String # [3P] OrganizationSubscriptionInfo members.weaveRole
  user: User # [3P] OrganizationSubscriptionInfo members.user
  teams: EntityConnection # [3P] OrganizationSubscriptionInfo members.teams
}

type Invite { # [SDK] CreateInvite invite
  id: ID! # [SDK] CreateInvite invite.id
  name: String # [SDK] CreateInvite invite.name
  email: String # [SDK] CreateInvite invite.email
  createdAt: DateTime # [SDK] CreateInvite invite.createdAt
  toUser: User # [SDK] CreateInvite invite.toUser
  entity: Entity # [3P] OrganizationSubscriptionInfo pendingInvites.entity
  role: String # [3P] OrganizationSubscriptionInfo pendingInvites.role
}

input CreateInviteInput { # [SDK] CreateInvite
  entityName: String! # [SDK] CreateInvite input.entityName
  email: String # [SDK] CreateInvite input.email
  username: String # [SDK] CreateInvite input.username
  admin: Boolean # [SDK] CreateInvite input.admin
}

type CreateInvitePayload { # [SDK] CreateInvite
  invite: Invite # [SDK] CreateInvite result.invite
}

input DeleteInviteInput { # [SDK] DeleteInvite
  id: String # [SDK] DeleteInvite input.id
  entityName: String # [SDK] DeleteInvite input.entityName
}

type DeleteInvitePayload { # [SDK] DeleteInvite
  success: Boolean # [SDK] DeleteInvite result.success
}
`;

/**
 * Removes every line whose comment carries [3P] and every type block whose header line does.
 * Exported for the test that checks the strict schema.
 */
export function stripThirdParty(sdl: string): string {
  const out: string[] = [];
  let skippingBlock = false;
  for (const line of sdl.split('\n')) {
    const comment = line.includes('#') ? line.slice(line.indexOf('#')) : '';
    const tagged = comment.includes('[3P]');
    if (skippingBlock) {
      if (line.trim() === '}') skippingBlock = false;
      continue;
    }
    if (tagged && /^\s*(type|input|enum|interface)\s/.test(line)) {
      skippingBlock = true;
      continue;
    }
    if (tagged) continue;
    out.push(line);
  }
  return out.join('\n');
}

/** The SDL without one field of one type (`Type.field`); the rest as it is. */
export function stripField(sdl: string, coordinate: string): string {
  const [typeName, field] = coordinate.split('.');
  let inType = false;
  return sdl
    .split('\n')
    .filter((line) => {
      const header = /^\s*(type|input|interface)\s+([A-Za-z]+)/.exec(line);
      if (header) inType = header[2] === typeName;
      else if (line.trim() === '}') inType = false;
      return !(inType && new RegExp(`^\\s*${field}\\s*[(:]`).test(line));
    })
    .join('\n');
}

const withoutField = new Map<string, GraphQLSchema>();
/** The full schema without one field, built once per field. */
export function schemaWithout(coordinate: string): GraphQLSchema {
  let schema = withoutField.get(coordinate);
  if (!schema) {
    schema = buildSchema(stripField(SDL, coordinate));
    withoutField.set(coordinate, schema);
  }
  return schema;
}

export const fullSchema: GraphQLSchema = buildSchema(SDL);
export const strictSchema: GraphQLSchema = buildSchema(stripThirdParty(SDL));

export interface GqlContext {
  state: OrgState;
  /** The authenticated caller (session or API key); null when neither was sent. */
  caller: MemberRec | null;
  /** Per-request cache of team views (a 50,000-member directory repeats each team many times). */
  teamViews?: Map<string, ReturnType<typeof teamView>>;
}

// not documented: the real server's wording for an unauthenticated or unauthorised read is unknown
const permissionDenied = () => new Error('permission denied');

function userView(ctx: GqlContext, m: MemberRec) {
  const { state } = ctx;
  return {
    id: m.id,
    name: m.name,
    username: m.username,
    email: m.email,
    // User.admin is the instance-admin flag; nobody is an instance admin on multi-tenant SaaS
    admin: false,
    deletedAt: m.deactivatedAt,
    loggedInAt: m.lastLoginAt,
    // not documented: a user's keys are shown to that user only (the SDK gates other users' keys on
    // instance-admin rights, and the simulated multi-tenant org has no instance admin)
    apiKeys: () => {
      if (ctx.caller?.username !== m.username) throw permissionDenied();
      return {
        edges: state.apiKeys
          .filter((key) => key.owner === m.username)
          .map((key) => ({ node: { id: key.id, name: key.name, description: null } })),
      };
    },
    teams: (args: { first?: number | null }) => {
      const teams = state.teamsOf(m.username);
      const slice = typeof args.first === 'number' ? teams.slice(0, Math.max(0, args.first)) : teams;
      return { edges: slice.map((t) => ({ node: cachedTeamView(ctx, t), cursor: t.id })) };
    },
  };
}

function orgView(ctx: GqlContext) {
  const { state } = ctx;
  return {
    id: state.org.id,
    name: state.org.name,
    orgType: 'ORGANIZATION',
    usedSeats: () => state.seatUsage().usedSeats,
    usedViewOnlySeats: () => state.seatUsage().usedViewOnlySeats,
    seatAvailability: { seats: state.org.seats.models, viewOnlySeats: state.org.seats.modelsViewer },
    teams: () => [...state.teams.values()].map((t) => cachedTeamView(ctx, t)),
    members: () =>
      [...state.members.values()].map((m) => ({
        id: m.id,
        username: m.username,
        name: m.name,
        email: m.email,
        admin: m.orgRole === 'admin',
        role: m.orgRole,
        modelsSeat: m.modelsSeat,
        weaveRole: m.weaveAccess,
        user: () => userView(ctx, m),
        teams: () => ({
          edges: state.teamsOf(m.username).map((t) => ({ node: cachedTeamView(ctx, t), cursor: t.id })),
        }),
      })),
    pendingInvites: () => [...state.invites.values()].map((i) => inviteView(ctx, i)),
  };
}

function cachedTeamView(ctx: GqlContext, team: TeamRec) {
  ctx.teamViews ??= new Map();
  let view = ctx.teamViews.get(team.id);
  if (!view) {
    view = teamView(ctx, team);
    ctx.teamViews.set(team.id, view);
  }
  return view;
}

function teamView(ctx: GqlContext, team: TeamRec) {
  const { state } = ctx;
  return {
    id: team.id,
    name: team.name,
    isTeam: true,
    organization: () => orgView(ctx),
    memberCount: () => team.members.size,
    members: () => {
      const out: Record<string, unknown>[] = [];
      for (const ms of team.members.values()) {
        const m = state.member(ms.username);
        if (!m) continue;
        out.push({
          id: ms.id,
          admin: ms.role === 'admin',
          pending: false,
          email: m.email,
          username: m.username,
          name: m.name,
          photoUrl: null,
          accountType: m.accountType === 'service' ? 'SERVICE' : 'USER',
          apiKey: null,
          role: ms.role,
        });
      }
      for (const inv of state.invitesFor(team.name)) {
        out.push({
          id: inv.id,
          admin: inv.role === 'admin',
          pending: true,
          email: inv.email,
          username: null,
          name: '',
          photoUrl: null,
          accountType: 'USER',
          apiKey: null,
          role: inv.role,
        });
      }
      return out;
    },
  };
}

function personalEntityView(m: MemberRec) {
  return {
    id: `entity-${m.id}`,
    name: m.username,
    isTeam: false,
    organization: null,
    memberCount: 0,
    members: [],
  };
}

function inviteView(ctx: GqlContext, inv: InviteRec) {
  const { state } = ctx;
  const to = inv.toUsername ? state.member(inv.toUsername) : undefined;
  const team = state.teams.get(inv.team);
  return {
    id: inv.id,
    name: to?.name ?? null,
    email: inv.email,
    createdAt: inv.createdAt,
    toUser: to ? userView(ctx, to) : null,
    entity: team ? cachedTeamView(ctx, team) : null,
    role: inv.role,
  };
}

// ---- projects and runs ------------------------------------------------------------------------

// not documented: page sizes and their limits; 50 is the SDK's own `perPage` default for runs
const DEFAULT_RUNS_PAGE = 50;
const DEFAULT_PROJECTS_PAGE = 100;
const MAX_PAGE = 1000;

/** An opaque cursor for a record id (W&B's cursors are opaque strings). */
function cursorOf(id: string): string {
  return Buffer.from(`cursor:${id}`).toString('base64url');
}

/** One page of `items` after the record whose cursor is `after`, as a Relay connection. */
function connectionOf<T extends { id: string }, N>(
  items: readonly T[],
  args: { first?: number | null; after?: string | null },
  defaultFirst: number,
  view: (item: T) => N,
) {
  let start = 0;
  if (args.after != null) {
    const index = items.findIndex((item) => cursorOf(item.id) === args.after);
    // not documented: the real server's answer to an unknown cursor
    if (index < 0) throw new Error(`invalid cursor "${args.after}"`);
    start = index + 1;
  }
  const first = args.first ?? defaultFirst;
  if (first < 0) throw new Error('first must be 0 or more');
  const slice = items.slice(start, start + Math.min(first, MAX_PAGE));
  return {
    edges: slice.map((item) => ({ node: view(item), cursor: cursorOf(item.id) })),
    pageInfo: {
      hasNextPage: start + slice.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length > 0 ? cursorOf(slice[0]!.id) : null,
      endCursor: slice.length > 0 ? cursorOf(slice[slice.length - 1]!.id) : null,
    },
  };
}

/** `order` as `[direction, key]`: `-heartbeat_at` → `[-1, 'heartbeat_at']`; no prefix is ascending. */
function parseOrder<K extends string>(
  order: string | null | undefined,
  keys: readonly K[],
  fallback: string,
) {
  const text = order == null || order.trim() === '' ? fallback : order.trim();
  const match = /^([+-]?)(.+)$/.exec(text)!;
  const key = match[2] as K;
  // not documented: the SDK also orders by config/summary values; only these keys are simulated
  if (!keys.includes(key)) throw new Error(`unsupported order "${text}"; simulated: ${keys.join(', ')}`);
  return { direction: match[1] === '-' ? -1 : 1, key };
}

/** Compares ISO dates (or null, which sorts lowest, as MySQL does); ties are left to the caller. */
function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return Date.parse(a) - Date.parse(b);
}

function runView(ctx: GqlContext, run: RunRec) {
  return {
    id: run.id,
    name: run.name,
    createdAt: run.createdAt,
    heartbeatAt: run.heartbeatAt,
    user: () => {
      const m = run.username === null ? undefined : ctx.state.member(run.username);
      return m ? userView(ctx, m) : null;
    },
  };
}

function projectView(ctx: GqlContext, project: ProjectRec) {
  return {
    id: project.id,
    name: project.name,
    createdAt: project.createdAt,
    runs: (args: {
      filters?: string | null;
      order?: string | null;
      first?: number | null;
      after?: string | null;
    }) => {
      // not documented: filter keys (e.g. per user) are unverified, so the simulator refuses any
      // filter rather than silently ignoring it; `{}` (what the SDK sends by default) is fine
      if (args.filters != null && args.filters.trim() !== '') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(args.filters);
        } catch {
          throw new Error('filters must be a JSON string');
        }
        if (typeof parsed !== 'object' || parsed === null || Object.keys(parsed).length > 0)
          throw new Error('run filters are not simulated');
      }
      // not documented: the default order when none is given
      const { direction, key } = parseOrder(
        args.order,
        ['created_at', 'heartbeat_at'] as const,
        '-created_at',
      );
      const value = (r: RunRec) => (key === 'created_at' ? r.createdAt : r.heartbeatAt);
      const runs = [...project.runs].sort(
        (a, b) => direction * (compareDates(value(a), value(b)) || a.seq - b.seq),
      );
      return {
        totalCount: runs.length,
        ...connectionOf(runs, args, DEFAULT_RUNS_PAGE, (r) => runView(ctx, r)),
      };
    },
  };
}

/** The team (or, for the caller's own username, personal entity) whose projects the caller may read; null otherwise. */
// not documented: project visibility follows the team's (its members and org admins); personal
// entities have no simulated projects
function projectsOwner(
  ctx: GqlContext,
  entityName: string | null | undefined,
): { projects: ProjectRec[] } | null {
  if (!ctx.caller || !entityName) return null;
  const team = ctx.state.teams.get(entityName);
  if (team)
    return ctx.state.canSeeTeam(ctx.caller, team) ? { projects: ctx.state.projectsOf(team.name) } : null;
  const user = ctx.state.member(entityName);
  if (user && (user.username === ctx.caller.username || ctx.state.isOrgAdmin(ctx.caller)))
    return { projects: [] };
  return null;
}

function asGraphqlError(error: unknown): Error {
  return error instanceof SimError ? new Error(error.message) : (error as Error);
}

/** Root value: graphql-js's default resolver calls these with (args, context, info). */
export const rootValue = {
  viewer: (_args: unknown, ctx: GqlContext) => (ctx.caller ? userView(ctx, ctx.caller) : null),

  // not documented: the SDK says SearchUsers "only works for local administrators"; on multi-tenant
  // SaaS an org admin is not one, so every caller is refused
  users: () => {
    throw permissionDenied();
  },

  organization: (args: { id?: string | null; name?: string | null }, ctx: GqlContext) => {
    if (!ctx.caller) throw permissionDenied();
    const { org } = ctx.state;
    if (args.id == null && args.name == null) return null;
    if (args.id != null && args.id !== org.id) return null;
    if (args.name != null && args.name !== org.name) return null;
    // every simulated caller is a member of the one organization, so it is visible to them
    return orgView(ctx);
  },

  entity: (args: { name?: string | null }, ctx: GqlContext) => {
    if (!ctx.caller) throw permissionDenied();
    if (!args.name) return null;
    const team = ctx.state.teams.get(args.name);
    if (team) return ctx.state.canSeeTeam(ctx.caller, team) ? cachedTeamView(ctx, team) : null;
    const user = ctx.state.member(args.name);
    return user ? personalEntityView(user) : null;
  },

  project: (args: { name?: string | null; entityName?: string | null }, ctx: GqlContext) => {
    if (!ctx.caller) throw permissionDenied();
    const owner = projectsOwner(ctx, args.entityName);
    const project = owner?.projects.find((p) => p.name === args.name);
    return project ? projectView(ctx, project) : null;
  },

  projects: (
    args: { entityName?: string | null; order?: string | null; first?: number | null; after?: string | null },
    ctx: GqlContext,
  ) => {
    if (!ctx.caller) throw permissionDenied();
    const owner = projectsOwner(ctx, args.entityName);
    // not documented: an entity the caller cannot see (or none given) answers null, like `entity`
    if (!owner) return null;
    // not documented: the orders offered here and the default (creation order)
    const { direction, key } = parseOrder(args.order, ['created_at', 'name'] as const, '+created_at');
    const projects = [...owner.projects].sort(
      (a, b) =>
        direction *
        ((key === 'name' ? a.name.localeCompare(b.name) : compareDates(a.createdAt, b.createdAt)) ||
          a.seq - b.seq),
    );
    return connectionOf(projects, args, DEFAULT_PROJECTS_PAGE, (p) => projectView(ctx, p));
  },

  createInvite: (
    args: {
      input: { entityName: string; email?: string | null; username?: string | null; admin?: boolean | null };
    },
    ctx: GqlContext,
  ) => {
    if (!ctx.caller) throw permissionDenied();
    try {
      const invite = ctx.state.createInvite(ctx.caller, {
        entityName: args.input.entityName,
        email: args.input.email,
        username: args.input.username,
        role: args.input.admin ? 'admin' : 'member',
      });
      return { invite: inviteView(ctx, invite) };
    } catch (error) {
      throw asGraphqlError(error);
    }
  },

  deleteInvite: (args: { input: { id?: string | null; entityName?: string | null } }, ctx: GqlContext) => {
    if (!ctx.caller) throw permissionDenied();
    try {
      ctx.state.deleteInvite(ctx.caller, args.input);
      return { success: true };
    } catch (error) {
      throw asGraphqlError(error);
    }
  },
};
