/**
 * `npm run bench` — the numbers the README reports, measured side by side in one run:
 *  1. script sizes injected into W&B pages (gzip);
 *  2. time from an admin page's DOMContentLoaded to the toolkit bar showing figures, in Chromium
 *     with the built extension, simulator at 0 latency (median of 10);
 *  3. member-directory load for a generated org (10,000 members, 200 teams) at 50 ms simulated
 *     latency under --strict-verified (per-team fallback): wall time against the lower bound
 *     ceil(requests / concurrency) × latency, and against a one-team-at-a-time baseline;
 *  4. exporting 50,000 members in Chromium: long tasks in the toolkit frame and on the W&B page;
 *     building their CSV in Node;
 *  5. bulk invite: 1,000 rows under a 20/s rate limit and without one; parsing 10,000 rows;
 *  6. Seat hygiene on 50,000 members in Chromium: long tasks on the W&B page and in the frame;
 *  7. reconciling 50,000 members with a 50,000-row identity-provider export in Chromium: long tasks.
 * Prints a table and writes .bench/results.json. Builds the extension first unless --no-build.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createWandbClient } from '../lib/wandb/client';
import { EXTENSION_DIR, launchWithExtension } from '../tests/e2e/browser';
import { startSimulator } from '../tests/simulator/server';
import { simFetch, simHttp2, simLogin } from '../tests/simulator/test-client';
import type { BenchCsvResult } from './bench-csv';
import { hygieneLongTasks } from './bench-hygiene-page';
import { benchInvites } from './bench-invite';
import { inviteParseLongTasks } from './bench-invite-page';
import { reconcileLongTasks } from './bench-reconcile';
import { RECORD_LONG_TASKS, toolkitFrame, toolkitUi } from './toolkit-frame';

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
if (!values['no-build']) execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const gzipKb = (file: string) =>
  gzipSync(readFileSync(resolve(EXTENSION_DIR, file)), { level: 9 }).length / 1024;

// 1. Script sizes.
const watcherKb = gzipKb('content-scripts/watcher.js');
const toolkitKb = gzipKb('content-scripts/toolkit.js');

/** The chunks a module loads statically (`import … from "./x.js"`), itself included. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(resolve(EXTENSION_DIR, file), 'utf8');
  for (const [, name] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g))
    staticClosure(`chunks/${name}`, seen);
  return seen;
}
// What the toolkit frame loads before any tool is opened: its entry, what that imports, its CSS.
const frameHtml = readFileSync(resolve(EXTENSION_DIR, 'toolkit-frame.html'), 'utf8');
const frameEntry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(frameHtml)?.[1] ?? '';
const frameCss = [...frameHtml.matchAll(/rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!);
const beforeClick = staticClosure(frameEntry);
const frameKb = [...beforeClick, ...frameCss].reduce((sum, file) => sum + gzipKb(file), 0);
// What the frame fetches with `import()`: the tool host (React, shared by every tool, fetched with
// the first tool opened on a page) and each tool's own chunks beyond the frame's and the host's.
const frameImports = [
  ...readFileSync(resolve(EXTENSION_DIR, frameEntry), 'utf8').matchAll(
    /import\(`\.\/(([A-Za-z-]+)-[\w-]{8}\.js)`\)/g,
  ),
].map(([, file, name]) => ({ file: `chunks/${file!}`, name: name! }));
const hostFile = frameImports.find((entry) => entry.name === 'tool-host')?.file;
if (!hostFile) throw new Error('The toolkit frame imports no tool-host chunk: has the tool host moved?');
const sharedWithTools = new Set([...staticClosure(hostFile)].filter((f) => !beforeClick.has(f)));
const sharedKb = [...sharedWithTools].reduce((sum, f) => sum + gzipKb(f), 0);
const toolKb = Object.fromEntries(
  frameImports
    .filter((entry) => entry.name !== 'tool-host')
    .map(({ file, name }) => [
      name,
      [...staticClosure(file)]
        .filter((f) => !beforeClick.has(f) && !sharedWithTools.has(f))
        .reduce((sum, f) => sum + gzipKb(f), 0),
    ]),
);

// 2. DOMContentLoaded → figures, in the real browser: the page's DOMContentLoaded against the
// moment the figures list exists in the toolkit frame, both on the shared clock
// (performance.timeOrigin + now), polled every animation frame.
async function barTimings(): Promise<{ cold: number[]; warm: number[] }> {
  const sim = await startSimulator({});
  const browser = await launchWithExtension({ port: sim.port, spki: sim.spki });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`https://wandb.ai/__sim/login?user=${sim.admin}&next=/home`);
  const measure = async (path: string) => {
    await page.goto(`https://wandb.ai${path}`);
    const frame = await toolkitFrame(page);
    const shownAt = (await (
      await frame.waitForFunction(
        () =>
          document.querySelector('[aria-label="Figures"]') ? performance.timeOrigin + performance.now() : 0,
        null,
        { polling: 'raf', timeout: 60_000 },
      )
    ).jsonValue()) as number;
    const loadedAt = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return performance.timeOrigin + nav.domContentLoadedEventStart;
    });
    return shownAt - loadedAt;
  };
  // Cold: ten different admin routes, so the background has no cached figures for any of them.
  const teams = sim.state.toSeed().teams.map((team) => `/${team.name}/settings`);
  const coldPaths = [
    `/account-settings/${sim.org}/members`,
    `/account-settings/${sim.org}/settings`,
    ...teams,
  ].slice(0, 10);
  const cold: number[] = [];
  for (const path of coldPaths) cold.push(await measure(path));
  // Warm: the members page reloaded; the background answers from its 15 s cache.
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) warm.push(await measure(`/account-settings/${sim.org}/members`));
  await browser.close();
  await sim.close();
  return { cold, warm };
}

// 2b. Click → a tool's dialog (its own name, so the real dialog, not the loading one) on a fresh
// page load each time, so React and the tool's code are fetched and run cold in that frame. Two
// clocks: in the frame, from the button's pointerdown to the first animation frame that has the
// dialog's content (what the admin waits for); and in Node, around the driver's click and wait.
async function clickToDialogTimes(): Promise<{ inFrame: number[]; withDriver: number[] }> {
  const sim = await startSimulator({});
  const browser = await launchWithExtension({ port: sim.port, spki: sim.spki });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`https://wandb.ai/__sim/login?user=${sim.admin}&next=/account-settings/${sim.org}/members`);
  const inFrame: number[] = [];
  const withDriver: number[] = [];
  for (let round = 0; round < 3; round++)
    for (const [button, content] of [
      ['Bulk invite', 'Paste addresses or CSV'],
      ['Export members', 'Export'],
      ['Offboard member', 'Search members'],
    ] as const) {
      await page.reload();
      const ui = toolkitUi(page);
      await ui.getByRole('list', { name: 'Figures' }).waitFor({ timeout: 60_000 });
      const frame = await toolkitFrame(page);
      // A string, not a function: tsx would wrap the inner function in a helper the frame lacks.
      const shown = frame.evaluate(`new Promise((done) => {
        let downAt = 0;
        document.addEventListener('pointerdown', (event) => { downAt = event.timeStamp; }, { capture: true, once: true });
        requestAnimationFrame(function check() {
          const dialog = [...document.querySelectorAll('[role="dialog"]')].find(
            (d) => d.querySelector('h2')?.textContent === ${JSON.stringify(button)},
          );
          if (downAt && dialog?.textContent?.includes(${JSON.stringify(content)})) done(performance.now() - downAt);
          else requestAnimationFrame(check);
        });
      })`) as Promise<number>;
      const started = performance.now();
      await ui.getByRole('button', { name: button }).click();
      await ui
        .getByRole('dialog', { name: button })
        .getByText(content, { exact: false })
        .first()
        .waitFor({ timeout: 30_000 });
      withDriver.push(performance.now() - started);
      inFrame.push(await shown);
    }
  await browser.close();
  await sim.close();
  return { inFrame, withDriver };
}

// 3. Directory load, per-team fallback, 10,000 members / 200 teams / 50 ms. The simulator runs in
// its own process (as a real server would), so its work does not share a thread with the client's.
async function startSimulatorProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/simulator/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const ready = JSON.parse(line) as { port: number; admin: string; org: string };
  return { ...ready, stop: () => child.kill('SIGTERM') };
}

type DirectoryRun = Awaited<ReturnType<typeof directoryLoads>>[number];

/** Loads the directory once to warm both processes up, then once at each concurrency, measured. */
async function directoryLoads(concurrencies: number[]) {
  const latencyMs = 50;
  const sim = await startSimulatorProcess([
    '--generate',
    'members=10000,teams=200,seed=1',
    '--strict-verified',
  ]);
  const cookie = await simLogin(sim, sim.admin);
  const simPost = (path: string, method: string, body?: object) =>
    simFetch(sim, `https://api.wandb.ai${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
  await simPost('/__sim/config', 'POST', { latencyMs });
  const connection = simHttp2(sim, 'api.wandb.ai');
  const load = async (concurrency: number) => {
    const client = createWandbClient({
      appOrigin: 'https://wandb.ai',
      concurrency,
      fetch: (input, init) =>
        connection.fetch(new URL(input).pathname, {
          method: init.method,
          headers: { ...(init.headers as Record<string, string>), cookie },
          body: init.body as string,
        }),
    });
    await simPost('/__sim/requests', 'DELETE');
    const started = performance.now();
    const directory = await client.directory.loadDirectory({ kind: 'org', org: sim.org });
    const wallMs = performance.now() - started;
    const log = (await (await simFetch(sim, 'https://api.wandb.ai/__sim/requests')).json()) as {
      kind: string;
    }[];
    const requests = log.filter((request) => request.kind === 'graphql').length;
    const lowerBoundMs = Math.ceil(requests / concurrency) * latencyMs;
    return {
      concurrency,
      members: directory.members.length,
      teams: directory.teams.length,
      requests,
      wallMs,
      lowerBoundMs,
    };
  };
  await load(8);
  const results = [];
  for (const concurrency of concurrencies) results.push(await load(concurrency));
  await connection.close();
  sim.stop();
  return results;
}

// 4. Member export of a 50,000-member org in the browser: every long task (> 50 ms) on the W&B
// page's main thread from opening the dialog to the saved file. The simulated page is idle by
// then, so the long tasks seen are the extension's. Plus the CSV build itself, in Node.
async function exportLongTasks() {
  const sim = await startSimulator({ generate: { members: 50_000, teams: 500, seed: 7 } });
  const browser = await launchWithExtension({ port: sim.port, spki: sim.spki });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`https://wandb.ai/__sim/login?user=${sim.admin}&next=/${sim.org}/settings`);
  const ui = toolkitUi(page);
  await ui.getByRole('list', { name: 'Figures' }).waitFor({ timeout: 120_000 });
  const frame = await toolkitFrame(page);
  await page.waitForTimeout(1000);
  // The W&B page's own thread and the toolkit frame's (a separate renderer for an extension frame).
  await page.evaluate(RECORD_LONG_TASKS);
  await frame.evaluate(RECORD_LONG_TASKS);
  const started = performance.now();
  await ui.getByRole('button', { name: 'Export members' }).click();
  const dialog = ui.getByRole('dialog', { name: 'Export members' });
  const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
  await exportButton.waitFor();
  await frame.waitForFunction(
    () => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export');
      return button && !button.hasAttribute('disabled');
    },
    null,
    { timeout: 180_000 },
  );
  const loadedMs = performance.now() - started;
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await exportButton.click();
  const file = await download;
  const totalMs = performance.now() - started;
  await page.waitForTimeout(500);
  const pageLongTasks = (await page.evaluate('window.__longTasks')) as number[];
  const longTasks = (await frame.evaluate('window.__longTasks')) as number[];
  const bytes = (await readFile((await file.path())!)).length;
  await browser.close();
  await sim.close();
  return {
    members: 50_000,
    loadedMs,
    totalMs,
    bytes,
    longTasks,
    maxLongTaskMs: Math.max(0, ...longTasks),
    pageLongTasks,
  };
}

