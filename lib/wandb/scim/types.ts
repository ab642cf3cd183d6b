/** The SCIM client's interface and options. */
import type { FetchLike, RetryOptions } from '../graphql';
import type { PageLimits } from '../limits';
import type { ScimCredentials, ScimGroup, ScimPage, ScimRole, ScimUser, Versioned } from './resources';

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
  /** `<apiOrigin>/scim`, the base every request goes under (`/scim/v2` once `/scim` has no SCIM collections). */
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
  /** Creates a User; with `teams`, with the teams extension so they join them (documented for Multi-tenant). */
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
  /**
   * PATCH replace `active` [DOC API.md §3]: false deactivates, true reactivates. Offered by the
   * toolkit on dedicated and self-managed hosts only: on Multi-tenant the docs say it removes the user.
   */
  setActive(id: string, active: boolean, options?: ScimRequestOptions): Promise<Versioned<ScimUser>>;
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
