/**
 * Dedicated and self-managed W&B hosts the admin added in the options page. wandb.ai is built in
 * (lib/wandb/pages.ts); every other host is listed here only after the browser granted the
 * extension access to it, and leaves the list when the admin removes it.
 */
import { storage } from 'wxt/utils/storage';
import { BUILT_IN_APP_ORIGINS } from '../wandb/pages';

/** The added hosts' origins (`https://acme.wandb.io`), in the order they were added. */
export const wandbHostsItem = storage.defineItem<string[]>('local:wandbHosts', { fallback: [], version: 1 });

export type HostInputResult = { ok: true; origin: string } | { ok: false; reason: string };

/**
 * The origin an admin means by `input` (`acme.wandb.io`, `https://acme.wandb.io/org/dashboard`):
 * HTTPS only, a host name (no IP literal, no user info), no port other than 443. wandb.ai and
 * api.wandb.ai are refused as already built in.
 */
export function parseHostInput(input: string): HostInputResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a host such as https://acme.wandb.io.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: `"${trimmed.slice(0, 80)}" is not a web address.` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'Only HTTPS hosts can be added.' };
  if (url.username || url.password) return { ok: false, reason: 'Leave out any user name or password.' };
  if (url.port !== '') return { ok: false, reason: 'Hosts on a non-standard port are not supported.' };
  const host = url.hostname.toLowerCase();
  if (/^\d+(\.\d+){3}$/.test(host) || host.startsWith('[') || !host.includes('.')) {
    return { ok: false, reason: 'Use the host name of your W&B server (for example acme.wandb.io).' };
  }
  const origin = `https://${host}`;
  if ((BUILT_IN_APP_ORIGINS as readonly string[]).includes(origin) || origin === 'https://api.wandb.ai') {
    return { ok: false, reason: 'wandb.ai is built in; add only dedicated or self-managed hosts.' };
  }
  return { ok: true, origin };
}

/** The match pattern covering one added host (for permissions and content-script registration). */
export function hostMatchPattern(origin: string): string {
  return `${origin}/*`;
}

/** The id of the route-watcher registration for one added host. */
export function watcherRegistrationId(origin: string): string {
  return `watcher:${new URL(origin).hostname}`;
}
