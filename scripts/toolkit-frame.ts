/**
 * The toolkit's UI as the scripts (bench, demo) reach it: an extension page in an iframe on the W&B
 * page (lib/toolkit/mount.ts), driven like any cross-origin frame.
 */
import type { BrowserContext, Frame, FrameLocator, Page } from '@playwright/test';

/** Locators inside the toolkit frame (waits for it, follows it when it is replaced). */
export function toolkitUi(page: Page): FrameLocator {
  return page.frameLocator('wandb-admin-toolkit iframe');
}

/** The toolkit frame itself, for evaluating in its document. */
export async function toolkitFrame(page: Page, timeout = 60_000): Promise<Frame> {
  const element = await page.locator('wandb-admin-toolkit iframe').elementHandle({ timeout });
  const frame = await element?.contentFrame();
  if (!frame) throw new Error('The toolkit frame is not on the page.');
  return frame;
}

/** Starts recording long tasks (> 50 ms) of the document it runs in, into `window.__longTasks`. */
export const RECORD_LONG_TASKS =
  'window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: "longtask" });';

/**
 * The simulator's admin signed in on the org's Members page with the toolkit's bar up (its
 * figures shown): the page, the toolkit's locators and its frame, for the benches that start there.
 */
export async function openMembersPage(
  context: BrowserContext,
  sim: { admin: string; org: string },
  timeout = 60_000,
): Promise<{ page: Page; ui: FrameLocator; frame: Frame }> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`https://wandb.ai/__sim/login?user=${sim.admin}&next=/account-settings/${sim.org}/members`);
  const ui = toolkitUi(page);
  await ui.getByRole('list', { name: 'Figures' }).waitFor({ timeout });
  return { page, ui, frame: await toolkitFrame(page) };
}
