/**
 * Browser provisioning (`scripts/browsers.ts`): which executable the demo and tests drive, when
 * apt-get installs one, and what a person is told otherwise — decided on fake systems, never by
 * installing anything.
 */
import { describe, expect, it } from 'vitest';
import {
  type BrowserKind,
  type BrowserPlan,
  type BrowserSystem,
  findBrowserDetails,
  planBrowser,
} from '@/scripts/browsers';

const DEBIAN = { id: 'debian', like: [] };
const UBUNTU = { id: 'ubuntu', like: ['debian'] };

function system(
  overrides: Partial<BrowserSystem> & { files?: string[]; path?: string[] } = {},
): BrowserSystem {
  const files = new Set(overrides.files ?? []);
  const onPath = overrides.path ?? [];
  return {
    platform: 'linux',
    env: {},
    home: '/home/ann',
    distro: DEBIAN,
    isRoot: true,
    exists: (path) => files.has(path),
    which: (command) => onPath.map((dir) => `${dir}/${command}`).find((path) => files.has(path)),
    ...overrides,
  };
}

const APT = { path: ['/usr/bin'], files: ['/usr/bin/apt-get'] };
const WIN_ENV = {
  LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
  PROGRAMFILES: 'C:\\Program Files',
  'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
};

interface Row {
  name: string;
  kind: BrowserKind;
  sys: BrowserSystem;
  expect: Partial<BrowserPlan> & { action: BrowserPlan['action'] };
  /** Substrings the failure or apt reason must contain. */
  says?: string[];
  /** Substrings it must not contain. */
  not?: string[];
}

