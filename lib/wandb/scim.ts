/**
 * The SCIM client (API.md §3, [DOC]): org-level reads and writes with an org admin's API key.
 * Runs only in the background worker. The key goes in the `Authorization` header of requests to
 * `<api origin>/scim/…` and nowhere else: never into a URL, an error message or a log line.
 *
 * Reads are retried on transient failures with the GraphQL transport's `withRetry`; writes are
 * sent once (a retried PATCH or DELETE after a lost answer could act twice, or report a 404 for
 * its own success), so the caller decides.
 */
import { z } from 'zod';
import {
  badResponseFromZod,
  notFoundError,
  parseRetryAfter,
  rateLimitedError,
  serverError,
  WandbError,
} from './errors';
import { type FetchLike, fetchText, type RetryOptions, withRetry } from './graphql';
import { type PageLimits, pageCounter } from './limits';

export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_TEAMS_EXTENSION = 'urn:ietf:params:scim:schemas:extension:teams:2.0:User';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** "up to 9999 results per request" (API.md §3 Limits). */
export const SCIM_MAX_PAGE = 9999;

/**
 * Whose key it is decides the Basic username (API.md §3 Auth): an org admin's own key goes with
 * their username, an org service account's key with an empty username. Bearer (same key string)
 * is documented only in newer doc versions, so it is not the default.
 */
export type ScimCredentials =
  | { scheme: 'basic'; kind: 'user'; username: string; key: string }
  | { scheme: 'basic'; kind: 'service'; key: string }
  | { scheme: 'bearer'; key: string };

/** The `Authorization` header value for `credentials`. */
export function scimAuthorization(credentials: ScimCredentials): string {
  if (credentials.scheme === 'bearer') return `Bearer ${credentials.key}`;
  const user = credentials.kind === 'user' ? credentials.username : '';
  return `Basic ${base64Utf8(`${user}:${credentials.key}`)}`;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// ---- Resources (only the documented fields; unknown ones are ignored) ----------------------

const metaSchema = z
  .object({
    created: z.string().optional(),
    lastModified: z.string().optional(),
    version: z.string().optional(),
  })
  .partial();

/** A SCIM User as W&B documents it (API.md §3 Users); `organizationRole`/`teamRoles` come with the teams extension. */
export const scimUserSchema = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().nullish(),
  emails: z.array(z.object({ value: z.string(), primary: z.boolean().optional() })).default([]),
  active: z.boolean().optional(),
  organizationRole: z.string().nullish(),
  teamRoles: z.array(z.object({ teamName: z.string(), roleName: z.string() })).nullish(),
  meta: metaSchema.optional(),
});
export type ScimUser = z.infer<typeof scimUserSchema>;

/** A SCIM Group (= a W&B team); members carry no roles (API.md §3 Groups). */
export const scimGroupSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  members: z
    .array(
      z.object({
        value: z.string().optional(),
        Value: z.string().optional(),
        display: z.string().optional(),
        Display: z.string().optional(),
      }),
    )
    .default([]),
  meta: metaSchema.optional(),
});
export type ScimGroup = z.infer<typeof scimGroupSchema>;

/** A SCIM Role (= a custom role; API.md §3 Roles). */
export const scimRoleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  inheritedFrom: z.string().nullish(),
  permissions: z.array(z.object({ name: z.string(), isInherited: z.boolean().optional() })).default([]),
  organizationID: z.string().nullish(),
  meta: metaSchema.optional(),
});
export type ScimRole = z.infer<typeof scimRoleSchema>;

function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    totalResults: z.number().int().nonnegative(),
    startIndex: z.number().int().optional(),
    itemsPerPage: z.number().int().optional(),
    Resources: z.array(item).default([]),
  });
}

/** One page of a SCIM list. */
export interface ScimPage<T> {
  totalResults: number;
  startIndex: number;
  items: T[];
}

/** A resource with the version W&B reported (its `ETag`, for `If-Match` on the next write); null when none came. */
export interface Versioned<T> {
  resource: T;
  etag: string | null;
}

