/**
 * Everything the background does with the admin API key: test and keep it, and the org-level
 * writes only SCIM offers (API.md §3): change org role, change team role, remove from the
 * organization, list custom roles. Other features call the exported functions
 * (`setOrgRole`, `setTeamRole`, `removeFromOrg`, `listCustomRoles`) with the org/host context;
 * each returns an `AdminKeyResult` value and never throws.
 *
 * The key is read from storage here and put only into the `Authorization` header of requests to
 * the API origin of the host it was entered for (`apiOriginFor(appOrigin)`): SCIM, plus the one
 * documented identity query (`viewer`, API.md §5) when the admin tests it. It is never logged,
 * never put into an error message, an audit entry or a reply.
 */
import type { AuditEntry } from '../audit/log';
import { appendAudit } from '../audit/writer';
import {
  type AdminKeyInfo,
  adminKeyInfo,
  forgetAdminKey,
  type KeyOwner,
  loadAdminKey,
  type StoredAdminKey,
  storeAdminKey,
} from '../settings/admin-key';
import { type Capabilities, type KeyStatus, resolveCapabilities } from '../wandb/capabilities';
import { apiOriginFor } from '../wandb/client';
import { toWandbErrorData, WandbError, type WandbErrorData } from '../wandb/errors';
import { createGraphqlTransport, type FetchLike, type RetryOptions } from '../wandb/graphql';
import { KEY_OWNER_QUERY } from '../wandb/operations';
import { keyOwnerDataSchema } from '../wandb/schemas';
import {
  createScimClient,
  primaryEmail,
  type ScimClient,
  type ScimCredentials,
  type ScimRole,
  type ScimUser,
} from '../wandb/scim';
import { servedAndPermitted } from './hosts';

/** Which W&B deployment and organization an action is for. */
export interface AdminOrgContext {
  /** The W&B app origin, e.g. `https://wandb.ai` or `https://acme.wandb.io`. */
  appOrigin: string;
  /** The organization name, for the audit log. */
  org: string;
}

/** Every admin-key operation answers with a value: the data, or a typed error whose message an admin can act on. */
export type AdminKeyResult<T> = { ok: true; data: T } | { ok: false; error: WandbErrorData };

/** A SCIM user as the toolkit reports it after a change. */
export interface ScimUserSummary {
  id: string;
  username: string;
  email: string | null;
  organizationRole: string | null;
  teamRoles: { teamName: string; roleName: string }[];
}

/** What "Test" found out about a key. `saved` is the stored key's info, or null when it was not kept (not an admin). */
export interface KeyTestOutcome {
  owner: KeyOwner;
  /** True when SCIM accepted the key: its owner is an org admin (or an admin service account). */
  admin: boolean;
  saved: AdminKeyInfo | null;
}

export interface KeyTestInput {
  appOrigin: string;
  key: string;
  kind: 'user' | 'service';
  remember: boolean;
}

export interface AdminKeyDeps {
  fetch: FetchLike;
  /** False when `appOrigin` is no longer served or permitted: the key is then not sent there. Default: always true. */
  hostAllowed?: (appOrigin: string) => Promise<boolean>;
  now?: () => Date;
  retry?: Omit<RetryOptions, 'signal'>;
  timeoutMs?: number;
}

export interface AdminKeyService {
  testKey(input: KeyTestInput): Promise<AdminKeyResult<KeyTestOutcome>>;
  keyInfo(): Promise<AdminKeyInfo | null>;
  forgetKey(): Promise<void>;
  /** Forgets the key if it was entered for `appOrigin` (its host was removed); otherwise keeps it. */
  forgetKeyFor(appOrigin: string): Promise<void>;
  keyStatusFor(appOrigin: string): Promise<KeyStatus>;
  capabilitiesFor(appOrigin: string): Promise<Capabilities>;
  setOrgRole(
    ctx: AdminOrgContext,
    input: { user: string; role: string },
  ): Promise<AdminKeyResult<ScimUserSummary>>;
  setTeamRole(
    ctx: AdminOrgContext,
    input: { user: string; team: string; role: string },
  ): Promise<AdminKeyResult<ScimUserSummary>>;
  removeFromOrg(
    ctx: AdminOrgContext,
    input: { userId: string } | { user: string },
  ): Promise<AdminKeyResult<{ id: string; username: string }>>;
  listCustomRoles(ctx: AdminOrgContext): Promise<AdminKeyResult<ScimRole[]>>;
}