const rows: Row[] = [
  {
    name: 'CHROMIUM_PATH wins over an installed Chromium',
    kind: 'chromium',
    sys: system({ env: { CHROMIUM_PATH: '/opt/my/chrome' }, files: ['/opt/my/chrome', '/usr/bin/chromium'] }),
    expect: { action: 'use', path: '/opt/my/chrome', source: 'CHROMIUM_PATH' },
  },
  {
    name: 'CHROMIUM_PATH that does not exist is an error, not silently replaced or installed over',
    kind: 'chromium',
    sys: system({
      env: { CHROMIUM_PATH: '/nonexistent' },
      ...APT,
      files: [...APT.files, '/usr/bin/chromium'],
    }),
    expect: { action: 'fail' },
    says: ['CHROMIUM_PATH is set to /nonexistent, which does not exist'],
  },
  {
    name: "Debian's Chromium",
    kind: 'chromium',
    sys: system({ files: ['/usr/bin/chromium', '/usr/bin/google-chrome'] }),
    expect: { action: 'use', path: '/usr/bin/chromium', source: 'Chromium' },
  },
  {
    name: 'Edge on Linux when there is no Chromium',
    kind: 'chromium',
    sys: system({ files: ['/usr/bin/microsoft-edge-stable'] }),
    expect: { action: 'use', path: '/usr/bin/microsoft-edge-stable', source: 'Microsoft Edge' },
  },
  {
    name: "Playwright's cached Chromium, after the system's",
    kind: 'chromium',
    sys: system({
      playwrightChromium: '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
      files: ['/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome'],
    }),
    expect: { action: 'use', source: "Playwright's Chromium" },
  },
  {
    name: 'Chromium on macOS, in ~/Applications',
    kind: 'chromium',
    sys: system({
      platform: 'darwin',
      home: '/Users/ann',
      files: ['/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium'],
    }),
    expect: { action: 'use', path: '/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium' },
  },
  {
    name: 'Chrome for Testing on macOS',
    kind: 'chromium',
    sys: system({
      platform: 'darwin',
      files: ['/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'],
    }),
    expect: { action: 'use', source: 'Chrome for Testing' },
  },
  {
    name: 'Edge on Windows (x86 Program Files)',
    kind: 'chromium',
    sys: system({
      platform: 'win32',
      env: WIN_ENV,
      files: ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
    }),
    expect: { action: 'use', path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe' },
  },
  {
    name: 'Chromium per user on Windows, before Edge',
    kind: 'chromium',
    sys: system({
      platform: 'win32',
      env: WIN_ENV,
      files: [
        'C:\\Users\\ann\\AppData\\Local\\Chromium\\Application\\chrome.exe',
        'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      ],
    }),
    expect: { action: 'use', source: 'Chromium' },
  },
  {
    name: 'Debian as root with apt-get and nothing installed: apt-get install chromium',
    kind: 'chromium',
    sys: system(APT),
    expect: { action: 'apt', packages: ['chromium'] },
    says: ['No Chromium found'],
  },
  {
    name: 'only branded Chrome on Debian as root: install Chromium, and say why Chrome is not used',
    kind: 'chromium',
    sys: system({ ...APT, files: [...APT.files, '/usr/bin/google-chrome'] }),
    expect: { action: 'apt', packages: ['chromium'] },
    says: ['Google Chrome is installed (/usr/bin/google-chrome)', 'ignores --load-extension'],
  },
  {
    name: 'Debian, not root: the sudo command, no install',
    kind: 'chromium',
    sys: system({ ...APT, isRoot: false }),
    expect: { action: 'fail' },
    says: ['sudo apt-get update && sudo apt-get install -y chromium', 'CHROMIUM_PATH'],
  },
  {
    name: 'Debian as root without apt-get: the command, no install',
    kind: 'chromium',
    sys: system(),
    expect: { action: 'fail' },
    says: ['run: apt-get update && apt-get install -y chromium'],
    not: ['sudo'],
  },
  {
    name: "Ubuntu (apt's chromium is a snap): Playwright's Chromium",
    kind: 'chromium',
    sys: system({ ...APT, distro: UBUNTU }),
    expect: { action: 'fail' },
    says: ['npx playwright install chromium'],
  },
  {
    name: 'Fedora: dnf',
    kind: 'chromium',
    sys: system({ distro: { id: 'fedora', like: [] }, isRoot: false }),
    expect: { action: 'fail' },
    says: ['sudo dnf install -y chromium'],
  },
  {
    name: 'only branded Chrome on macOS: say so, and name the command',
    kind: 'chromium',
    sys: system({
      platform: 'darwin',
      files: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    }),
    expect: { action: 'fail' },
    says: ['branded Chrome ignores --load-extension', 'npx playwright install chromium'],
  },
  {
    name: 'Windows with nothing: the command',
    kind: 'chromium',
    sys: system({ platform: 'win32', env: WIN_ENV }),
    expect: { action: 'fail' },
    says: ['npx playwright install chromium'],
  },
  {
    name: 'Firefox ESR and certutil on Debian',
    kind: 'firefox',
    sys: system({
      path: ['/usr/bin'],
      files: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/bin/certutil'],
    }),
    expect: {
      action: 'use',
      path: '/usr/bin/firefox-esr',
      source: 'Firefox ESR',
      certutil: '/usr/bin/certutil',
    },
  },
  {
    name: 'FIREFOX_PATH that does not exist',
    kind: 'firefox',
    sys: system({ env: { FIREFOX_PATH: '/nonexistent' }, ...APT }),
    expect: { action: 'fail' },
    says: ['FIREFOX_PATH is set to /nonexistent'],
  },
  {
    name: 'Firefox without certutil, Debian as root: install libnss3-tools only',
    kind: 'firefox',
    sys: system({ ...APT, files: [...APT.files, '/usr/bin/firefox-esr'] }),
    expect: { action: 'apt', packages: ['libnss3-tools'] },
    says: ["NSS's certutil"],
  },
  {
    name: 'nothing for Firefox, Debian as root: firefox-esr and libnss3-tools',
    kind: 'firefox',
    sys: system(APT),
    expect: { action: 'apt', packages: ['firefox-esr', 'libnss3-tools'] },
  },
  {
    name: 'Firefox on macOS without certutil: brew install nss',
    kind: 'firefox',
    sys: system({ platform: 'darwin', files: ['/Applications/Firefox.app/Contents/MacOS/firefox'] }),
    expect: { action: 'fail' },
    says: ['brew install nss'],
    not: ['brew install --cask firefox'],
  },
  {
    name: "Firefox on macOS with Homebrew's nss",
    kind: 'firefox',
    sys: system({
      platform: 'darwin',
      files: ['/Applications/Firefox.app/Contents/MacOS/firefox', '/opt/homebrew/opt/nss/bin/certutil'],
    }),
    expect: { action: 'use', certutil: '/opt/homebrew/opt/nss/bin/certutil' },
  },
  {
    name: "Windows' own certutil.exe on PATH is not NSS's",
    kind: 'firefox',
    sys: system({
      platform: 'win32',
      env: WIN_ENV,
      path: ['C:\\Windows\\System32'],
      files: ['C:\\Program Files\\Mozilla Firefox\\firefox.exe', 'C:\\Windows\\System32/certutil'],
    }),
    expect: { action: 'fail' },
    says: ['CERTUTIL_PATH'],
  },
  {
    name: 'CERTUTIL_PATH names it',
    kind: 'firefox',
    sys: system({
      platform: 'win32',
      env: { ...WIN_ENV, CERTUTIL_PATH: 'C:\\nss\\certutil.exe' },
      files: ['C:\\Program Files\\Mozilla Firefox\\firefox.exe', 'C:\\nss\\certutil.exe'],
    }),
    expect: { action: 'use', certutil: 'C:\\nss\\certutil.exe' },
  },
];

describe('planBrowser', () => {
  it.each(rows)('$name', (row) => {
    const plan = planBrowser(row.kind, row.sys);
    expect(plan).toMatchObject(row.expect);
    const text = plan.action === 'fail' ? plan.message : plan.action === 'apt' ? plan.reason : '';
    for (const phrase of row.says ?? []) expect(text).toContain(phrase);
    for (const phrase of row.not ?? []) expect(text).not.toContain(phrase);
  });
});

describe('findBrowserDetails', () => {
  it('without install, names the command that would install instead of running apt-get', async () => {
    await expect(findBrowserDetails('chromium', { install: false }, system(APT))).rejects.toThrow(
      /apt-get update && apt-get install -y chromium/,
    );
  });

  it('returns the found path and certutil', async () => {
    const sys = system({ path: ['/usr/bin'], files: ['/usr/bin/firefox-esr', '/usr/bin/certutil'] });
    await expect(findBrowserDetails('firefox', { install: true }, sys)).resolves.toEqual({
      path: '/usr/bin/firefox-esr',
      source: 'Firefox ESR',
      certutil: '/usr/bin/certutil',
    });
  });
});
