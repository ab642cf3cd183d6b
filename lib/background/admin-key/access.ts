/**
 * How the service reaches SCIM with the stored key: only for the host the key was entered for
 * (and only while that host is served), each write audited, a refusal remembered as the key's status.
 */
import { type AuditEntry, auditHost } from '@/lib/audit/log';
import { appendAudit } from '@/lib/audit/writer';
import { loadAdminKey, type StoredAdminKey, storeAdminKey } from '@/lib/settings/admin-key';
import { type AuditLogClient, createAuditLogClient } from '@/lib/wandb/audit-logs';
import type { KeyStatus } from '@/lib/wandb/capabilities';
import { apiOriginFor } from '@/lib/wandb/client';
import { toWandbErrorData, WandbError } from '@/lib/wandb/errors';
import {
  createScimClient,
  primaryEmail,
  type ScimClient,
  type ScimCredentials,
  type ScimUser,
  scimAuthorization,
} from '@/lib/wandb/scim';
import type { AdminKeyDeps, AdminKeyResult, AdminOrgContext, KeyProbe, ScimUserSummary } from './types';

/** The only paths the diagnostics probe may GET (API.md §3 SCIM users, §4 audit logs: one day, one entry). */
const PROBE_PATHS =
  /^\/(scim\/Users\?count=1|scim\/v2\/Users\?count=1|(admin\/)?audit_logs\?startDate=\d{4}-\d{2}-\d{2}&numDays=0&limit=1)$/;
const AUDIT_PROBE = /^\/(admin\/)?audit_logs\?/;

function noKeyError(appOrigin: string, stored: StoredAdminKey | null): WandbError {
  const host = new URL(appOrigin).host;
  return new WandbError({
    kind: 'no-key',
    message: stored
      ? `The admin API key was entered for ${new URL(stored.appOrigin).host}, not ${host}, so it is not sent there. Add a key for ${host} in the toolkit options.`
      : `This needs an admin API key for ${host}. Add one in the toolkit options (it stays in this browser).`,
  });
}

export function summarise(user: ScimUser): ScimUserSummary {
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

/** The one SCIM user named `user` (username or email); a `not-found` error when SCIM lists none. */
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

/**
 * The diagnostics report's view of a stored key: its last 4, its owner's org role, and GET on the
 * host's SCIM user list and audit-log paths — nothing else, so it is no general proxy; the key goes
 * only into the Authorization header.
 */
function probeWith(deps: AdminKeyDeps, stored: StoredAdminKey): KeyProbe {
  return {
    last4: stored.key.slice(-4),
    kind: stored.kind,
    ownerRole: stored.owner.organizationRole,
    async get(path) {
      if (!PROBE_PATHS.test(path)) throw new Error(`The key probe does not read ${path.slice(0, 60)}.`);
      const response = await deps.fetch(`${apiOriginFor(stored.appOrigin)}${path}`, {
        method: 'GET',
        // As every key-bearing request: no cookie, and no redirect may carry the key elsewhere.
        credentials: 'omit',
        redirect: 'error',
        headers: {
          // API.md §4: the audit logs take Basic `username:API-KEY`, a service account's too.
          Authorization: scimAuthorization(
            AUDIT_PROBE.test(path)
              ? { scheme: 'basic', kind: 'user', username: stored.owner.username, key: stored.key }
              : credentialsOf(stored),
          ),
          Accept: 'application/json',
        },
      });
      return { status: response.status, text: (await response.text()).slice(0, 2000) };
    },
  };
}

/** W&B's audit-log client with a stored key: Basic `username:API-KEY` (API.md §4), a service account's too. */
function auditClientFor(deps: AdminKeyDeps, stored: StoredAdminKey): AuditLogClient {
  return createAuditLogClient({
    appOrigin: stored.appOrigin,
    credentials: { username: stored.owner.username, key: stored.key },
    fetch: deps.fetch,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  });
}

export type KeyAccess = ReturnType<typeof createKeyAccess>;

/** The stored key for a host, a SCIM client with it, and writes wrapped in audit and failure bookkeeping. */
export function createKeyAccess(deps: AdminKeyDeps) {
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
      host: auditHost(ctx.appOrigin),
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
      if (ctx.auditedBy !== 'caller') await audit(stored, ctx, { ...describe, result: 'ok', detail });
      return { ok: true, data };
    } catch (error) {
      await noteFailure(stored, error);
      const data = toWandbErrorData(error);
      if (ctx.auditedBy !== 'caller')
        await audit(stored, ctx, { ...describe, result: 'error', detail: data.message });
      return { ok: false, error: data };
    }
  }

  /**
   * Runs a read with the stored key for `ctx.appOrigin` (never audited); never throws. A failure
   * becomes the key's status only when `notes(error)` says it is about the key itself.
   */
  async function withKey<T>(
    ctx: Pick<AdminOrgContext, 'appOrigin'>,
    run: (stored: StoredAdminKey) => Promise<T>,
    notes: (error: unknown) => boolean,
  ): Promise<AdminKeyResult<T>> {
    let stored: StoredAdminKey;
    try {
      stored = await keyFor(ctx.appOrigin);
    } catch (error) {
      return { ok: false, error: toWandbErrorData(error) };
    }
    try {
      return { ok: true, data: await run(stored) };
    } catch (error) {
      if (notes(error)) await noteFailure(stored, error);
      return { ok: false, error: toWandbErrorData(error) };
    }
  }

  /** Runs a keyed SCIM read (never audited) with the key's failure bookkeeping; never throws. */
  function keyedRead<T>(
    ctx: Pick<AdminOrgContext, 'appOrigin'>,
    run: (scim: ScimClient) => Promise<T>,
  ): Promise<AdminKeyResult<T>> {
    return withKey(
      ctx,
      (stored) => run(scimFor(stored)),
      () => true,
    );
  }

  /**
   * Reads W&B's audit logs (API.md §4) with the key; never throws. Only a 401 marks the key
   * refused: a 403 there may mean an organization without Enterprise audit logs, not a non-admin
   * key, so it must not take the key's SCIM actions away.
   */
  function keyedAuditRead<T>(
    ctx: Pick<AdminOrgContext, 'appOrigin'>,
    run: (audit: AuditLogClient, owner: StoredAdminKey['owner']) => Promise<T>,
  ): Promise<AdminKeyResult<T>> {
    return withKey(
      ctx,
      (stored) => run(auditClientFor(deps, stored), stored.owner),
      (error) => error instanceof WandbError && error.kind === 'key-rejected',
    );
  }

  /** The diagnostics report's probe with the key for `appOrigin`; null when none is there (see `probeWith`). */
  async function keyProbe(appOrigin: string): Promise<KeyProbe | null> {
    try {
      return probeWith(deps, await keyFor(appOrigin));
    } catch {
      return null;
    }
  }

  return { now, scimFor, keyFor, noteFailure, keyedWrite, keyedRead, keyedAuditRead, requireUser, keyProbe };
}
