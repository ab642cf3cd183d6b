/**
 * The check an admin would make by opening the add-on's console (about:debugging → Inspect): no
 * error on the background page or the options page. Read through the debugger's watcher (see
 * `watchExtensionConsole`); after the check, a deliberate CSP refusal in each page shows that the
 * watcher does see such errors there, so a clean result means something.
 */
import { expect } from 'vitest';
import type { LaunchedFirefox } from './firefox';
import { waitFor } from './ui';

export async function expectNoExtensionErrors(ff: LaunchedFirefox, pages: string[]): Promise<void> {
  for (const page of pages)
    expect(ff.extensionConsole.pages(), 'the debugger watches this page').toContain(page);
  const errors = ff.extensionConsole
    .entries()
    .filter((entry) => entry.page.startsWith(ff.extensionBase) && entry.level === 'error');
  expect(errors, 'errors on the extension console').toEqual([]);

  // The canary: an inline script, which the add-on's CSP refuses and Firefox logs as an error on
  // that page's console (as it logged zod's `eval` probe before zod ran jitless).
  for (const page of pages) {
    const consoleActor = ff.extensionConsole.consoleActor(page);
    expect(consoleActor, `console actor of ${page}`).toBeTruthy();
    await ff.rdp.request(consoleActor!, 'evaluateJSAsync', {
      text: "document.head.append(Object.assign(document.createElement('script'), { textContent: 'void 0' }))",
    });
    const seen = await waitFor(
      async () =>
        ff.extensionConsole
          .entries()
          .filter((entry) => entry.page === page && entry.level === 'error')
          .map((entry) => entry.text),
      (texts) => texts.length > 0,
      10_000,
    );
    expect(seen.join('\n')).toContain('Content-Security-Policy');
  }
}
