/**
 * The check an admin would make by opening the add-on's console (about:debugging → Inspect) and the
 * W&B tab's console: no error on the background page or the options page, and none from the add-on
 * in the W&B tab (its content scripts, its extension frames there). Read through the debugger's
 * watchers (see `watchConsole`). After the check, a deliberate CSP refusal in each add-on page shows
 * that the watcher does see such errors there, so a clean result means something.
 */
import { expect } from 'vitest';
import type { ExtensionConsole, LaunchedFirefox } from './firefox';
import { waitFor } from './ui';

export async function expectNoExtensionErrors(ff: LaunchedFirefox, pages: string[]): Promise<void> {
  for (const page of pages)
    expect(ff.extensionConsole.pages(), 'the debugger watches this page').toContain(page);
  const errors = ff.extensionConsole
    .entries()
    .filter((entry) => entry.page.startsWith(ff.extensionBase) && entry.level === 'error');
  expect(errors, 'errors on the extension console').toEqual([]);
  const ours = (entry: { page: string; source: string }) =>
    entry.page.startsWith(ff.extensionBase) || entry.source.startsWith(ff.extensionBase);
  const inTab = ff.tabConsole.entries().filter((entry) => entry.level === 'error' && ours(entry));
  expect(inTab, "the add-on's errors in the W&B tab").toEqual([]);
  // What the add-on itself reported (`reportFailure` warns "[wandb-admin-toolkit:<area>] …"), from
  // its start on: Firefox echoes every console call to its stdout. (A badge call to MV3's
  // `action`, absent in this MV2 package, was reported only there.)
  const reported = ff
    .output()
    .split('\n')
    .filter((line) => line.includes('[wandb-admin-toolkit:'));
  expect(reported, 'failures the add-on reported').toEqual([]);

  for (const page of pages) await expectCanarySeen(ff, ff.extensionConsole, page);
  // The toolkit's own extension frame in the W&B tab, where the build has one.
  const framesInTab = ff.tabConsole.pages().filter((page) => page.startsWith(ff.extensionBase));
  for (const page of framesInTab) await expectCanarySeen(ff, ff.tabConsole, page);
}

/**
 * The canary: an inline script, which the add-on's CSP refuses and Firefox logs as an error on that
 * page's console (as it logged zod's `eval` probe before zod ran jitless).
 */
async function expectCanarySeen(ff: LaunchedFirefox, watched: ExtensionConsole, page: string): Promise<void> {
  const consoleActor = watched.consoleActor(page);
  expect(consoleActor, `console actor of ${page}`).toBeTruthy();
  const before = watched.entries().length;
  await ff.rdp.request(consoleActor!, 'evaluateJSAsync', {
    text: "document.head.append(Object.assign(document.createElement('script'), { textContent: 'void 0' }))",
  });
  const seen = await waitFor(
    async () =>
      watched
        .entries()
        .slice(before)
        .filter((entry) => entry.page === page && entry.level === 'error')
        .map((entry) => entry.text),
    (texts) => texts.length > 0,
    10_000,
  );
  expect(seen.join('\n'), `the canary on ${page}`).toContain('Content-Security-Policy');
}
