/**
 * Dedicated and self-managed W&B hosts the admin added in the options page. wandb.ai is built in
 * (lib/wandb/pages.ts); every other host is listed here only after the browser granted the
 * extension access to it, and leaves the list when the admin removes it.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { parseStored } from '../corrupt-storage';
import { BUILT_IN_APP_ORIGINS } from '../wandb/pages';

/** The added hosts' origins (`https://acme.wandb.io`), in the order they were added. */
export const wandbHostsItem = storage.defineItem<string[]>('local:wandbHosts', { fallback: [], version: 1 });

/** The added hosts: only entries that parse as an added-host origin; a corrupt list is set aside and read as none. */
export async function readWandbHosts(): Promise<string[]> {
  const hosts = await parseStored(
    'local:wandbHosts',
    await wandbHostsItem.getValue(),
    z.array(z.string()),
    [],
  );
  return hosts.filter((origin) => {
    const parsed = parseHostInput(origin);
    return parsed.ok && parsed.origin === origin;
  });
}

export type HostInputResult = { ok: true; origin: string } | { ok: false; reason: string };

/**
 * The origin an admin means by `input` (`acme.wandb.io`, `https://acme.wandb.io/org/dashboard`):
 * HTTPS only, a host name (no IP literal, no user info, no percent-encoding), no port other than
 * 443; one trailing dot is dropped. wandb.ai and api.wandb.ai (with or without the dot) are refused
 * as already built in. The origin returned is what the options page confirms to the admin.
 */
export function parseHostInput(input: string): HostInputResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a host such as https://acme.wandb.io.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  // The URL parser decodes `%2e` and friends in a host, so `wandb%2eai` would become wandb.ai:
  // a host written with percent-encoding is refused rather than guessed at.
  const authority = withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0] ?? '';
  if (authority.includes('%')) {
    return { ok: false, reason: 'Type the host name without percent-encoding (%2e and the like).' };
  }
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: `"${trimmed.slice(0, 80)}" is not a web address.` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'Only HTTPS hosts can be added.' };
  if (url.username || url.password) return { ok: false, reason: 'Leave out any user name or password.' };
  if (url.port !== '') return { ok: false, reason: 'Hosts on a non-standard port are not supported.' };
  // One trailing dot (the DNS root, `acme.wandb.io.`) names the same host: it is dropped, so the
  // list, the permission and the confirmation all show the host as it is usually written.
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (
    /^\d+(\.\d+){3}$/.test(host) ||
    host.startsWith('[') ||
    !host.includes('.') ||
    host.endsWith('.') ||
    host.includes('..')
  ) {
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
