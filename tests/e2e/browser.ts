/**
 * Launching Chromium with the built extension, made to believe it is on wandb.ai: the W&B hosts
 * resolve to the simulator on loopback, every other host resolves to nothing, and only the
 * simulator's certificate is trusted. Shared by the end-to-end fixtures, the demo and the bench.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** Chromium to use: $CHROMIUM_PATH, then Debian's, then Playwright's own (undefined). */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export interface LaunchOptions {
  port: number;
  spki: string;
  headless?: boolean;
  /** Extra hostnames (self-managed W&B) that also resolve to the simulator. */
  extraHosts?: string[];
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number } | null;
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
  const profile = mkdtempSync(join(tmpdir(), 'wbat-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
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
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
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
