/**
 * One Firefox per test file: a fresh simulator and a fresh profile with the built add-on, started
 * before the file's tests and stopped (the whole process group) after them. The tests of a file
 * run in order and share the browser; each starts from a page it loads itself.
 */
import { afterAll, beforeAll } from 'vitest';
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
  afterAll(async () => {
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