function noKeyError(appOrigin: string, stored: StoredAdminKey | null): WandbError {
  const host = new URL(appOrigin).host;
  return new WandbError({
    kind: 'no-key',
    message: stored
      ? `The admin API key was entered for ${new URL(stored.appOrigin).host}, not ${host}, so it is not sent there. Add a key for ${host} in the toolkit options.`
      : `This needs an admin API key for ${host}. Add one in the toolkit options (it stays in this browser).`,
  });
}

function summarise(user: ScimUser): ScimUserSummary {
  return {
    id: user.id,
    username: user.userName,
    email: primaryEmail(user),
    organizationRole: user.organizationRole ?? null,
    teamRoles: user.teamRoles ?? [],
  };
}

function credentialsOf(
  key: Pick<StoredAdminKey, 'key' | 'kind'> & { owner: { username: string } },
): ScimCredentials {
  return key.kind === 'service'
    ? { scheme: 'basic', kind: 'service', key: key.key }
    : { scheme: 'basic', kind: 'user', username: key.owner.username, key: key.key };
}

/** A plausible API key: printable ASCII without spaces, 20–256 characters. Never echoed back. */
export function isPlausibleKey(key: string): boolean {
  return /^[\x21-\x7e]{20,256}$/.test(key);
}

export function createAdminKeyService(deps: AdminKeyDeps): AdminKeyService {
  const now = deps.now ?? (() => new Date());
  let auditSeq = 0;

  function scimFor(stored: StoredAdminKey): ScimClient {
    return createScimClient({
      apiOrigin: apiOriginFor(stored.appOrigin),
      credentials: credentialsOf(stored),
      fetch: deps.fetch,
      ...(deps.retry ? { retry: deps.retry } : {}),
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    });
  }

  /** The stored key when it was entered for `appOrigin`; throws `no-key` otherwise. */
  async function keyFor(appOrigin: string): Promise<StoredAdminKey> {
    const stored = await loadAdminKey();
    if (!stored || stored.appOrigin !== new URL(appOrigin).origin) throw noKeyError(appOrigin, stored);
    if (deps.hostAllowed && !(await deps.hostAllowed(stored.appOrigin))) {
      throw new WandbError({
        kind: 'no-key',
        message: `${new URL(appOrigin).host} is no longer a host the toolkit serves (removed, or its access withdrawn), so the admin API key is not sent there.`,
      });
    }
    return stored;
  }

  /** Remembers what W&B just said about the key, so capabilities and the bar follow it. */
  async function noteFailure(stored: StoredAdminKey, error: unknown): Promise<void> {
    const status: KeyStatus | null =
      error instanceof WandbError && error.kind === 'key-rejected'
        ? 'rejected'
        : error instanceof WandbError && error.kind === 'not-admin'
          ? 'not-admin'
          : null;
    if (status && stored.status !== status) await storeAdminKey({ ...stored, status });
  }

  async function audit(
    stored: StoredAdminKey,
    ctx: AdminOrgContext,
    entry: Pick<AuditEntry, 'action' | 'target' | 'result' | 'detail'>,
  ): Promise<void> {
    const at = now().toISOString();
    const full: AuditEntry = {
      id: `scim:${at}:${++auditSeq}:${Math.random().toString(36).slice(2, 8)}`,
      at,
      actor:
        stored.kind === 'service'
          ? `${stored.owner.username} (service account, admin key)`
          : `${stored.owner.username} (admin key)`,
      org: ctx.org,
      ...entry,
    };
    await appendAudit([full]);
  }

  /** Runs a keyed write with audit and failure bookkeeping. */
  async function keyedWrite<T>(
    ctx: AdminOrgContext,
    describe: { action: AuditEntry['action']; target: string },
    run: (scim: ScimClient) => Promise<{ data: T; detail: string }>,
  ): Promise<AdminKeyResult<T>> {
    let stored: StoredAdminKey;
    try {
      stored = await keyFor(ctx.appOrigin);
    } catch (error) {
      return { ok: false, error: toWandbErrorData(error) };
    }
    try {
      const { data, detail } = await run(scimFor(stored));
      await audit(stored, ctx, { ...describe, result: 'ok', detail });
      return { ok: true, data };
    } catch (error) {
      await noteFailure(stored, error);
      const data = toWandbErrorData(error);
      await audit(stored, ctx, { ...describe, result: 'error', detail: data.message });
      return { ok: false, error: data };
    }
  }

  async function requireUser(scim: ScimClient, user: string): Promise<ScimUser> {
    const found = await scim.findUser(user);
    if (!found) {
      throw new WandbError({
        kind: 'not-found',
        message: `W&B's SCIM API lists no user "${user.slice(0, 120)}" in this organization. Check the username or email.`,
      });
    }
    return found;
  }

  const service: AdminKeyService = {
    async testKey(input) {
      const appOrigin = new URL(input.appOrigin).origin;
      if (!isPlausibleKey(input.key)) {
        return {
          ok: false,
          error: {
            kind: 'invalid-request',
            message:
              'That does not look like a W&B API key (it should be one word of 20 or more characters). Copy it again from W&B.',
          },
        };
      }
      const apiOrigin = apiOriginFor(appOrigin);
      // Who owns the key: the identity check W&B documents for an unknown key (API.md §5),
      // Basic "api:<key>", no session cookie.
      const transport = createGraphqlTransport({
        apiOrigin,
        appOrigin,
        fetch: deps.fetch,
        credentials: 'omit',
        redirect: 'error',
        headers: { Authorization: `Basic ${btoa(`api:${input.key}`)}` },
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      });
      let owner: KeyOwner;
      try {
        const data = await transport.request(KEY_OWNER_QUERY, {}, keyOwnerDataSchema);
        const viewer = data.viewer;
        if (!viewer?.username) {
          throw new WandbError({
            kind: 'key-rejected',
            message: 'W&B did not say whom this key belongs to. Check that it is an API key for this host.',
          });
        }
        const orgs = new Set<string>();
        for (const edge of viewer.teams?.edges ?? []) {
          const org = edge?.node?.organization?.name;
          if (org) orgs.add(org);
        }
        owner = {
          username: viewer.username,
          email: viewer.email ?? null,
          orgs: [...orgs].sort(),
          organizationRole: null,
        };
      } catch (error) {
        if (error instanceof WandbError && (error.kind === 'not-signed-in' || error.status === 401)) {
          return {
            ok: false,
            error: {
              kind: 'key-rejected',
              status: 401,
              message: `W&B at ${new URL(apiOrigin).host} did not accept this key: it is wrong, expired or revoked. Copy a current key from W&B (User settings → API keys, or the service account's page). Your browser session is not affected.`,
            },
          };
        }
        return { ok: false, error: toWandbErrorData(error) };
      }

      const candidate: StoredAdminKey = {
        appOrigin,
        key: input.key,
        kind: input.kind,
        owner,
        status: 'admin',
        remembered: input.remember,
        savedAt: now().toISOString(),
      };
      const scim = scimFor(candidate);
      try {
        if (input.kind === 'user') {
          const me = await scim.findUser(owner.username);
          owner.organizationRole = me?.organizationRole ?? null;
        } else {
          await scim.listUsers({ count: 1 });
        }
      } catch (error) {
        if (error instanceof WandbError && error.kind === 'not-admin') {
          return { ok: true, data: { owner, admin: false, saved: null } };
        }
        if (error instanceof WandbError && error.kind === 'key-rejected') {
          return {
            ok: false,
            error: {
              kind: 'key-rejected',
              status: 401,
              message:
                input.kind === 'service'
                  ? `The key belongs to ${owner.username}, but W&B's SCIM API refused it as a service-account key. If it is a person's key, choose "A person's key" and test again.`
                  : `The key belongs to ${owner.username}, but W&B's SCIM API refused it as that person's key. If it is an org service account's key, choose "Service account key" and test again.`,
            },
          };
        }
        return { ok: false, error: toWandbErrorData(error) };
      }
      await storeAdminKey(candidate);
      return { ok: true, data: { owner, admin: true, saved: adminKeyInfo(candidate) } };
    },

    async keyInfo() {
      const stored = await loadAdminKey();
      return stored ? adminKeyInfo(stored) : null;
    },

    forgetKey: forgetAdminKey,

    async forgetKeyFor(appOrigin) {
      const stored = await loadAdminKey();
      if (stored && stored.appOrigin === new URL(appOrigin).origin) await forgetAdminKey();
    },

    async keyStatusFor(appOrigin) {
      const stored = await loadAdminKey();
      return stored && stored.appOrigin === new URL(appOrigin).origin ? stored.status : 'none';
    },

    async capabilitiesFor(appOrigin) {
      return resolveCapabilities({ keyStatus: await service.keyStatusFor(appOrigin) });
    },

    setOrgRole(ctx, input) {
      return keyedWrite(
        ctx,
        { action: 'change-role', target: `${input.user} → org role ${input.role}` },
        async (scim) => {
          const user = await requireUser(scim, input.user);
          const changed = await scim.setOrgRole(
            user.id,
            input.role,
            user.meta?.version ? { ifMatch: user.meta.version } : {},
          );
          return {
            data: summarise(changed.resource),
            detail: `org role ${user.organizationRole ?? '?'} → ${changed.resource.organizationRole ?? input.role}`,
          };
        },
      );
    },

    setTeamRole(ctx, input) {
      return keyedWrite(
        ctx,
        { action: 'change-role', target: `${input.user} → ${input.team}: ${input.role}` },
        async (scim) => {
          const user = await requireUser(scim, input.user);
          const before = user.teamRoles?.find((t) => t.teamName === input.team)?.roleName;
          if (before === undefined) {
            throw new WandbError({
              kind: 'invalid-request',
              message: `${user.userName} is not in the team ${input.team}; invite them to the team first.`,
            });
          }
          const changed = await scim.setTeamRoles(
            user.id,
            [{ teamName: input.team, roleName: input.role }],
            user.meta?.version ? { ifMatch: user.meta.version } : {},
          );
          return { data: summarise(changed.resource), detail: `team role ${before} → ${input.role}` };
        },
      );
    },

    removeFromOrg(ctx, input) {
      const who = 'userId' in input ? input.userId : input.user;
      return keyedWrite(ctx, { action: 'remove-from-org', target: who }, async (scim) => {
        const user =
          'userId' in input
            ? (await scim.getUser(input.userId)).resource
            : await requireUser(scim, input.user);
        await scim.deleteUser(user.id, user.meta?.version ? { ifMatch: user.meta.version } : {});
        return {
          data: { id: user.id, username: user.userName },
          detail: `removed ${user.userName} (SCIM DELETE, HTTP 204)`,
        };
      });
    },

    async listCustomRoles(ctx) {
      let stored: StoredAdminKey;
      try {
        stored = await keyFor(ctx.appOrigin);
      } catch (error) {
        return { ok: false, error: toWandbErrorData(error) };
      }
      try {
        return { ok: true, data: await scimFor(stored).listRoles() };
      } catch (error) {
        await noteFailure(stored, error);
        return { ok: false, error: toWandbErrorData(error) };
      }
    },
  };
  return service;
}