const bar = await barTimings();
const clickToDialog = await clickToDialogTimes();
const [parallel, sequential] = (await directoryLoads([8, 1])) as [DirectoryRun, DirectoryRun];

const exportRun = await exportLongTasks();
// In its own process, with the collector exposed, so the peak heap is the CSV build's alone.
const csv = JSON.parse(
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/bench-csv.ts'], {
    encoding: 'utf8',
  }),
) as BenchCsvResult;

const invites = await benchInvites();
const invitePage = await inviteParseLongTasks();
const hygienePage = await hygieneLongTasks();
const reconcile50k = await reconcileLongTasks();

const results = {
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  scripts: {
    nonAdminPageGzipKb: watcherKb,
    contentScriptsOnAdminPageGzipKb: watcherKb + toolkitKb,
    toolkitFrameBeforeClickGzipKb: frameKb,
    sharedByToolsGzipKb: sharedKb,
    toolGzipKb: toolKb,
  },
  clickToDialogMs: clickToDialog,
  barMs: { coldMedian: median(bar.cold), warmMedian: median(bar.warm), cold: bar.cold, warm: bar.warm },
  export50k: exportRun,
  csv50k: csv,
  invites,
  invitePage10k: invitePage,
  hygiene50k: hygienePage,
  reconcile50k,
  directory: {
    parallel,
    sequential,
    ratioToLowerBound: parallel.wallMs / parallel.lowerBoundMs,
    speedupOverSequential: sequential.wallMs / parallel.wallMs,
  },
};
mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const rows: [string, string, string][] = [
  ['Script on a non-admin W&B page (gzip)', `${fmt(watcherKb, 2)} KB`, '≤ 5 KB'],
  [
    'Extension script on an admin page before any click (gzip): content scripts + the toolkit frame',
    `${fmt(watcherKb + toolkitKb + frameKb, 1)} KB (${fmt(watcherKb + toolkitKb, 1)} + ${fmt(frameKb, 1)})`,
    '≤ 80 KB',
  ],
  ...Object.entries(toolKb).map(
    ([name, kb]) =>
      [`  … ${name} added when opened (gzip)`, `${fmt(kb, 1)} KB`, '≤ 60 KB'] as [string, string, string],
  ),
  [
    '  … shared by the tools, fetched with the first one opened on a page (React, the tool host)',
    `${fmt(sharedKb, 1)} KB`,
    '',
  ],
  [
    'Click → tool dialog drawn, first opening on the page: pointerdown → first frame with it, in the frame (median of 3 tools × 3 pages)',
    `${fmt(median(clickToDialog.inFrame), 0)} ms`,
    '≤ 150 ms',
  ],
  [
    '  … the same, measured around the test driver’s click and wait',
    `${fmt(median(clickToDialog.withDriver), 0)} ms`,
    '',
  ],
  [
    'DOMContentLoaded → bar figures, cold (median of 10 routes)',
    `${fmt(results.barMs.coldMedian)} ms`,
    '≤ 300 ms',
  ],
  ['DOMContentLoaded → bar figures, warm (median of 10 reloads)', `${fmt(results.barMs.warmMedian)} ms`, ''],
  [
    `Directory, 10k members / 200 teams, 50 ms, per-team: wall (${parallel.requests} requests, concurrency 8)`,
    `${fmt(parallel.wallMs)} ms`,
    '',
  ],
  ['  … lower bound ceil(requests / 8) × 50 ms', `${fmt(parallel.lowerBoundMs)} ms`, ''],
  ['  … wall / lower bound', fmt(results.directory.ratioToLowerBound, 2), '≤ 1.3'],
  ['  … one team at a time (SDK pattern), same run', `${fmt(sequential.wallMs)} ms`, ''],
  ['  … speed-up over one team at a time', `${fmt(results.directory.speedupOverSequential, 1)}×`, '≥ 5×'],
  ['Build the CSV of 50,000 members (Node, best of 3)', `${fmt(csv.buildMs)} ms`, '≤ 500 ms'],
  [
    '  … peak heap while building (the 50,000-member directory itself included)',
    `${fmt(csv.peakHeapMb, 1)} MB`,
    'report',
  ],
  [
    'Export 50,000 members in Chromium: longest task in the toolkit frame',
    `${fmt(exportRun.maxLongTaskMs)} ms (${exportRun.longTasks.length} tasks > 50 ms)`,
    '≤ 100 ms',
  ],
  [
    '  … long tasks on the W&B page itself',
    `${exportRun.pageLongTasks.length} (longest ${fmt(Math.max(0, ...exportRun.pageLongTasks))} ms)`,
    '',
  ],
  [
    '  … open dialog → directory loaded → file saved',
    `${fmt(exportRun.loadedMs)} ms → ${fmt(exportRun.totalMs)} ms`,
    '',
  ],
  [
    'Bulk invite, 1,000 rows, 50 ms, rate limit 20/s: wall / (1,000 / 20 s)',
    `${fmt(invites.limited.ratio, 2)} (${fmt(invites.limited.wallMs / 1000, 1)} s, ${invites.limited.rateLimited} × 429, ${invites.limited.duplicates} duplicates)`,
    '≤ 1.2, 0 duplicates',
  ],
  [
    'Bulk invite, 1,000 rows, 50 ms, concurrency 4: wall / (rows × 50 ms / 4)',
    `${fmt(invites.plain.ratio, 2)} (${fmt(invites.plain.wallMs / 1000, 1)} s, ${invites.plain.duplicates} duplicates)`,
    '≤ 1.3',
  ],
  [
    'Parse and classify a 10,000-row file against 2,000 members (Node, best of 3)',
    `${fmt(invites.parse10kMs)} ms`,
    '≤ 1 s',
  ],
  [
    'Bulk invite of a 10,000-row file in Chromium: longest task in the toolkit frame (file picked → dry run shown)',
    `${fmt(invitePage.maxLongTaskMs)} ms (${invitePage.longTasks.length} tasks > 50 ms)`,
    '≤ 100 ms',
  ],
  [
    '  … long tasks on the W&B page itself',
    `${invitePage.pageLongTasks.length} (longest ${fmt(Math.max(0, ...invitePage.pageLongTasks))} ms)`,
    '',
  ],
  [
    '  … file picked → dry run on screen (incl. the test driver’s clicks)',
    `${fmt(invitePage.shownMs)} ms`,
    '',
  ],
  [
    'Seat hygiene on 50,000 members in Chromium: long tasks on the W&B page itself (open, lists, scroll, new days, combined impact of all inactive)',
    `${hygienePage.pageLongTasks.length} (longest ${fmt(Math.max(0, ...hygienePage.pageLongTasks))} ms)`,
    '0 over 100 ms',
  ],
  [
    '  … longest task in the toolkit frame: reading and listing / scrolling, new days, combined impact',
    `${fmt(Math.max(0, ...hygienePage.loadLongTasks))} ms / ${fmt(Math.max(0, ...hygienePage.useLongTasks))} ms (${hygienePage.loadLongTasks.length + hygienePage.useLongTasks.length} tasks > 50 ms)`,
    '≤ 100 ms',
  ],
  ['  … button → lists on screen (incl. reading 50,000 members)', `${fmt(hygienePage.shownMs)} ms`, ''],
  [
    `Reconcile with IdP, ${reconcile50k.members.toLocaleString('en-US')} members and a ${reconcile50k.exportRows.toLocaleString('en-US')}-row export in Chromium: longest task in the toolkit frame (open → directory → file dropped → lists → each list scrolled to its end)`,
    `${fmt(reconcile50k.maxLongTaskMs)} ms (${reconcile50k.computeLongTasks.length} tasks > 50 ms computing, ${reconcile50k.scrollLongTasks.length} scrolling)`,
    '≤ 100 ms',
  ],
  [
    '  … long tasks on the W&B page itself',
    `${reconcile50k.pageLongTasks.length} (longest ${fmt(Math.max(0, ...reconcile50k.pageLongTasks))} ms)`,
    '',
  ],
  [
    '  … open → 50,000 members read and handed to the worker → file dropped → lists on screen',
    `${fmt(reconcile50k.loadedMs)} ms → ${fmt(reconcile50k.shownMs)} ms`,
    '',
  ],
];
console.log('\n| measure | result | target |\n|---|---|---|');
for (const [name, value, target] of rows) console.log(`| ${name} | ${value} | ${target} |`);
console.log('\nRaw figures: .bench/results.json');
