/**
 * Checks the manifests as built (`.output/chrome-mv3`, `.output/firefox-mv2`), not as configured:
 * WXT rewrites the manifest per browser, and once silently dropped Firefox's optional host
 * permission. Every permission must be on the allow-list below, with the reason it is needed;
 * anything new fails until it is added here (and to the README's permission list) on purpose.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** The only permissions the extension may ask for, and why. */
const ALLOWED_PERMISSIONS: Record<string, string> = {
  storage: 'typed storage items (jobs, cases, settings)',
  alarms: 'job wake-ups and the offboarding re-check',
  scripting: 'inject the toolkit UI on admin routes; register the watcher on added hosts',
};
const REQUIRED_HOSTS = ['https://wandb.ai/*', 'https://api.wandb.ai/*'];
const OPTIONAL_HOSTS = ['https://*/*'];
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

type Manifest = Record<string, unknown> & { manifest_version: number };

function read(dir: string): Manifest {
  const path = resolve(ROOT, '.output', dir, 'manifest.json');
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`npm run build\` and \`npm run build:firefox\``);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

function sameSet(a: unknown, b: string[]): boolean {
  return Array.isArray(a) && a.length === b.length && b.every((x) => a.includes(x));
}

/** Every problem with one built manifest, in words. */
export function manifestProblems(m: Manifest, browser: 'chrome' | 'firefox'): string[] {
  const problems: string[] = [];
  const permissions = (m.permissions as string[] | undefined) ?? [];
  const apiPermissions = permissions.filter((p) => !p.includes('://'));
  const hostPermissions =
    m.manifest_version === 2
      ? permissions.filter((p) => p.includes('://'))
      : (m.host_permissions as string[]);
  for (const p of apiPermissions)
    if (!(p in ALLOWED_PERMISSIONS)) problems.push(`permission "${p}" is not allowed`);
  for (const p of Object.keys(ALLOWED_PERMISSIONS))
    if (!apiPermissions.includes(p)) problems.push(`permission "${p}" is missing`);
  if (!sameSet(hostPermissions, REQUIRED_HOSTS))
    problems.push(
      `host permissions are ${JSON.stringify(hostPermissions)}, expected ${JSON.stringify(REQUIRED_HOSTS)}`,
    );
  const optional = m.manifest_version === 2 ? m.optional_permissions : m.optional_host_permissions;
  if (!sameSet(optional, OPTIONAL_HOSTS))
    problems.push(
      `optional host permissions are ${JSON.stringify(optional)}, expected ${JSON.stringify(OPTIONAL_HOSTS)}`,
    );
  if (m.manifest_version === 3 && m.optional_permissions !== undefined)
    problems.push('optional_permissions must be absent in MV3');
  if ('externally_connectable' in m)
    problems.push('externally_connectable must be absent (no page may message us)');
  // Only the toolkit's UI page may be embedded by a page (in an iframe the page cannot reach into);
  // in Chrome under a per-session URL, so no site can probe for the extension.
  const expectedResources =
    browser === 'firefox'
      ? ['toolkit-frame.html']
      : [{ resources: ['toolkit-frame.html'], matches: ['https://*/*'], use_dynamic_url: true }];
  if (JSON.stringify(m.web_accessible_resources) !== JSON.stringify(expectedResources))
    problems.push(`web_accessible_resources are ${JSON.stringify(m.web_accessible_resources)}`);
  if (JSON.stringify(m.icons) !== JSON.stringify(ICONS))
    problems.push(`icons are ${JSON.stringify(m.icons)}`);
  const action = (m.action ?? m.browser_action) as { default_icon?: unknown } | undefined;
  if (JSON.stringify(action?.default_icon) !== JSON.stringify(ICONS))
    problems.push('the action has no icons');
  const incognito = browser === 'firefox' ? 'not_allowed' : 'split';
  if (m.incognito !== incognito) problems.push(`incognito is ${String(m.incognito)}, expected ${incognito}`);
  if (browser === 'firefox') {
    const gecko = (m.browser_specific_settings as { gecko?: Record<string, unknown> } | undefined)?.gecko;
    if (typeof gecko?.id !== 'string') problems.push('browser_specific_settings.gecko.id is missing');
    if (JSON.stringify(gecko?.data_collection_permissions) !== JSON.stringify({ required: ['none'] }))
      problems.push('gecko.data_collection_permissions must say that nothing is collected');
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const found = [
    ...manifestProblems(read('chrome-mv3'), 'chrome').map((p) => `chrome-mv3: ${p}`),
    ...manifestProblems(read('firefox-mv2'), 'firefox').map((p) => `firefox-mv2: ${p}`),
  ];
  if (found.length > 0) {
    for (const problem of found) console.error(problem);
    process.exit(1);
  }
  console.log('check-manifests: both built manifests ask only for the allowed permissions.');
}
