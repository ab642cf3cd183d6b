/**
 * Added W&B hosts in the background: a host joins the list only once the browser has granted the
 * extension access to it (the options page asks, from the admin's click), and then gets the route
 * watcher registered as a dynamic content script so the toolkit appears there. Removing a host
 * unregisters the watcher and gives the permission back.
 */
import { browser } from 'wxt/browser';
import { reportFailure } from '../report';
import {
  hostMatchPattern,
  parseHostInput,
  readWandbHosts,
  wandbHostsItem,
  watcherRegistrationId,
} from '../settings/hosts';
import { apiOriginFor } from '../wandb/client';
import { BadRequest } from './bad-request';

/** The built route watcher (entrypoints/watcher.content.ts). */
export const WATCHER_SCRIPT_FILE = 'content-scripts/watcher.js';

async function hasPermission(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [hostMatchPattern(origin)] });
}

/** True while the browser grants access to `appOrigin` and to its API origin (api.wandb.ai for wandb.ai). */
export async function hostPermitted(appOrigin: string): Promise<boolean> {
  const origins = [...new Set([appOrigin, apiOriginFor(appOrigin)])].map(hostMatchPattern);
  return browser.permissions.contains({ origins }).catch(() => false);
}

/** True for wandb.ai or an added host, while the browser permits it: where the admin key may go. */
export async function servedAndPermitted(appOrigin: string): Promise<boolean> {
  const origin = new URL(appOrigin).origin;
  const served = origin === 'https://wandb.ai' || (await readWandbHosts()).includes(origin);
  return served && (await hostPermitted(origin));
}

async function registerWatcher(origin: string): Promise<void> {
  const id = watcherRegistrationId(origin);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) return;
  await browser.scripting.registerContentScripts([
    {
      id,
      matches: [hostMatchPattern(origin)],
      js: [WATCHER_SCRIPT_FILE],
      runAt: 'document_end',
      persistAcrossSessions: true,
    },
  ]);
}

async function unregisterWatcher(origin: string): Promise<void> {
  const id = watcherRegistrationId(origin);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [id] });
}

/** A host the options page reports as granted: checked, stored, watcher registered. Returns the list. */
export async function addGrantedHost(origin: string): Promise<string[]> {
  const parsed = parseHostInput(origin);
  if (!parsed.ok) throw new BadRequest(parsed.reason);
  if (!(await hasPermission(parsed.origin))) {
    throw new BadRequest(
      `The browser has not granted access to ${new URL(parsed.origin).host}; add it again and allow access.`,
    );
  }
  await registerWatcher(parsed.origin);
  const hosts = await readWandbHosts();
  const next = hosts.includes(parsed.origin) ? hosts : [...hosts, parsed.origin];
  await wandbHostsItem.setValue(next);
  return next;
}

/** Removes a host: watcher unregistered, permission given back, out of the list. Returns the list. */
export async function removeHost(origin: string): Promise<string[]> {
  await unregisterWatcher(origin).catch((error) => reportFailure('hosts', error));
  await browser.permissions.remove({ origins: [hostMatchPattern(origin)] }).catch(() => false);
  const next = (await readWandbHosts()).filter((host) => host !== origin);
  await wandbHostsItem.setValue(next);
  return next;
}

/**
 * Brings registrations in line with the list after a start or an update: a host whose permission
 * was withdrawn (from the browser's own extension settings) leaves the list (and `onDropped` is told,
 * to forget its admin key); the others get their
 * watcher back if it is missing.
 */
export async function reconcileHosts(
  onDropped: (origin: string) => Promise<void> = async () => {},
): Promise<void> {
  const hosts = await readWandbHosts();
  const kept: string[] = [];
  for (const origin of hosts) {
    if (await hasPermission(origin)) {
      await registerWatcher(origin).catch((error) => reportFailure('hosts', error));
      kept.push(origin);
    } else {
      await unregisterWatcher(origin).catch((error) => reportFailure('hosts', error));
      await onDropped(origin).catch((error) => reportFailure('hosts', error));
    }
  }
  if (kept.length !== hosts.length) await wandbHostsItem.setValue(kept);
}
