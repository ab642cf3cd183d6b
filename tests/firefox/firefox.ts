/**
 * Launching Debian's Firefox ESR headless with the built add-on, made to believe it is on wandb.ai:
 * puppeteer-core drives it over WebDriver BiDi; a CONNECT proxy in the test process tunnels the W&B
 * hosts to the simulator and refuses every other host; the simulator's certificate is trusted
 * through the profile's NSS database (certutil); downloads go to a temporary directory (prefs); and
 * Firefox's Remote Debugging Protocol (RDP) is open on a loopback port for the add-on's own pages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findBrowser, findCertutil } from '@/scripts/browsers';
import type { Simulator } from '../simulator/server';
import { type ConnectProxy, startConnectProxy } from './proxy';
import { RdpClient } from './rdp';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');
/** The add-on id the Firefox manifest fixes (browser_specific_settings.gecko.id). */
export const ADDON_ID = 'admin-toolkit-for-wandb@wbat.invalid';
/** Every profile this suite makes starts with this, so a leftover Firefox can be found by it. */
export const PROFILE_PREFIX = 'wbat-firefox-';

/**
 * The Firefox to drive and NSS's certutil, found by the project's browser finder ($FIREFOX_PATH,
 * the usual places, …). Not installed from here: `npm test` runs `npm run browsers` first, which
 * installs them where it can; otherwise the error names the command.
 */
async function firefoxAndCertutil(): Promise<{ firefox: string; certutil: string }> {
  const firefox = await findBrowser('firefox', { install: false });
  const certutil = await findCertutil();
  if (!certutil)
    throw new Error(
      "No certutil found (NSS tools, for trusting the simulator's certificate in the Firefox profile): run `npx tsx scripts/browsers.ts ensure firefox`, or on Debian/Ubuntu `apt-get install -y libnss3-tools`.",
    );
  return { firefox, certutil };
}

export interface LaunchedFirefox {
  browser: Browser;
  page: Page;
  /** The add-on's base URL, `moz-extension://<uuid>/`. */
  extensionBase: string;
  downloadDir: string;
  profile: string;
  proxy: ConnectProxy;
  rdp: RdpClient;
  /** What the add-on's own pages (background page, options page, …) logged, from the moment it was installed. */
  extensionConsole: ExtensionConsole;
  /** What was logged in the W&B tab (`page`): the W&B page, the add-on's content scripts and frames there. */
  tabConsole: ExtensionConsole;
  /** Everything Firefox wrote to stdout and stderr so far. */
  output(): string;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** Hosts whose optional permission is granted in the profile before Firefox starts. */
  preGrantedHosts?: string[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export async function launchFirefox(sim: Simulator, options: FirefoxOptions = {}): Promise<LaunchedFirefox> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` first.`);
  const { firefox, certutil } = await firefoxAndCertutil();
  const hosts = ['wandb.ai', 'api.wandb.ai', ...sim.extraHosts];
  const root = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  const profile = join(root, 'profile');
  const downloadDir = join(root, 'downloads');
  mkdirSync(profile);
  mkdirSync(downloadDir);

