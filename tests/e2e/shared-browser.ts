/**
 * One Chromium per Playwright worker, reused by the tests that do not need a fresh profile: starting
 * Chromium with the extension is most of a short test's time on a loaded 2-core machine.
 *
 * A browser's host mapping and trusted certificate are fixed when it starts, while every test has its
 * own simulator. So the browser is pointed at a relay that lives as long as the worker: a loopback
 * TCP port that pipes each connection to the current test's simulator, which serves the worker's one
 * certificate. Between tests the previous simulator is closed (its connections with it) and the
 * profile is brought back to what a fresh one holds for the toolkit (see `resetForNextTest`).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { makeCertificate, type SimCertificate } from '../simulator/server';
import { type LaunchedBrowser, launchWithExtension } from './browser';

/** A loopback port whose connections go to whichever simulator port is current. */
export class Relay {
  private target: number | null = null;
  private readonly open = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<Relay> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('relay has no port');
    const relay = new Relay(server, address.port);
    server.on('connection', (client) => relay.pipe(client));
    return relay;
  }

  /** Sends new connections to `port`; connections to the previous target are cut. */
  pointAt(port: number | null): void {
    this.target = port;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  private pipe(client: Socket): void {
    if (this.target === null) {
      client.destroy();
      return;
    }
    const upstream = connect(this.target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => {
        this.open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }

  close(): Promise<void> {
    this.pointAt(null);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** What a worker keeps across its tests. */
export class WorkerBrowser {
  private launched: LaunchedBrowser | null = null;
  /** Whether a test has used the current browser since it was started or last reset. */
  private used = false;

  private constructor(
    readonly relay: Relay,
    readonly certificate: SimCertificate,
  ) {}

  static async start(): Promise<WorkerBrowser> {
    return new WorkerBrowser(await Relay.start(), await makeCertificate());
  }

  /** The shared browser, clean for the next test: started on first use, reset after that. */
  async acquire(): Promise<LaunchedBrowser> {
    // Normally released (reset) at the end of the previous test already.
    if (this.launched && this.used) await this.release();
    this.launched ??= await launchWithExtension({ port: this.relay.port, spki: this.certificate.spki });
    this.used = true;
    return this.launched;
  }

  /**
   * Brings the browser back to a fresh profile at the end of a test, while the relay still points
   * at that test's simulator: whatever the test left running (a page's bar reading figures, the
   * worker's retries) ends there, and never reaches the next test's simulator. (Reset when the next
   * test acquired the browser, after its simulator was already current, a request of the previous
   * test's page once reached the new simulator and failed a test that asserts no request.)
   */
  async release(): Promise<void> {
    if (!this.launched || !this.used) return;
    try {
      await resetForNextTest(this.launched);
      this.used = false;
    } catch (error) {
      // A profile that cannot be brought back is not reused: the next test gets a new browser.
      console.warn(`shared browser not reusable, starting another: ${String(error)}`);
      await this.discard();
    }
  }

  /** Closes the shared browser (after a failed test, whose state is not trusted); the next test starts one. */
  async discard(): Promise<void> {
    const launched = this.launched;
    this.launched = null;
    this.used = false;
    if (launched) await launched.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.discard();
    await this.relay.close();
  }
}

/**
 * Brings the shared profile back to a fresh one as far as a test can see: one blank page; no cookies
 * or site data for the W&B hosts; the extension's storage, key vault, alarms, registered content
 * scripts and granted optional hosts gone; and the extension's worker stopped and started again, so
 * nothing of the previous test is left in its memory. (`chrome.runtime.reload()` would be simpler,
 * but an extension loaded with --load-extension does not come back from it.)
 */
async function resetForNextTest(launched: LaunchedBrowser): Promise<void> {
  const { context, serviceWorker } = launched;
  const blank = await context.newPage();
  for (const page of context.pages()) if (page !== blank) await page.close();
  await context.clearCookies();
  const cdp = await context.newCDPSession(blank);
  for (const origin of ['https://wandb.ai', 'https://api.wandb.ai'])
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await cdp.send('Network.clearBrowserCache');
  await within(serviceWorker.evaluate(CLEAR_EXTENSION), 'clearing the extension');
  await serviceWorker.evaluate('self.__wbatPreviousTest = true');
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${launched.extensionId}/` });
  await cdp.detach();
  // Playwright keeps one handle for the extension's worker; it evaluates in the new one once attached.
  for (let attempt = 0; ; attempt++) {
    const previous = await within(
      serviceWorker.evaluate('self.__wbatPreviousTest === true'),
      'a new worker',
    ).catch(() => undefined);
    if (previous === false) break;
    if (attempt >= 20) throw new Error('the extension worker did not restart');
  }
  // Whatever a worker that started on the old storage picked up is cleared again, and it is empty now.
  await within(serviceWorker.evaluate(CLEAR_EXTENSION), 'clearing the extension');
}

/** `promise`, or an error after 2 s: an evaluate on a stopped worker neither answers nor fails. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  const limit = AbortSignal.timeout(2_000);
  const timeout = new Promise<never>((_, reject) =>
    limit.addEventListener('abort', () => reject(new Error(`${what}: no answer from the extension worker`))),
  );
  return Promise.race([promise, timeout]);
}

/** Runs in the extension's service worker: what a test can leave in the extension, gone. */
const CLEAR_EXTENSION = `(async () => {
  await chrome.alarms.clearAll();
  await chrome.storage.local.clear();
  await chrome.storage.session.clear();
  await chrome.action.setBadgeText({ text: '' });
  await chrome.scripting.unregisterContentScripts();
  const granted = await chrome.permissions.getAll();
  const manifest = chrome.runtime.getManifest();
  const required = new Set([
    ...(manifest.host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
  ]);
  const optional = (granted.origins ?? []).filter((origin) => !required.has(origin));
  if (optional.length > 0) await chrome.permissions.remove({ origins: optional });
  for (const db of await indexedDB.databases())
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('database ' + db.name + ' is in use'));
    });
})()`;
