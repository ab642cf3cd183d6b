/**
 * Playwright fixtures: a fresh simulator for every test, and Chromium with the built extension —
 * the worker's shared browser, reset between tests (./shared-browser.ts), or a profile of the test's
 * own where it needs one (`FRESH_PROFILE`) — plus page objects. Tests set simulator options with
 * `test.use({ simOptions })`.
 */
import {
  test as base,
  type ConsoleMessage,
  expect,
  type FrameLocator,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import type { Seed } from '../simulator/seed';
import {
  type Gate,
  type GateSpec,
  type RequestLogEntry,
  type SimConfig,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '../simulator/server';
import { type LaunchedBrowser, launchWithExtension } from './browser';
import { WorkerBrowser } from './shared-browser';

/**
 * The simulated W&B as a test sees it. The simulator runs in the test's own process, so its
 * request log, state and fault settings are read directly (they are the same data its
 * `/__sim/requests`, `/__sim/state` and `/__sim/config` endpoints serve).
 */
export class SimHandle {
  constructor(readonly sim: Simulator) {}

  /** Every request the simulator received, oldest first. */
  requests(): RequestLogEntry[] {
    return this.sim.requests();
  }

  /** GraphQL requests only. */
  graphqlRequests(): RequestLogEntry[] {
    return this.requests().filter((request) => request.kind === 'graphql');
  }

  clearRequests(): void {
    this.sim.clearRequests();
  }

  /** Changes fault settings at runtime, as POST /__sim/config does. */
  configure(config: Partial<SimConfig>): void {
    this.sim.setConfig(config);
  }

  /**
   * Holds the next matching API requests until the test releases them: the way a test makes the
   * server "still busy" at a chosen moment without depending on the machine's speed.
   */
  hold(spec: GateSpec): Gate {
    return this.sim.hold(spec);
  }

  /** The organization as it is now, in seed shape. */
  state(): Seed {
    return this.sim.state.toSeed();
  }
}

/** A W&B page in the browser and the toolkit bar on it. */
export class WandbPage {
  constructor(readonly page: Page) {}

  /** Signs in through the simulator and lands on `next` (default: the org members page). */
  async signIn(user: string, next?: string): Promise<void> {
    const query = new URLSearchParams({ user, ...(next ? { next } : {}) });
    await this.page.goto(`https://wandb.ai/__sim/login?${query}`);
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`https://wandb.ai${path}`);
  }

  /** Follows an in-app link (history.pushState; no page load). */
  async navigateInApp(linkName: string | RegExp): Promise<void> {
    await this.page
      .getByRole('link', { name: linkName, exact: typeof linkName === 'string' })
      .first()
      .click();
  }

  /**
   * The toolkit's UI: an extension page in an iframe that the page's own scripts cannot reach.
   * Playwright drives it as the admin would (it is another frame, as any cross-origin iframe).
   */
  get ui(): FrameLocator {
    return this.page.frameLocator('wandb-admin-toolkit iframe');
  }

  get bar(): Locator {
    return this.ui.getByRole('toolbar', { name: 'W&B Admin Toolkit' });
  }

  /** The bar's list of figures (members, invites, seats). */
  get figures(): Locator {
    return this.bar.getByRole('list', { name: 'Figures' });
  }

  /**
   * Opens a tool from the bar's More panel and returns its dialog. Opening the panel makes the
   * toolkit's frame (out of process) cover the page; a click sent before the page has painted
   * that resize can be routed by the browser to the W&B page under the panel and lost (seen once
   * in CI: the panel stayed open, no dialog, nothing in the frame received the click). So this
   * waits for the frame to cover the page and for two painted frames of the page before clicking.
   */
  async openFromMore(name: string): Promise<Locator> {
    await this.bar.getByRole('button', { name: 'More' }).click();
    await expect(this.page.locator('wandb-admin-toolkit iframe')).toHaveClass(/wbat-overlay/);
    await this.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await this.bar.getByRole('group', { name: 'More' }).getByRole('button', { name }).click();
    return this.ui.getByRole('dialog', { name });
  }
}

interface Fixtures {
  simOptions: SimulatorOptions;
  /** Hosts whose optional permission is granted before the test (see `LaunchOptions.preGrantedHosts`). */
  preGrantedHosts: string[];
  simulator: Simulator;
  browser_: LaunchedBrowser;
  sim: SimHandle;
  wandb: WandbPage;
}

interface WorkerFixtures {
  workerBrowser: WorkerBrowser;
}

/**
 * Tests tagged with this get a browser of their own, started for them and closed after them:
 * those that stop the extension's worker or otherwise assert on what only a new profile shows.
 * Tests whose simulator serves extra hosts or that pre-grant hosts get one too (the browser's host
 * mapping and the profile's permissions are set when it starts).
 */
export const FRESH_PROFILE = '@fresh-profile';

function needsOwnBrowser(
  testInfo: TestInfo,
  simOptions: SimulatorOptions,
  preGrantedHosts: string[],
): boolean {
  return (
    testInfo.tags.includes(FRESH_PROFILE) ||
    (simOptions.extraHosts ?? []).length > 0 ||
    preGrantedHosts.length > 0
  );
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  simOptions: [{}, { option: true }],
  preGrantedHosts: [[], { option: true }],
  workerBrowser: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; it has none.
    async ({}, use) => {
      const shared = await WorkerBrowser.start();
      await use(shared);
      await shared.close();
    },
    { scope: 'worker' },
  ],
  simulator: async ({ simOptions, preGrantedHosts, workerBrowser }, use, testInfo) => {
    const shared = !needsOwnBrowser(testInfo, simOptions, preGrantedHosts);
    const simulator = await startSimulator(
      shared ? { ...simOptions, certificate: workerBrowser.certificate } : simOptions,
    );
    if (shared) workerBrowser.relay.pointAt(simulator.port);
    await use(simulator);
    // A failed test leaves what W&B received beside its trace: the order of events is the first question.
    if (testInfo.status !== testInfo.expectedStatus) {
      const lines = simulator
        .requests()
        .map(
          (r) =>
            `${r.seq} ${r.at} ${r.kind} ${r.method} ${r.host}${r.path} ${r.operationName ?? ''} → ${r.status ?? 'no answer'}${r.fault ? ` (${r.fault})` : ''}`,
        );
      await testInfo.attach('simulator-requests.txt', { body: lines.join('\n'), contentType: 'text/plain' });
    }
    if (shared) workerBrowser.relay.pointAt(null);
    await simulator.close();
  },
  browser_: async ({ simulator, simOptions, preGrantedHosts, workerBrowser }, use, testInfo) => {
    const shared = !needsOwnBrowser(testInfo, simOptions, preGrantedHosts);
    const launched = shared
      ? await workerBrowser.acquire()
      : await launchWithExtension({
          port: simulator.port,
          spki: simulator.spki,
          // Self-managed hosts the simulator serves resolve to it in the browser too.
          ...(simOptions.extraHosts ? { extraHosts: simOptions.extraHosts } : {}),
          preGrantedHosts,
        });
    // The toolkit must never break the W&B page: an uncaught error on any page fails the test.
    const pageErrors: string[] = [];
    const onPageError = (page: Page) => (error: Error) => pageErrors.push(`${page.url()}: ${error.message}`);
    const watched = new Map<Page, (error: Error) => void>();
    const watch = (page: Page) => {
      const listener = onPageError(page);
      watched.set(page, listener);
      page.on('pageerror', listener);
    };
    launched.context.pages().forEach(watch);
    launched.context.on('page', watch);
    const consoleLines: string[] = [];
    const onConsole = (message: ConsoleMessage) =>
      consoleLines.push(`${new Date().toISOString()} ${message.type()} ${message.text()}`);
    launched.context.on('console', onConsole);
    await use(launched);
    const failed = testInfo.status !== testInfo.expectedStatus;
    if (failed)
      await testInfo.attach('console.txt', { body: consoleLines.join('\n'), contentType: 'text/plain' });
    launched.context.off('page', watch);
    launched.context.off('console', onConsole);
    for (const [page, listener] of watched) page.off('pageerror', listener);
    if (!shared) await launched.close();
    else if (failed) await workerBrowser.discard();
    else await workerBrowser.release();
    expect(pageErrors, 'uncaught errors on a page').toEqual([]);
  },
  wandb: async ({ browser_ }, use) => {
    const page = browser_.context.pages()[0] ?? (await browser_.context.newPage());
    await use(new WandbPage(page));
  },
  sim: async ({ simulator }, use) => {
    await use(new SimHandle(simulator));
  },
});