  // Trust the simulator's own certificate, and only it, in the profile's NSS database.
  try {
    writeFileSync(join(root, 'sim.pem'), sim.cert);
    execFileSync(certutil, ['-N', '-d', `sql:${profile}`, '--empty-password']);
    execFileSync(certutil, [
      '-A',
      '-d',
      `sql:${profile}`,
      '-t',
      'C,,',
      '-n',
      'wbat-simulator',
      '-i',
      join(root, 'sim.pem'),
    ]);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const proxy = await startConnectProxy({ targetPort: sim.port, hosts });

  if (options.preGrantedHosts?.length) grantHostsInProfile(profile, options.preGrantedHosts);

  const rdpPort = await freePort();
  const removeAll = async () => {
    await proxy.close();
    rmSync(root, { recursive: true, force: true });
  };
  const browser = await puppeteer
    .launch({
      browser: 'firefox',
      executablePath: firefox,
      headless: true,
      userDataDir: profile,
      args: ['-start-debugger-server', String(rdpPort)],
      extraPrefsFirefox: {
        // Every connection goes to our proxy, which refuses all but the simulated hosts.
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.share_proxy_settings': false,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.dns.disablePrefetch': true,
        'network.http.speculative-parallel-limit': 0,
        // Downloads land in a temporary directory without asking.
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk':
          'text/csv,application/json,text/markdown,application/octet-stream',
        // The Remote Debugging Protocol, for the add-on's own pages and console.
        'devtools.debugger.remote-enabled': true,
        'devtools.chrome.enabled': true,
        'devtools.debugger.prompt-connection': false,
        'devtools.console.stdout.content': true,
        'devtools.console.stdout.chrome': true,
      },
    })
    .catch(async (error: unknown) => {
      // Puppeteer stops the Firefox it could not connect to; the proxy and the profile are ours.
      await removeAll();
      throw error;
    });
  const child = browser.process();
  const chunks: string[] = [];
  child?.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  child?.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));

  let rdp: RdpClient | undefined;
  const close = async () => {
    rdp?.close();
    // A bound on a hang: a Firefox that does not close within 10 s is killed below.
    await Promise.race([
      browser.close().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
    ]);
    // The whole process group: Firefox's content processes too.
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await removeAll();
  };
  try {
    const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    if (id !== ADDON_ID) throw new Error(`installed add-on id ${id}, expected ${ADDON_ID}`);
    rdp = await RdpClient.connect(rdpPort);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const { addons } = (await rdp.request('root', 'listAddons')) as unknown as {
      addons: { id: string; url?: string; manifestURL?: string }[];
    };
    const addon = addons.find((a) => a.id === ADDON_ID);
    const manifestURL = addon?.manifestURL ?? '';
    const extensionBase = manifestURL.replace(/manifest\.json$/, '');
    if (!addon || !extensionBase.startsWith('moz-extension://'))
      throw new Error(`the add-on is not listed by the debugger: ${JSON.stringify(addons)}`);
    const extensionConsole = await watchConsole(rdp, (addon as unknown as { actor: string }).actor);
    // The W&B tab's console: where the add-on's content scripts and its frames in the page log.
    const { tabs } = (await rdp.request('root', 'listTabs')) as unknown as { tabs: { actor: string }[] };
    if (tabs.length !== 1) throw new Error(`expected the one tab Firefox starts with, found ${tabs.length}`);
    const tabConsole = await watchConsole(rdp, tabs[0]!.actor);
    return {
      browser,
      page,
      extensionBase,
      downloadDir,
      profile,
      proxy,
      rdp,
      extensionConsole,
      tabConsole,
      output: () => chunks.join(''),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Writes granted origins into the profile's legacy permission file, which Firefox migrates on first start. */
function grantHostsInProfile(profile: string, hosts: string[]): void {
  writeFileSync(
    join(profile, 'extension-preferences.json'),
    JSON.stringify({ [ADDON_ID]: { permissions: [], origins: hosts.map((host) => `https://${host}/*`) } }),
  );
}

export interface ConsoleEntry {
  /** The URL of the add-on page that logged it (background page, options page, …). */
  page: string;
  kind: 'error-message' | 'console-message';
  /** 'error', 'warn', 'log', … (page errors: 'error' or 'warning'). */
  level: string;
  text: string;
  source: string;
}

export interface ExtensionConsole {
  entries(): ConsoleEntry[];
  /** The add-on pages the debugger has seen, by URL. */
  pages(): string[];
  /** The console actor of the add-on page at this URL (the latest one), to evaluate code in it. */
  consoleActor(url: string): string | undefined;
}

/**
 * Watches a console the way Firefox's toolbox does. For the add-on (about:debugging → Inspect) its
 * watcher reports every page of the add-on (background page, options page, …) as a target; for a
 * tab, every document in it. Console messages and page errors (CSP refusals included) come as
 * resources, the ones logged before the watch began too.
 */
async function watchConsole(rdp: RdpClient, descriptorActor: string): Promise<ExtensionConsole> {
  const targets = new Map<string, string>();
  const consoles = new Map<string, string>();
  const entries: ConsoleEntry[] = [];
  const watcher = (await rdp.request(descriptorActor, 'getWatcher', {
    isServerTargetSwitchingEnabled: true,
  })) as { actor: string };
  rdp.onEvent((packet) => {
    if (packet.type === 'target-available-form' && packet.from === watcher.actor) {
      const target = packet.target as { actor: string; url: string; consoleActor: string };
      targets.set(target.actor, target.url);
      consoles.set(target.url, target.consoleActor);
    } else if (packet.type === 'resources-available-array' && targets.has(packet.from ?? '')) {
      const page = targets.get(packet.from ?? '')!;
      for (const [kind, resources] of packet.array as [string, Record<string, unknown>[]][]) {
        for (const resource of resources) {
          if (kind === 'error-message') {
            const error = resource.pageError as {
              errorMessage: string;
              sourceName: string;
              warning?: boolean;
              error?: boolean;
            };
            entries.push({
              page,
              kind,
              level: error.warning ? 'warning' : 'error',
              text: error.errorMessage,
              source: error.sourceName,
            });
          } else if (kind === 'console-message') {
            const message = (resource.message ?? resource) as {
              level: string;
              arguments?: unknown[];
              filename?: string;
            };
            entries.push({
              page,
              kind,
              level: message.level,
              text: (message.arguments ?? [])
                .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
                .join(' '),
              source: message.filename ?? '',
            });
          }
        }
      }
    }
  });
  await rdp.request(watcher.actor, 'watchTargets', { targetType: 'frame' });
  await rdp.request(watcher.actor, 'watchResources', { resourceTypes: ['console-message', 'error-message'] });
  return {
    entries: () => [...entries],
    pages: () => [...new Set(targets.values())],
    consoleActor: (url) => consoles.get(url),
  };
}
