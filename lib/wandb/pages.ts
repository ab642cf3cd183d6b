/**
 * Which W&B pages the toolkit runs on, decided from the URL alone (the W&B DOM changes; its
 * routes change far less). Every rule has a table of example URLs in
 * tests/unit/wandb/pages.test.ts. Routes checked against W&B's docs on 2026-11-28:
 * `/account-settings/<org>/members`, `/account-settings/<org>/settings`, `/<org>/settings`,
 * and a team's settings under `/<team>/settings`.
 */

/** An admin page the toolkit bar belongs on. `/<name>/settings` may be an org or a team:
 * the URL cannot tell, so the background resolves `entity` against the API. */
export type AdminRoute =
  | { kind: 'org-members'; org: string }
  /** A dedicated or self-managed instance's own admin pages, which name no org: the background finds it. */
  | { kind: 'instance-admin'; page: 'org-dashboard' | 'console-settings' }
  | { kind: 'org-settings'; org: string }
  | { kind: 'entity-settings'; entity: string };

/** The W&B web app origins the toolkit is built for (self-managed hosts come from options). */
export const BUILT_IN_APP_ORIGINS = ['https://wandb.ai'] as const;
const MULTI_TENANT_ORIGIN = 'https://wandb.ai';

/** First path segments of W&B app routes that are not entity (org, team or user) names. */
const RESERVED_FIRST_SEGMENTS = new Set([
  'account-settings',
  'admin',
  'api',
  'artifacts',
  'authorize',
  'create-team',
  'fully-connected',
  'home',
  'login',
  'logout',
  'org',
  'registry',
  'reports',
  'settings',
  'signup',
  'site',
  'subscriptions',
  'support',
  '__sim',
]);

const ENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

function pathSegments(url: URL): string[] | null {
  try {
    return url.pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

function toUrl(url: URL | string): URL | null {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The admin route a URL points at, or null for every other page (and for unparsable URLs). */
export function parseAdminRoute(input: URL | string): AdminRoute | null {
  const url = toUrl(input);
  if (url?.protocol !== 'https:') return null;
  const segments = pathSegments(url);
  if (!segments) return null;
  const [first, second, third, fourth] = segments;
  // Dedicated and self-managed instances only (API.md §4: `https://<org>.io/org/dashboard/` and
  // `/console/settings/`); on wandb.ai `/org/…` is reserved and `/console/settings` may be a team's.
  if (url.origin !== MULTI_TENANT_ORIGIN && (first === 'org' || first === 'console')) {
    if (segments.length !== 2) return null;
    if (first === 'org' && second === 'dashboard') return { kind: 'instance-admin', page: 'org-dashboard' };
    if (first === 'console' && second === 'settings')
      return { kind: 'instance-admin', page: 'console-settings' };
    return null;
  }
  if (first === 'account-settings' && second && ENTITY_NAME.test(second)) {
    if (third === 'members' && segments.length === 3) return { kind: 'org-members', org: second };
    if (third === 'settings' && (segments.length === 3 || (segments.length === 4 && fourth))) {
      return { kind: 'org-settings', org: second };
    }
    return null;
  }
  if (
    first &&
    !RESERVED_FIRST_SEGMENTS.has(first) &&
    ENTITY_NAME.test(first) &&
    second === 'settings' &&
    segments.length <= 3
  ) {
    return { kind: 'entity-settings', entity: first };
  }
  return null;
}

/** True on any page where the toolkit bar belongs. */
export function isAdminRoute(url: URL | string): boolean {
  return parseAdminRoute(url) !== null;
}

/** True on the organization's Members page. */
export function isOrgMembersPage(url: URL | string): boolean {
  return parseAdminRoute(url)?.kind === 'org-members';
}

/** True when `origin` is a W&B app origin the toolkit serves (built-in or added by the admin). */
export function isWandbAppOrigin(origin: string, extraOrigins: readonly string[] = []): boolean {
  return (BUILT_IN_APP_ORIGINS as readonly string[]).includes(origin) || extraOrigins.includes(origin);
}

/**
 * True for a navigation event's destination that is a page of this origin. WXT reports every
 * Navigation API event, including a download link's `blob:` URL, and a page script can dispatch a
 * look-alike event whose `newUrl` is not a URL object of this isolated world: both are ignored.
 */
export function isPageNavigation(newUrl: unknown, currentOrigin: string = location.origin): newUrl is URL {
  return newUrl instanceof URL && newUrl.protocol === 'https:' && newUrl.origin === currentOrigin;
}