/**
 * Saves defaults on the options page, as the admin does: each label's field filled, then
 * *Save defaults*, and the page closed once it says they were saved.
 */
export async function saveDefaults(
  browser: LaunchedBrowser,
  fields: [label: string | RegExp, value: string][],
): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const defaults = options.getByRole('form', { name: 'Defaults' });
  for (const [label, value] of fields) await defaults.getByLabel(label).fill(value);
  await defaults.getByRole('button', { name: 'Save defaults' }).click();
  await expect(options.getByText(/saved/i)).toBeVisible();
  await options.close();
}

/**
 * Tests an admin key on the options page, as the admin does (an org admin's own key, for
 * `host` — wandb.ai unless given), waits until the page shows it as the active key, and closes it.
 */
export async function testAdminKey(browser: LaunchedBrowser, key: string, host?: string): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const form = options.getByRole('form', { name: 'Test an admin key' });
  if (host) await form.getByLabel('W&B host').selectOption(`https://${host}`);
  await form.getByRole('radio', { name: "An org admin's own key" }).check();
  await form.getByLabel('API key', { exact: true }).fill(key);
  await form.getByRole('button', { name: 'Test key' }).click();
  await expect(options.getByRole('region', { name: 'Active admin key' })).toContainText(
    `Admin key: ****${key.slice(-4)}`,
    { timeout: 20_000 },
  );
  await options.close();
}

export { expect };