// ---- Errors ---------------------------------------------------------------------------------

/** The `detail` of a SCIM error body, cut short; never contains request headers. */
function scimDetail(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const detail = (body as { detail?: unknown }).detail;
  return typeof detail === 'string' && detail.trim() !== '' ? detail.trim().slice(0, 300) : null;
}

/**
 * The WandbError for a non-2xx SCIM answer, with a message an admin can act on. `what` names the
 * request in words ("change alice's org role").
 */
export function classifyScimFailure(
  status: number,
  headers: Headers,
  body: unknown,
  what: string,
  now: number = Date.now(),
): WandbError {
  const said = scimDetail(body);
  const quote = said ? ` W&B said: "${said}".` : '';
  if (status === 401) {
    return new WandbError({
      kind: 'key-rejected',
      status,
      message: `W&B did not accept the admin API key (HTTP 401) to ${what}: it is wrong, expired or revoked, or it was entered with the wrong account type.${quote} Test or replace the key in the toolkit options. Your browser session still works for everything else.`,
    });
  }
  if (status === 403) {
    return new WandbError({
      kind: 'not-admin',
      status,
      message: `The admin API key belongs to someone who is not an admin of this organization, so W&B refused to ${what} (HTTP 403).${quote} Use an org admin's key or an org service account with the admin role.`,
    });
  }
  if (status === 404) return notFoundError(`W&B found nothing to ${what} (HTTP 404).${quote}`);
  if (status === 409) {
    return new WandbError({
      kind: 'conflict',
      status,
      message: `W&B refused to ${what} because it conflicts with what is already there (HTTP 409).${quote}`,
    });
  }
  if (status === 412) {
    return new WandbError({
      kind: 'stale',
      status,
      message: `Someone changed this in W&B since the toolkit read it, so W&B refused to ${what} (HTTP 412). Reload and check before trying again.`,
    });
  }
  if (status === 429) return rateLimitedError(parseRetryAfter(headers.get('Retry-After'), now), status);
  if (status >= 500) return serverError(status);
  return new WandbError({
    kind: 'invalid-request',
    status,
    message: `W&B refused to ${what} (HTTP ${status}).${quote || ' It gave no reason.'}`,
  });
}

// ---- Client ---------------------------------------------------------------------------------

export interface ScimClientOptions {
  /** `https://api.wandb.ai` for wandb.ai; the instance origin for a dedicated or self-managed host. */
  apiOrigin: string;
  credentials: ScimCredentials;
  fetch: FetchLike;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Retry settings for reads. */
  retry?: Omit<RetryOptions, 'signal'>;
  now?: () => number;
  /** Largest answer read (default `MAX_RESPONSE_BYTES`). */
  maxResponseBytes?: number;
  /** Bounds of a paged list (default `DEFAULT_PAGE_LIMITS`). */
  pageLimits?: PageLimits;
}

export interface ScimRequestOptions {
  signal?: AbortSignal;
  /** Sent as `If-Match` on writes; a mismatch is a `stale` error (HTTP 412). */
  ifMatch?: string;
}

/** A list filter W&B documents: `userName eq "x"` or `emails.value eq "x"` for Users. */
export type ScimUserFilter = { userName: string } | { email: string };

