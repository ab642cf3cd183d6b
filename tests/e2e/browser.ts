/**
 * Launching Chromium with the built extension, made to believe it is on wandb.ai: the W&B hosts
 * resolve to the simulator on loopback, every other host resolves to nothing, and only the
 * simulator's certificate is trusted. Shared by the end-to-end fixtures, the demo and the bench.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { findBrowser } from '@/scripts/browsers';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * The Chromium to launch (`scripts/browsers.ts`: $CHROMIUM_PATH, then the usual install places, then
 * Playwright's own). Never installs: `npm test` and the demo have run `browsers.ts ensure` before;
 * a missing browser fails here with the command that would install it.
 */
export async function findChromium(): Promise<string> {
  return findBrowser('chromium', { install: false });
}

export interface LaunchOptions {
  port: number;
  spki: string;
  headless?: boolean;
  /** Extra hostnames (self-managed W&B) that also resolve to the simulator. */
  extraHosts?: string[];
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number } | null;
  /**
   * Hosts whose optional host permission is already granted when the test starts, as if the admin
   * had clicked "Allow" in Chrome's permission prompt earlier: headless Chromium shows that prompt
   * nowhere and offers no switch to answer it. Done by starting the browser once, adding the origin
   * to the extension's granted and active permissions in the profile's Preferences (Chromium on
   * Linux does not enforce preference MACs), and starting it again. `permissions.request` for such
   * a host then resolves `true` without a prompt, as it does for any already-granted origin.
   */
  preGrantedHosts?: string[];
}

export interface LaunchedBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(options: LaunchOptions): Promise<LaunchedBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const hosts = ['wandb.ai', 'api.wandb.ai', ...(options.extraHosts ?? [])];
  const rules = [...hosts.map((host) => `MAP ${host} 127.0.0.1:${options.port}`), 'MAP * ~NOTFOUND'].join(
    ', ',
  );
  const executablePath = await findChromium();
  // A profile in memory where the machine has it: Chromium writes its profile as it runs.
  const profile = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'wbat-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath,
      headless: options.headless ?? true,
      ignoreHTTPSErrors: true,
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        `--host-resolver-rules=${rules}`,
        `--ignore-certificate-errors-spki-list=${options.spki}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-features=Translate,OptimizationHints,MediaRouter',
      ],
    });
  let context = await launch();
  let serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  if (options.preGrantedHosts && options.preGrantedHosts.length > 0) {
    await context.close();
    grantHostsInProfile(profile, extensionId, options.preGrantedHosts);
    context = await launch();
    serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  }
  return {
    context,
    serviceWorker,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function grantHostsInProfile(profile: string, extensionId: string, hosts: string[]): void {
  const file = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8'));
  const settings = prefs.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`No extension settings for ${extensionId} in ${file}`);
  for (const set of ['granted_permissions', 'active_permissions']) {
    for (const kind of ['explicit_host', 'scriptable_host']) {
      settings[set][kind] ??= [];
      const list: string[] = settings[set][kind];
      for (const host of hosts) if (!list.includes(`https://${host}/*`)) list.push(`https://${host}/*`);
    }
  }
  writeFileSync(file, JSON.stringify(prefs));
}
