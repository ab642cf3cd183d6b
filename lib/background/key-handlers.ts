/**
 * The options page's messages about the admin key and the added hosts. Key handling is for the
 * options page only (a W&B page never sees or sends the key), and every message that uses the key
 * first checks that its host is still one the toolkit serves and the browser still permits:
 * removing a host, or withdrawing its permission, stops the key being sent there.
 */
import type { AdminKeyInfo } from '../settings/admin-key';
import { WandbError } from '../wandb/errors';
import type { ScimRole } from '../wandb/scim';
import type { AdminKeyResult, KeyTestOutcome, ScimUserSummary } from './admin-key';
import { BadRequest } from './bad-request';
import type { BackgroundDeps, Handler, Verified } from './handlers';

/** Key handling is for the options page only: a W&B page never sees or sends the key. */
export function extensionPageOnly(sender: Verified): void {
  if (sender.kind !== 'extension-page') throw new BadRequest('Only the toolkit options page can do this.');
}

/** The key is entered and used only for wandb.ai or a host the admin added, while the browser permits it. */
export async function requireServedOrigin(deps: BackgroundDeps, appOrigin: string): Promise<void> {
  const host = new URL(appOrigin).host;
  const extra = await deps.extraAppOrigins();
  if (appOrigin !== 'https://wandb.ai' && !extra.includes(appOrigin)) {
    throw new BadRequest(`${host} is not a W&B host the toolkit serves; add it first.`);
  }
  if (!(await deps.hostPermitted(appOrigin))) {
    throw new BadRequest(
      `The browser no longer allows the toolkit to reach ${host}; add the host again and allow access.`,
    );
  }
}

/** An admin-key result as the handler's answer: the data, or its typed error thrown to `runHandler`. */
function unwrap<T>(result: AdminKeyResult<T>): T {
  if (result.ok) return result.data;
  throw new WandbError(result.error);
}

export function keyHandlers(deps: BackgroundDeps) {
  const keyTest: Handler<'keyTest', KeyTestOutcome> = async (payload, verified) => {
    extensionPageOnly(verified);
    await requireServedOrigin(deps, payload.appOrigin);
    return unwrap(await deps.adminKey.testKey(payload));
  };
  const keyInfo: Handler<'keyInfo', AdminKeyInfo | null> = async (_payload, verified) => {
    extensionPageOnly(verified);
    return deps.adminKey.keyInfo();
  };
  const keyForget: Handler<'keyForget', { forgotten: true }> = async (_payload, verified) => {
    extensionPageOnly(verified);
    await deps.adminKey.forgetKey();
    return { forgotten: true as const };
  };
  const keySetOrgRole: Handler<'keySetOrgRole', ScimUserSummary> = async (payload, verified) => {
    extensionPageOnly(verified);
    await requireServedOrigin(deps, payload.appOrigin);
    return unwrap(
      await deps.adminKey.setOrgRole(
        { appOrigin: payload.appOrigin, org: payload.org },
        { user: payload.user, role: payload.role },
      ),
    );
  };
  const keyListRoles: Handler<'keyListRoles', ScimRole[]> = async (payload, verified) => {
    extensionPageOnly(verified);
    await requireServedOrigin(deps, payload.appOrigin);
    return unwrap(await deps.adminKey.listCustomRoles({ appOrigin: payload.appOrigin, org: payload.org }));
  };
  const hostAdded: Handler<'hostAdded', { hosts: string[] }> = async (payload, verified) => {
    extensionPageOnly(verified);
    return { hosts: await deps.hosts.added(payload.origin) };
  };
  /** Removing a host also forgets an admin key entered for it. */
  const hostRemove: Handler<'hostRemove', { hosts: string[] }> = async (payload, verified) => {
    extensionPageOnly(verified);
    const hosts = await deps.hosts.remove(payload.origin);
    await deps.adminKey.forgetKeyFor(payload.origin);
    return { hosts };
  };
  return { keyTest, keyInfo, keyForget, keySetOrgRole, keyListRoles, hostAdded, hostRemove };
}
