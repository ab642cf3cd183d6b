/**
 * Finds (or, on Debian as root, installs) the browsers that the demo and the tests drive, so that
 * `npm ci && npm run demo` and `npm ci && npm test` need nothing else on the machine.
 *
 *   tsx scripts/browsers.ts ensure chromium firefox   # find, or install with apt-get where it can
 *   tsx scripts/browsers.ts find chromium             # find only; print the command that would install
 *
 * Order: `CHROMIUM_PATH` / `FIREFOX_PATH` (an explicit path that does not exist is an error, never
 * silently replaced); then the usual install places on Linux, macOS and Windows (Chromium, Chrome for
 * Testing, Edge, then Playwright's own Chromium; Firefox ESR, then Firefox); then, on Debian as root
 * with apt-get, `apt-get update && apt-get install -y chromium` (or `firefox-esr libnss3-tools`) with
 * apt's own progress; otherwise one paragraph naming the command for this system, and failure.
 *
 * Branded Google Chrome is never used: since Chrome 137 it ignores `--load-extension`, so it cannot
 * load the unpacked extension. When only Chrome is installed, the message says so.
 *
 * Firefox also needs NSS's `certutil` (Debian: libnss3-tools): the Firefox tests add the simulator's
 * certificate to the profile with it. `CERTUTIL_PATH` names it explicitly.
 *
 * The decision is `planBrowser`, a pure function of a `BrowserSystem` (platform, environment, file
 * existence, distribution, root), unit-tested with a table of fake systems.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';

export type BrowserKind = 'chromium' | 'firefox';

/** What the decision may look at. The real one is `realSystem()`; tests pass fakes. */
export interface BrowserSystem {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  exists(path: string): boolean;
  /** Absolute path of a command on PATH, or undefined. */
  which(command: string): string | undefined;
  /** `/etc/os-release` ID and ID_LIKE, lower case; empty off Linux. */
  distro: { id: string; like: string[] };
  isRoot: boolean;
  /** Where Playwright's own Chromium would be for the installed @playwright/test (it may be absent). */
  playwrightChromium?: string;
}

export type BrowserPlan =
  | { action: 'use'; path: string; source: string; certutil?: string }
  | { action: 'apt'; packages: string[]; reason: string }
  | { action: 'fail'; message: string };

interface Candidate {
  path: string;
  source: string;
}

const ENV_VAR: Record<BrowserKind, string> = { chromium: 'CHROMIUM_PATH', firefox: 'FIREFOX_PATH' };
const APT_PACKAGES = { chromium: ['chromium'], firefox: ['firefox-esr'], certutil: ['libnss3-tools'] };

function pathFor(sys: BrowserSystem) {
  return sys.platform === 'win32' ? win32 : posix;
}

/** Windows install roots that are set in this environment. */
function windowsRoots(sys: BrowserSystem): { local?: string; programs: string[] } {
  const programs = [sys.env.PROGRAMFILES, sys.env['PROGRAMFILES(X86)']].filter((p): p is string => !!p);
  return { local: sys.env.LOCALAPPDATA, programs };
}