/** `attr eq "value"` with the value's quotes and backslashes escaped. */
export function scimEqFilter(attr: string, value: string): string {
  return `${attr} eq "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface ScimClient {
  /** `<apiOrigin>/scim`, the base every request goes under. */
  readonly base: string;
  /** One page of Users (`startIndex` is 1-based; `count` at most 9999). */
  listUsers(
    query?: { filter?: ScimUserFilter; startIndex?: number; count?: number },
    options?: ScimRequestOptions,
  ): Promise<ScimPage<ScimUser>>;
  /** Every User, page by page (`pageSize` default 500). */
  listAllUsers(options?: ScimRequestOptions & { pageSize?: number }): Promise<ScimUser[]>;
  /**
   * The User whose userName (no `@`, exact) or primary email (with `@`, any case) is
   * `usernameOrEmail`; null when W&B lists nobody; an `ambiguous` error when W&B lists two or more,
   * or one that is not an exact match (a server that ignores or misapplies the filter).
   */
  findUser(usernameOrEmail: string, options?: ScimRequestOptions): Promise<ScimUser | null>;
  /** One User with its ETag; a `not-found` error when the id is unknown. */
  getUser(id: string, options?: ScimRequestOptions): Promise<Versioned<ScimUser>>;
  /** Creates a User, on Multi-tenant with the teams extension so they join `teams`. */
  createUser(
    input: { userName: string; email: string; teams: string[] },
    options?: ScimRequestOptions,
  ): Promise<Versioned<ScimUser>>;
  /** PATCH replace `organizationRole` (`admin`, `member`, or a custom role name). */
  setOrgRole(id: string, role: string, options?: ScimRequestOptions): Promise<Versioned<ScimUser>>;
  /** PATCH replace `teamRoles` with the given `{teamName, roleName}` entries. */
  setTeamRoles(
    id: string,
    teamRoles: { teamName: string; roleName: string }[],
    options?: ScimRequestOptions,
  ): Promise<Versioned<ScimUser>>;
  /** DELETE /Users/{id}: "Fully deletes a user from your organization" (204). */
  deleteUser(id: string, options?: ScimRequestOptions): Promise<void>;
  /** One page of Groups (teams), optionally `displayName eq "x"`. */
  listGroups(
    query?: { displayName?: string; startIndex?: number; count?: number },
    options?: ScimRequestOptions,
  ): Promise<ScimPage<ScimGroup>>;
  /** Every Group, page by page. */
  listAllGroups(options?: ScimRequestOptions & { pageSize?: number }): Promise<ScimGroup[]>;
  /** PATCH add members (by user id). */
  addGroupMembers(
    groupId: string,
    userIds: string[],
    options?: ScimRequestOptions,
  ): Promise<Versioned<ScimGroup>>;
  /** PATCH remove `members[value eq "<id or email>"]`. */
  removeGroupMember(
    groupId: string,
    userIdOrEmail: string,
    options?: ScimRequestOptions,
  ): Promise<Versioned<ScimGroup>>;
  /** Every custom role (`GET /Roles`); empty when the org has none. */
  listRoles(options?: ScimRequestOptions): Promise<ScimRole[]>;
}

/** The primary email of a SCIM User (the first when none is marked primary); null when it has none. */
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

export function createScimClient(options: ScimClientOptions): ScimClient {
  const base = `${options.apiOrigin.replace(/\/+$/, '')}/scim`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const send = options.fetch;
  const authorization = scimAuthorization(options.credentials);

  async function call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    what: string,
    schema: z.ZodType<T> | null,
    body: unknown,
    requestOptions: ScimRequestOptions,
  ): Promise<{ data: T | null; etag: string | null }> {
    const { response, text } = await fetchText(
      send,
      `${base}${path}`,
      {
        method,
        // The key is the only credential: no W&B session cookie goes with it, and no redirect
        // may carry it to another URL.
        credentials: 'omit',
        redirect: 'error',
        headers: {
          Authorization: authorization,
          Accept: 'application/scim+json, application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }),
          ...(requestOptions.ifMatch ? { 'If-Match': requestOptions.ifMatch } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      // `endpoint` is the SCIM base only: a user id or filter is not worth showing.
      {
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
        timeoutMs,
        endpoint: base,
        ...(options.maxResponseBytes ? { maxBytes: options.maxResponseBytes } : {}),
      },
    );
    let parsedBody: unknown;
    let isJson = false;
    if (text.trim() !== '') {
      try {
        parsedBody = JSON.parse(text);
        isJson = true;
      } catch {
        // An HTML error page from a proxy: the status decides.
      }
    }
    if (response.status < 200 || response.status >= 300) {
      throw classifyScimFailure(response.status, response.headers, parsedBody, what, now());
    }
    const etag = response.headers.get('ETag');
    if (schema === null) return { data: null, etag };
    if (!isJson) {
      throw new WandbError({
        kind: 'bad-response',
        status: response.status,
        message: `W&B sent an answer the toolkit does not understand (the SCIM answer to ${what} is not JSON). Check that the host is a W&B server; copy this message into a bug report.`,
      });
    }
    const parsed = schema.safeParse(parsedBody);
    if (!parsed.success) throw badResponseFromZod(parsed.error, parsedBody, response.status);
    return { data: parsed.data, etag };
  }

  const read = <T>(path: string, what: string, schema: z.ZodType<T>, requestOptions: ScimRequestOptions) =>
    withRetry(() => call('GET', path, what, schema, undefined, requestOptions), {
      ...options.retry,
      ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
    });

  const userList = listSchema(scimUserSchema);
  const groupList = listSchema(scimGroupSchema);
  const roleList = listSchema(scimRoleSchema);

  function pageQuery(startIndex?: number, count?: number, filter?: string): string {
    const params = new URLSearchParams();
    if (filter !== undefined) params.set('filter', filter);
    if (startIndex !== undefined) params.set('startIndex', String(Math.max(1, Math.floor(startIndex))));
    if (count !== undefined)
      params.set('count', String(Math.min(SCIM_MAX_PAGE, Math.max(1, Math.floor(count)))));
    const text = params.toString();
    return text === '' ? '' : `?${text}`;
  }

  async function collectAll<T>(
    what: string,
    fetchPage: (startIndex: number, count: number) => Promise<ScimPage<T>>,
    pageSize: number,
  ): Promise<T[]> {
    const all: T[] = [];
    const counter = pageCounter(what, options.pageLimits);
    let startIndex = 1;
    for (;;) {
      counter.beforePage();
      const page = await fetchPage(startIndex, pageSize);
      counter.add(page.items.length);
      all.push(...page.items);
      startIndex += page.items.length;
      // An empty page ends the walk even if totalResults promised more (a shrinking list).
      if (page.items.length === 0 || all.length >= page.totalResults) return all;
    }
  }

  const userPath = (id: string) => `/Users/${encodeURIComponent(id)}`;

  async function patchUser(
    id: string,
    operations: unknown[],
    what: string,
    requestOptions: ScimRequestOptions,
  ) {
    const { data, etag } = await call(
      'PATCH',
      userPath(id),
      what,
      scimUserSchema,
      { schemas: [SCIM_PATCH_OP], Operations: operations },
      requestOptions,
    );
    return { resource: data as ScimUser, etag };
  }

  async function patchGroup(
    id: string,
    operations: unknown[],
    what: string,
    requestOptions: ScimRequestOptions,
  ) {
    const { data, etag } = await call(
      'PATCH',
      `/Groups/${encodeURIComponent(id)}`,
      what,
      scimGroupSchema,
      { schemas: [SCIM_PATCH_OP], Operations: operations },
      requestOptions,
    );
    return { resource: data as ScimGroup, etag };
  }

  /** One page of a SCIM list (`/Users` or `/Groups`), as `{ totalResults, startIndex, items }`. */
  async function readPage<T>(
    resource: '/Users' | '/Groups',
    query: { startIndex?: number; count?: number },
    filter: string | undefined,
    what: string,
    schema: z.ZodType<{ totalResults: number; startIndex?: number | undefined; Resources: T[] }>,
    requestOptions: ScimRequestOptions,
  ) {
    const { data } = await read(
      `${resource}${pageQuery(query.startIndex, query.count, filter)}`,
      what,
      schema,
      requestOptions,
    );
    return { totalResults: data!.totalResults, startIndex: data!.startIndex ?? 1, items: data!.Resources };
  }

  const client: ScimClient = {
    base,
    async listUsers(query = {}, requestOptions = {}) {
      const filter =
        query.filter === undefined
          ? undefined
          : 'userName' in query.filter
            ? scimEqFilter('userName', query.filter.userName)
            : scimEqFilter('emails.value', query.filter.email);
      return readPage('/Users', query, filter, 'list users', userList, requestOptions);
    },
    listAllUsers(requestOptions = {}) {
      return collectAll(
        'the SCIM user list',
        (startIndex, count) => client.listUsers({ startIndex, count }, requestOptions),
        requestOptions.pageSize ?? 500,
      );
    },
    async findUser(usernameOrEmail, requestOptions = {}) {
      const value = usernameOrEmail.trim();
      const filter: ScimUserFilter = value.includes('@') ? { email: value } : { userName: value };
      const page = await client.listUsers({ filter, count: 2 }, requestOptions);
      return exactlyOneUser(value, page);
    },
    async getUser(id, requestOptions = {}) {
      const { data, etag } = await read(userPath(id), 'read this user', scimUserSchema, requestOptions);
      return { resource: data!, etag };
    },
    async createUser(input, requestOptions = {}) {
      const { data, etag } = await call(
        'POST',
        '/Users',
        `create the user ${input.userName}`,
        scimUserSchema,
        {
          schemas: [SCIM_USER_SCHEMA, SCIM_TEAMS_EXTENSION],
          userName: input.userName,
          emails: [{ primary: true, value: input.email }],
          [SCIM_TEAMS_EXTENSION]: { teams: input.teams },
        },
        requestOptions,
      );
      return { resource: data!, etag };
    },
    setOrgRole(id, role, requestOptions = {}) {
      return patchUser(
        id,
        [{ op: 'replace', path: 'organizationRole', value: role }],
        `change the org role to "${role}"`,
        requestOptions,
      );
    },
    setTeamRoles(id, teamRoles, requestOptions = {}) {
      return patchUser(
        id,
        [{ op: 'replace', path: 'teamRoles', value: teamRoles }],
        `change team roles (${teamRoles.map((t) => `${t.teamName}: ${t.roleName}`).join(', ')})`,
        requestOptions,
      );
    },
    async deleteUser(id, requestOptions = {}) {
      await call(
        'DELETE',
        userPath(id),
        'remove this user from the organization',
        null,
        undefined,
        requestOptions,
      );
    },
    async listGroups(query = {}, requestOptions = {}) {
      const filter =
        query.displayName === undefined ? undefined : scimEqFilter('displayName', query.displayName);
      return readPage('/Groups', query, filter, 'list teams', groupList, requestOptions);
    },
    listAllGroups(requestOptions = {}) {
      return collectAll(
        'the SCIM team list',
        (startIndex, count) => client.listGroups({ startIndex, count }, requestOptions),
        requestOptions.pageSize ?? 500,
      );
    },
    addGroupMembers(groupId, userIds, requestOptions = {}) {
      return patchGroup(
        groupId,
        [{ op: 'add', path: 'members', value: userIds.map((value) => ({ value })) }],
        'add members to the team',
        requestOptions,
      );
    },
    removeGroupMember(groupId, userIdOrEmail, requestOptions = {}) {
      return patchGroup(
        groupId,
        [{ op: 'remove', path: `members[value eq "${userIdOrEmail.replace(/"/g, '')}"]` }],
        'remove a member from the team',
        requestOptions,
      );
    },
    async listRoles(requestOptions = {}) {
      const all: ScimRole[] = [];
      const counter = pageCounter('the SCIM role list', options.pageLimits);
      let startIndex = 1;
      for (;;) {
        counter.beforePage();
        const { data } = await read(
          `/Roles${pageQuery(startIndex, 500)}`,
          'list custom roles',
          roleList,
          requestOptions,
        );
        counter.add(data!.Resources.length);
        all.push(...data!.Resources);
        startIndex += data!.Resources.length;
        if (data!.Resources.length === 0 || all.length >= data!.totalResults) return all;
      }
    },
  };
  return client;
}
