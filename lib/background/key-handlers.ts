/**
 * The options page's messages about the admin key and the added hosts (lib/settings/messages.ts).
 * Only the options page may send them (checked by the dispatcher from the table), and every
 * message that uses the key first checks that its host is still one the toolkit serves and the
 * browser still permits: removing a host, or withdrawing its permission, stops the key being sent there.
 */
import { settingsMessages } from '../settings/messages';
import { WandbError } from '../wandb/errors';
import type { AdminKeyResult } from './admin-key';
import { BadRequest } from './bad-request';
import { type BackgroundDeps, defineHandlers, type Verified } from './deps';

/** Key handling is for the options page only: a W&B page never sees or sends the key. */
export function extensionPageOnly(sender: Verified): void {
  if (sender.kind !== 'extension-page') throw new BadRequest('Only the toolkit options page can do this.');
}

/** The key is entered and used only for wandb.ai or a host the admin added, while the browser permits it. */
export async function requireServedOrigin(
  deps: Pick<BackgroundDeps, 'extraAppOrigins' | 'hostPermitted'>,
  appOrigin: string,
): Promise<void> {
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

/** An admin-key result as the handler's answer: the data, or its typed error thrown to the dispatcher. */
function unwrap<T>(result: AdminKeyResult<T>): T {
  if (result.ok) return result.data;
  throw new WandbError(result.error);
}

export const keyHandlers = defineHandlers(settingsMessages, (deps) => ({
  async keyTest(payload, verified) {
    extensionPageOnly(verified);
    await requireServedOrigin(deps, payload.appOrigin);
    return unwrap(await deps.adminKey.testKey(payload));
  },
  async keyInfo(_payload, verified) {
    extensionPageOnly(verified);
    return deps.adminKey.keyInfo();
  },
  async keyForget(_payload, verified) {
    extensionPageOnly(verified);
    await deps.adminKey.forgetKey();
    return { forgotten: true as const };
  },
  async keySetOrgRole(payload, verified) {
    extensionPageOnly(verified);
    await requireServedOrigin(deps, payload.appOrigin);
    return unwrap(
      await deps.adminKey.setOrgRole(
        { appOrigin: payload.appOrigin, org: payload.org },
        { user: payload.user, role: payload.role },
      ),
    );
  },
  async keyListRoles(payload, verified) {
    extensionPageOnly(verified);
    await requireServedOrigin(deps, payload.appOrigin);
    return unwrap(await deps.adminKey.listCustomRoles({ appOrigin: payload.appOrigin, org: payload.org }));
  },
  async hostAdded(payload, verified) {
    extensionPageOnly(verified);
    return { hosts: await deps.hosts.added(payload.origin) };
  },
  /** Removing a host also forgets an admin key entered for it. */
  async hostRemove(payload, verified) {
    extensionPageOnly(verified);
    const hosts = await deps.hosts.remove(payload.origin);
    await deps.adminKey.forgetKeyFor(payload.origin);
    return { hosts };
  },
}));