/** Places a browser that can load an unpacked extension is usually installed, best first. */
export function browserCandidates(kind: BrowserKind, sys: BrowserSystem): Candidate[] {
  const p = pathFor(sys);
  const list: Candidate[] = [];
  const add = (source: string, ...paths: string[]) => {
    for (const path of paths) list.push({ path, source });
  };
  if (kind === 'chromium') {
    if (sys.platform === 'linux') {
      add('Chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium');
      add('Chromium (snap)', '/snap/bin/chromium');
      add('Chrome for Testing', '/opt/google/chrome-for-testing/chrome');
      add('Microsoft Edge', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable');
    } else if (sys.platform === 'darwin') {
      for (const apps of ['/Applications', p.join(sys.home, 'Applications')]) {
        add('Chromium', p.join(apps, 'Chromium.app/Contents/MacOS/Chromium'));
        add(
          'Chrome for Testing',
          p.join(apps, 'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'),
        );
        add('Microsoft Edge', p.join(apps, 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'));
      }
    } else if (sys.platform === 'win32') {
      const { local, programs } = windowsRoots(sys);
      for (const root of [local, ...programs].filter((r): r is string => !!r))
        add('Chromium', p.join(root, 'Chromium', 'Application', 'chrome.exe'));
      for (const root of [local, ...programs].filter((r): r is string => !!r))
        add('Chrome for Testing', p.join(root, 'Google', 'Chrome for Testing', 'Application', 'chrome.exe'));
      for (const root of programs)
        add('Microsoft Edge', p.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    }
    if (sys.playwrightChromium) add("Playwright's Chromium", sys.playwrightChromium);
  } else {
    if (sys.platform === 'linux') {
      add('Firefox ESR', '/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr');
      add(
        'Firefox',
        '/usr/bin/firefox',
        '/usr/lib/firefox/firefox',
        '/opt/firefox/firefox',
        '/snap/bin/firefox',
      );
    } else if (sys.platform === 'darwin') {
      for (const apps of ['/Applications', p.join(sys.home, 'Applications')]) {
        add('Firefox', p.join(apps, 'Firefox.app/Contents/MacOS/firefox'));
        add(
          'Firefox Developer Edition',
          p.join(apps, 'Firefox Developer Edition.app/Contents/MacOS/firefox'),
        );
      }
    } else if (sys.platform === 'win32') {
      for (const root of windowsRoots(sys).programs)
        add('Firefox', p.join(root, 'Mozilla Firefox', 'firefox.exe'));
    }
  }
  return list;
}

/** Branded Google Chrome, which is installed often but cannot load the extension. */
export function brandedChromePaths(sys: BrowserSystem): string[] {
  const p = pathFor(sys);
  if (sys.platform === 'linux') return ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  if (sys.platform === 'darwin') return ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  if (sys.platform === 'win32') {
    const { local, programs } = windowsRoots(sys);
    return [local, ...programs]
      .filter((r): r is string => !!r)
      .map((root) => p.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return [];
}

/** NSS's certutil (not Windows' own certutil.exe, which is another tool): `CERTUTIL_PATH`, PATH, Homebrew. */
export function findCertutilIn(sys: BrowserSystem): string | undefined {
  const explicit = sys.env.CERTUTIL_PATH;
  if (explicit) return sys.exists(explicit) ? explicit : undefined;
  if (sys.platform === 'win32') return undefined;
  const onPath = sys.which('certutil');
  if (onPath) return onPath;
  const brew = ['/opt/homebrew/opt/nss/bin/certutil', '/usr/local/opt/nss/bin/certutil'];
  return sys.platform === 'darwin' ? brew.find((path) => sys.exists(path)) : undefined;
}

type Family =
  | 'debian'
  | 'ubuntu'
  | 'fedora'
  | 'arch'
  | 'alpine'
  | 'suse'
  | 'other-linux'
  | 'darwin'
  | 'win32'
  | 'other';

function family(sys: BrowserSystem): Family {
  if (sys.platform === 'darwin' || sys.platform === 'win32') return sys.platform;
  if (sys.platform !== 'linux') return 'other';
  const ids = [sys.distro.id, ...sys.distro.like];
  // Ubuntu says ID_LIKE=debian, but its apt `chromium-browser` and `firefox` only install snaps.
  if (ids.includes('ubuntu')) return 'ubuntu';
  if (ids.includes('debian')) return 'debian';
  if (ids.some((id) => ['fedora', 'rhel', 'centos'].includes(id))) return 'fedora';
  if (ids.includes('arch')) return 'arch';
  if (ids.includes('alpine')) return 'alpine';
  if (ids.some((id) => id.includes('suse'))) return 'suse';
  return 'other-linux';
}

/** The exact command that installs what is missing on this system. */
export function installCommand(
  kind: BrowserKind,
  sys: BrowserSystem,
  missing: { browser: boolean; certutil: boolean },
): string {
  const sudo = sys.isRoot ? '' : 'sudo ';
  const pick = (browser: string, certutil: string) =>
    [missing.browser ? browser : '', kind === 'firefox' && missing.certutil ? certutil : '']
      .filter(Boolean)
      .join(' ');
  switch (family(sys)) {
    case 'debian': {
      const packages = pick(APT_PACKAGES[kind].join(' '), APT_PACKAGES.certutil.join(' '));
      return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages}`;
    }
    case 'ubuntu':
      return kind === 'chromium'
        ? 'npx playwright install chromium'
        : [
            missing.browser ? `${sudo}snap install firefox` : '',
            missing.certutil ? `${sudo}apt-get install -y libnss3-tools` : '',
          ]
            .filter(Boolean)
            .join(' && ');
    case 'fedora':
      return `${sudo}dnf install -y ${pick(kind, 'nss-tools')}`;
    case 'arch':
      return `${sudo}pacman -S --needed ${pick(kind, 'nss')}`;
    case 'alpine':
      return `${sudo}apk add ${pick(kind, 'nss-tools')}`;
    case 'suse':
      return `${sudo}zypper install -y ${pick(kind === 'chromium' ? 'chromium' : 'MozillaFirefox', 'mozilla-nss-tools')}`;
    case 'darwin':
      return kind === 'chromium'
        ? 'npx playwright install chromium'
        : [missing.browser ? 'brew install --cask firefox' : '', missing.certutil ? 'brew install nss' : '']
            .filter(Boolean)
            .join(' && ');
    case 'win32':
      return kind === 'chromium'
        ? 'npx playwright install chromium'
        : [
            missing.browser ? 'winget install Mozilla.Firefox' : '',
            missing.certutil
              ? "set CERTUTIL_PATH to NSS's certutil.exe (Windows' own certutil is another tool)"
              : '',
          ]
            .filter(Boolean)
            .join(', then ');
    default:
      return kind === 'chromium'
        ? 'npx playwright install chromium'
        : "your system's package manager: Firefox (or Firefox ESR) and NSS's certutil";
  }
}

function canUseApt(sys: BrowserSystem): boolean {
  return family(sys) === 'debian' && sys.isRoot && !!sys.which('apt-get');
}

/** What to do to get a usable `kind` on `sys`: use a path, install with apt, or fail with advice. */
export function planBrowser(kind: BrowserKind, sys: BrowserSystem): BrowserPlan {
  const name = kind === 'chromium' ? 'Chromium' : 'Firefox';
  const envVar = ENV_VAR[kind];
  const explicit = sys.env[envVar];
  const certutil = kind === 'firefox' ? findCertutilIn(sys) : undefined;
  if (kind === 'firefox' && sys.env.CERTUTIL_PATH && !certutil)
    return {
      action: 'fail',
      message: `CERTUTIL_PATH is set to ${sys.env.CERTUTIL_PATH}, which does not exist.`,
    };

  let found: Candidate | undefined;
  if (explicit) {
    if (!sys.exists(explicit))
      return {
        action: 'fail',
        message: `${envVar} is set to ${explicit}, which does not exist. Point it at a ${name} executable, or unset it to let the scripts find or install one.`,
      };
    found = { path: explicit, source: envVar };
  } else {
    found = browserCandidates(kind, sys).find((candidate) => sys.exists(candidate.path));
  }
  const needsCertutil = kind === 'firefox' && !certutil;
  if (found && !needsCertutil) return { action: 'use', path: found.path, source: found.source, certutil };

  const chrome = kind === 'chromium' ? brandedChromePaths(sys).find((path) => sys.exists(path)) : undefined;
  const chromeNote = chrome
    ? ` Google Chrome is installed (${chrome}), but branded Chrome ignores --load-extension since version 137, so it cannot load the unpacked extension: the demo and tests need Chromium.`
    : '';
  const missing = { browser: !found, certutil: needsCertutil };
  const what = [
    missing.browser ? name : '',
    missing.certutil ? "NSS's certutil (the Firefox tests add the simulator's certificate with it)" : '',
  ]
    .filter(Boolean)
    .join(' and ');

  if (canUseApt(sys)) {
    const packages = [
      ...(missing.browser ? APT_PACKAGES[kind] : []),
      ...(missing.certutil ? APT_PACKAGES.certutil : []),
    ];
    return { action: 'apt', packages, reason: `No ${what} found.${chromeNote}` };
  }
  const looked = explicit ? envVar : `${envVar} and the usual install places`;
  const envHint = missing.browser ? ` Or set ${envVar} to a ${name} executable you already have.` : '';
  return {
    action: 'fail',
    message: `No ${what} found (looked at ${looked}).${chromeNote} To install it on this system, run: ${installCommand(kind, sys, missing)} — then run this command again.${envHint}`,
  };
}

function readDistro(): { id: string; like: string[] } {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (key: string) =>
      (text.match(new RegExp(`^${key}=("?)([^"\\n]*)\\1$`, 'm'))?.[2] ?? '').toLowerCase();
    return { id: field('ID'), like: field('ID_LIKE').split(/\s+/).filter(Boolean) };
  } catch {
    return { id: '', like: [] };
  }
}

/** This machine, as `planBrowser` sees it. */
export async function realSystem(): Promise<BrowserSystem> {
  let playwrightChromium: string | undefined;
  try {
    playwrightChromium = (await import('@playwright/test')).chromium.executablePath();
  } catch {
    playwrightChromium = undefined; // Playwright knows no Chromium for this platform
  }
  const pathDirs = (process.env.PATH ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  return {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    exists: existsSync,
    which: (command) => pathDirs.map((dir) => resolve(dir, command)).find((path) => existsSync(path)),
    distro: process.platform === 'linux' ? readDistro() : { id: '', like: [] },
    isRoot: process.getuid?.() === 0,
    playwrightChromium,
  };
}

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

function aptInstall(packages: string[]): void {
  console.error(
    `Installing ${packages.join(', ')} from Debian's packages (apt-get update, then apt-get install -y ${packages.join(' ')}; about 15–60 s)…`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const run = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (run.status !== 0)
      throw new BrowserNotFoundError(
        `apt-get ${args.join(' ')} failed (${run.error?.message ?? `exit ${run.status}`}); nothing else was changed.`,
      );
  }
}

export interface FoundBrowser {
  path: string;
  source: string;
  /** NSS's certutil, for Firefox. */
  certutil?: string;
}

/**
 * The browser to drive, found or (with `install`, on Debian as root) installed with apt-get.
 * Throws `BrowserNotFoundError` with one paragraph naming the command that would install it.
 */
export async function findBrowserDetails(
  kind: BrowserKind,
  options: { install: boolean },
  system?: BrowserSystem,
): Promise<FoundBrowser> {
  const sys = system ?? (await realSystem());
  const plan = planBrowser(kind, sys);
  if (plan.action === 'use') return { path: plan.path, source: plan.source, certutil: plan.certutil };
  if (plan.action === 'fail') throw new BrowserNotFoundError(plan.message);
  if (!options.install)
    throw new BrowserNotFoundError(
      `${plan.reason} Run \`npx tsx scripts/browsers.ts ensure ${kind}\` (it runs apt-get update && apt-get install -y ${plan.packages.join(' ')}), or set ${ENV_VAR[kind]}.`,
    );
  console.error(plan.reason);
  aptInstall(plan.packages);
  const after = planBrowser(kind, system ?? (await realSystem()));
  if (after.action !== 'use')
    throw new BrowserNotFoundError(
      `apt-get installed ${plan.packages.join(' ')}, but still: ${after.action === 'fail' ? after.message : after.reason}`,
    );
  return { path: after.path, source: after.source, certutil: after.certutil };
}

/** The executable path of `kind` (see `findBrowserDetails`). */
export async function findBrowser(kind: BrowserKind, options: { install: boolean }): Promise<string> {
  return (await findBrowserDetails(kind, options)).path;
}

/** NSS's certutil for the Firefox tests (see `findBrowserDetails('firefox', …)`, which installs it). */
export async function findCertutil(): Promise<string | undefined> {
  return findCertutilIn(await realSystem());
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [command, ...rest] = process.argv.slice(2);
  const kinds = rest.filter((arg) => !arg.startsWith('--'));
  const valid = (kind: string): kind is BrowserKind => kind === 'chromium' || kind === 'firefox';
  if ((command !== 'ensure' && command !== 'find') || kinds.length === 0 || !kinds.every(valid)) {
    console.error('usage: tsx scripts/browsers.ts ensure|find chromium [firefox]');
    process.exit(2);
  }
  let failed = false;
  for (const kind of kinds) {
    try {
      const found = await findBrowserDetails(kind, { install: command === 'ensure' });
      console.log(
        `${kind}: ${found.path} (${found.source})${found.certutil ? `; certutil: ${found.certutil}` : ''}`,
      );
    } catch (error) {
      if (!(error instanceof BrowserNotFoundError)) throw error;
      console.error(`${kind}: ${error.message}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}
