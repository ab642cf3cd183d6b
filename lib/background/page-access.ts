/**
 * Who may act for which W&B page: the toolkit frame's binding (looked up for every message), the
 * page a content script or a bound frame acts for, and the handshake that binds a frame.
 */

import type { MessageType } from '../messages';
import type { FrameHello } from '../messaging/core-messages';
import type { DirectoryScope, Scope } from '../wandb/directory';
import { type AdminRoute, isWandbAppOrigin, parseAdminRoute } from '../wandb/pages';
import { BadRequest } from './bad-request';
import type { BackgroundDeps, Handler, Verified } from './deps';
import type { SenderVerdict } from './senders';

/**
 * A toolkit frame's binding, looked up for every message but the handshake; a frame without one
 * (a page embedding `toolkit-frame.html` itself, or a frame that navigated) is refused. Its page's host
 * must still be one the toolkit serves.
 */
export async function bindFrame(
  deps: BackgroundDeps,
  type: MessageType,
  verdict: Extract<SenderVerdict, { trusted: true }>,
): Promise<Verified | { trusted: false; reason: string }> {
  if (verdict.kind !== 'toolkit-frame') return verdict;
  if (type === 'toolkitFrameHello') return { ...verdict, binding: null };
  const binding = await deps.toolkitFrames.lookup(verdict);
  if (!binding) return { trusted: false, reason: 'toolkit frame not opened by the toolkit on its page' };
  if (!isWandbAppOrigin(binding.appOrigin, await deps.extraAppOrigins())) {
    return { trusted: false, reason: 'toolkit frame on a host the toolkit no longer serves' };
  }
  return { ...verdict, binding };
}

/** The admin page of a content script's report: on the very origin the browser says it runs on. */
export function routeForContentScript(
  sender: Verified,
  pageUrl: string,
): { appOrigin: string; route: AdminRoute } {
  if (sender.kind !== 'content-script') throw new BadRequest('Only a W&B page can ask for this.');
  const url = new URL(pageUrl);
  if (url.origin !== sender.appOrigin) throw new BadRequest('The page URL does not match the sending page.');
  const route = parseAdminRoute(url);
  if (!route) throw new BadRequest('The toolkit only runs on W&B organization and team admin pages.');
  return { appOrigin: sender.appOrigin, route };
}

/** The admin page a toolkit frame acts for: exactly the page it was opened on. */
export function routeForPage(sender: Verified, pageUrl: string): { appOrigin: string; route: AdminRoute } {
  if (sender.kind !== 'toolkit-frame' || !sender.binding) {
    throw new BadRequest('Only the toolkit on a W&B page can ask for this.');
  }
  if (new URL(pageUrl).href !== new URL(sender.binding.pageUrl).href) {
    throw new BadRequest('The page URL does not match the page the toolkit was opened on.');
  }
  const route = parseAdminRoute(new URL(sender.binding.pageUrl));
  if (!route) throw new BadRequest('The toolkit only runs on W&B organization and team admin pages.');
  return { appOrigin: sender.binding.appOrigin, route };
}

/** The handshake that binds a toolkit UI frame to the admin page whose content script opened it. */
export function frameHandlers(deps: BackgroundDeps) {
  const toolkitFrameToken: Handler<'toolkitFrameToken', { token: string }> = async (payload, verified) => {
    routeForContentScript(verified, payload.pageUrl);
    if (verified.kind !== 'content-script') throw new BadRequest('Only a W&B page can ask for this.');
    return { token: await deps.toolkitFrames.issueToken(verified, new URL(payload.pageUrl).href) };
  };
  const toolkitFrameHello: Handler<'toolkitFrameHello', FrameHello> = async (payload, verified) => {
    if (verified.kind !== 'toolkit-frame') throw new BadRequest('Only the toolkit frame can say this.');
    const binding = await deps.toolkitFrames.adopt(payload.token, verified);
    if (!binding) throw new BadRequest('This frame was not opened by the toolkit on this page.');
    const launch = deps.launches.take(verified.tabId);
    return { pageUrl: binding.pageUrl, ...(launch ? { launch } : {}) };
  };
  return { toolkitFrameToken, toolkitFrameHello };
}

/** Maps an admin route to the scope whose directory it shows (`/<name>/settings` and a dedicated instance's pages are resolved by the loader). */
export function scopeForRoute(
  route: AdminRoute,
): Scope | { kind: 'entity'; entity: string } | { kind: 'instance' } {
  switch (route.kind) {
    case 'instance-admin':
      return { kind: 'instance' };
    case 'org-members':
    case 'org-settings':
      return { kind: 'org', org: route.org };
    case 'entity-settings':
      return { kind: 'entity', entity: route.entity };
  }
}

/** The organization a scope belongs to (a team without one cannot take invites through the toolkit). */
export function orgOf(scope: DirectoryScope): string {
  if (scope.kind === 'org') return scope.org;
  if (!scope.org) throw new BadRequest('This team belongs to no organization.');
  return scope.org;
}

/** Jobs belong to the tab that started them; only the toolkit on a W&B page has one. */
export function tabOf(sender: Verified): number {
  if (sender.kind !== 'toolkit-frame' || !sender.binding) {
    throw new BadRequest('Only the toolkit on a W&B page can ask for this.');
  }
  return sender.tabId;
}

/** The host and org of the page a toolkit frame acts for; a case or job is used only from its own org's pages. */
export async function pageOrg(deps: BackgroundDeps, verified: Verified, pageUrl: string) {
  const { appOrigin, route } = routeForPage(verified, pageUrl);
  return { appOrigin, route, org: orgOf(await deps.scopeFor(appOrigin, route)) };
}

/** The org of the admin page a toolkit frame acts for, and the admin whose session is signed in. */
export async function orgAndActor(deps: BackgroundDeps, verified: Verified, pageUrl: string) {
  const { appOrigin, route } = routeForPage(verified, pageUrl);
  const [scope, summary] = await Promise.all([
    deps.scopeFor(appOrigin, route),
    deps.loadSummary(appOrigin, route, false),
  ]);
  return { appOrigin, scope, org: orgOf(scope), actor: summary.viewer.username };
}
