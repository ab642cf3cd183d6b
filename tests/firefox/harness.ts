/**
 * One Firefox per test file: a fresh simulator and a fresh profile with the built add-on, started
 * before the file's tests and stopped (the whole process group) after them. The tests of a file
 * run in order and share the browser; each starts from a page it loads itself. When a test fails,
 * what W&B received, what the add-on logged and Firefox's own output are kept in
 * `test-results/firefox/<file>/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../simulator/server';
import { type FirefoxOptions, type LaunchedFirefox, launchFirefox } from './firefox';

export interface FirefoxContext {
  sim: Simulator;
  ff: LaunchedFirefox;
  /** Uncaught errors on any page the test drove: the toolkit must never break W&B's page. */
  pageErrors: string[];
}

export function firefoxForThisFile(
  options: { sim?: SimulatorOptions } & FirefoxOptions = {},
): FirefoxContext {
  const context = { pageErrors: [] as string[] } as FirefoxContext;
  beforeAll(async () => {
    context.sim = await startSimulator(options.sim ?? {});
    context.ff = await launchFirefox(context.sim, options);
    context.ff.page.on('pageerror', (error) =>
      context.pageErrors.push(
        `${context.ff.page.url()}: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }, 60_000);
  let failed = false;
  let file = 'firefox';
  afterEach(({ task }) => {
    file = basename(task.file.name, '.test.ts');
    if (task.result?.state === 'fail') failed = true;
  });
  afterAll(async () => {
    if (failed && context.sim && context.ff) keepEvidence(context, file);
    await context.ff?.close();
    await context.sim?.close();
  }, 30_000);
  return context;
}

/** Signs in through the simulator and lands on `next` (default: the org members page). */
export async function signIn(context: FirefoxContext, next?: string, host = 'wandb.ai'): Promise<void> {
  const query = new URLSearchParams({ user: context.sim.admin, ...(next ? { next } : {}) });
  await context.ff.page.goto(`https://${host}/__sim/login?${query}`);
}

function keepEvidence(context: FirefoxContext, file: string): void {
  const dir = resolve(import.meta.dirname, '../../test-results/firefox', file);
  mkdirSync(dir, { recursive: true });
  const requests = context.sim
    .requests()
    .map(
      (r) =>
        `${r.seq} ${r.at} ${r.kind} ${r.method} ${r.host}${r.path} ${r.operationName ?? ''} → ${r.status ?? 'no answer'}${r.fault ? ` (${r.fault})` : ''}`,
    );
  writeFileSync(join(dir, 'simulator-requests.txt'), requests.join('\n'));
  writeFileSync(
    join(dir, 'extension-console.json'),
    JSON.stringify(context.ff.extensionConsole.entries(), null, 2),
  );
  writeFileSync(join(dir, 'page-errors.txt'), context.pageErrors.join('\n'));
  writeFileSync(join(dir, 'firefox-output.txt'), context.ff.output());
  writeFileSync(join(dir, 'refused-by-proxy.txt'), context.ff.proxy.refused.join('\n'));
  console.error(`Firefox suite: evidence of the failure kept in ${dir}`);
}
