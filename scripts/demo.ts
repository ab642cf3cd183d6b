/**
 * `npm run demo -- [--seed FILE | --generate members=N,teams=M[,seed=S]] [--headless --screenshot PATH]`
 *
 * `--screenshot PATH.png` saves the Members page with the bar and exits; `--screenshot DIR/` (a
 * folder: a trailing slash, or one that exists) saves the store listing's four 1280×800 screenshots
 * there (scripts/store-screenshots.ts) and exits.
 *
 * Builds the extension, starts the W&B simulator on loopback, and opens Chromium (a throw-away
 * profile, never your own, never the real wandb.ai) with the extension loaded, signed in as the
 * seed's admin on the organization's Members page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../tests/e2e/browser';
import { parseGenerateSpec, startSimulator } from '../tests/simulator/server';
import { BrowserNotFoundError, findBrowserDetails } from './browsers';
import { STORE_VIEWPORT, writeStoreScreenshots } from './store-screenshots';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    generate: { type: 'string' },
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'strict-verified': { type: 'boolean', default: false },
    latency: { type: 'string' },
  },
});

// Find Chromium first, installing Debian's when run as root there (with apt's progress), so that
// `npm ci && npm run demo` is the only thing a fresh machine needs; elsewhere, say what to run.
try {
  const chromium = await findBrowserDetails('chromium', { install: true });
  console.log(`Chromium: ${chromium.path} (${chromium.source})`);
} catch (error) {
  if (!(error instanceof BrowserNotFoundError)) throw error;
  console.error(error.message);
  process.exit(1);
}

if (!values['no-build']) {
  console.log('Building the extension…');
  execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const sim = await startSimulator({
  seedPath: values.seed ? resolve(values.seed) : undefined,
  generate: values.generate ? parseGenerateSpec(values.generate) : undefined,
  strictVerified: values['strict-verified'],
  latencyMs: values.latency ? Number(values.latency) : undefined,
});
// Without a display (a server, a container, CI) a headed browser cannot start: run headless and
// save a screenshot instead, so the command still shows something.
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = values.headless || !!values.screenshot || noDisplay;
const screenshot = values.screenshot ?? (noDisplay && !values.headless ? 'demo-screenshot.png' : undefined);
const storeDir =
  values.screenshot &&
  (/[/\\]$/.test(values.screenshot) ||
    (existsSync(values.screenshot) && statSync(values.screenshot).isDirectory()))
    ? values.screenshot
    : undefined;
const browser = await launchWithExtension({
  port: sim.port,
  spki: sim.spki,
  headless,
  viewport: storeDir ? STORE_VIEWPORT : headless ? { width: 1280, height: 720 } : null,
});
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
const membersPath = `/account-settings/${sim.org}/members`;
await page.goto(`https://wandb.ai/__sim/login?user=${encodeURIComponent(sim.admin)}&next=${membersPath}`);
const bar = page.getByRole('toolbar', { name: 'W&B Admin Toolkit' });
await bar.getByRole('list', { name: 'Figures' }).waitFor({ timeout: 30_000 });

if (values.screenshot) {
  try {
    if (storeDir) {
      const written = await writeStoreScreenshots(page, storeDir, page.url());
      console.log(`Saved ${written.join(', ')}`);
    } else {
      await page.screenshot({ path: values.screenshot });
      console.log(`Saved ${values.screenshot}`);
    }
  } finally {
    await browser.close();
    await sim.close();
  }
  process.exit(0);
}
if (screenshot) {
  await page.screenshot({ path: screenshot });
  console.log(
    `No display found, so Chromium runs headless; the members page with the toolkit bar is in ${screenshot}.`,
  );
}

console.log(`
W&B Admin Toolkit demo — simulated org "${sim.org}", signed in as ${sim.admin}.
  Members page:   https://wandb.ai${membersPath}   (served by the simulator on 127.0.0.1:${sim.port})
Things to try:
  • The toolkit bar at the top shows members, pending invites and seat use.
  • Export members: filters, preview, CSV/JSON download, compare with a previous export.
  • Bulk invite: paste addresses (e.g. ann@acme.test), pick a default team, Dry run, then Send.
  • Navigate in-app (sidebar): the bar follows admin pages and disappears on Home and projects.
  • Sign in as someone else: https://wandb.ai/__sim/login?user=<username> (a non-admin sees no tools).
  • Request log: https://api.wandb.ai/__sim/requests   Current state: https://api.wandb.ai/__sim/state
Close the browser window or press Ctrl+C to stop.`);

const stop = async () => {
  await browser.close().catch(() => {});
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
browser.context.on('close', stop);