let defaultService: AdminKeyService | null = null;

/** The service bound to the worker's own `fetch`; created on first use. */
export function adminKeyService(): AdminKeyService {
  defaultService ??= createAdminKeyService({
    fetch: (input, init) => fetch(input, init),
    hostAllowed: servedAndPermitted,
  });
  return defaultService;
}

/**
 * Changes `user`'s (username or email) organization role through SCIM (`PATCH /scim/Users/{id}`
 * replace `organizationRole`; `admin`, `member` or a custom role name). Needs an admin key stored
 * for `ctx.appOrigin`; otherwise `{ ok: false, error: { kind: 'no-key' } }`. Audited.
 */
export function setOrgRole(ctx: AdminOrgContext, input: { user: string; role: string }) {
  return adminKeyService().setOrgRole(ctx, input);
}

/**
 * Changes `user`'s role in `team` (`admin`, `member`, `viewer`/view-only, or a custom role)
 * through SCIM (`PATCH` replace `teamRoles`). The user must already be in the team. Audited.
 */
export function setTeamRole(ctx: AdminOrgContext, input: { user: string; team: string; role: string }) {
  return adminKeyService().setTeamRole(ctx, input);
}

/**
 * Removes a member from the organization through SCIM (`DELETE /scim/Users/{id}`, "fully deletes
 * a user from your organization"), by SCIM user id or by username/email. W&B refuses to remove
 * the last org admin (an `invalid-request`/`conflict` error with W&B's reason). Audited.
 */
export function removeFromOrg(ctx: AdminOrgContext, input: { userId: string } | { user: string }) {
  return adminKeyService().removeFromOrg(ctx, input);
}

/** Lists the organization's custom roles (`GET /scim/Roles`); empty when there are none. */
export function listCustomRoles(ctx: AdminOrgContext) {
  return adminKeyService().listCustomRoles(ctx);
}
