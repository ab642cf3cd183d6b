/**
 * Firefox: the options page, opened as the admin opens it (the bar's More → "Toolkit options" button,
 * which calls runtime.openOptionsPage and opens it in a tab), and a self-managed host added there.
 * The host's permission is granted in the profile before Firefox starts (as the Chromium tests
 * pre-grant it: headless Firefox's permission prompt cannot be answered), so everything after the
 * admin's click on "Add host" is the extension's real path: permissions.request from the click,
 * the route-watcher registration, and GraphQL on <host>/graphql.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { expectNoExtensionErrors } from './console';
import { firefoxForThisFile, signIn } from './harness';
import { fill, findAll, get, text, toolkitUi, waitFor } from './ui';

const HOST = 'wandb.example.test';
const context = firefoxForThisFile({ sim: { extraHosts: [HOST] }, preGrantedHosts: [HOST] });
let options: Page;

/** Opens the options page from the bar and returns its tab (BiDi lists it with a stale URL; it asks the tab itself). */
async function openOptionsFromBar(): Promise<Page> {
  await signIn(context);
  const ui = await toolkitUi(context.ff.page);
  const toolbar = await get(ui, { role: 'toolbar', name: 'W&B Admin Toolkit' }, undefined, 20_000);
  // The figures first, so the tab opens when the page is quiet. Seen once in CI (a clean clone
  // beside a busy machine): no options tab listed within 15 s, with Firefox's remote agent logging
  // "notifyNavigationFailed … context is null" from its network listener; not reproduced since
  // (10 runs under load). Whether the bar's in-flight reads play a part is not known.
  await get(ui, { role: 'list', name: 'Figures' }, toolbar, 20_000);
  const before = new Set(await context.ff.browser.pages());
  await (await get(ui, { role: 'button', name: 'More' }, toolbar)).click();
  const more = await get(ui, { role: 'group', name: 'More' }, toolbar);
  await (await get(ui, { role: 'button', name: 'Toolkit options' }, more)).click();
  const tab = await waitFor(
    async () => {
      for (const page of await context.ff.browser.pages()) {
        if (before.has(page)) continue;
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href === `${context.ff.extensionBase}options.html`) return page;
      }
      return undefined;
    },
    (found) => found !== undefined,
  );
  return tab!;
}

const hostPermission = () =>
  options.evaluate(
    (host) =>
      (
        globalThis as unknown as {
          browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
        }
      ).browser.permissions.contains({ origins: [`https://${host}/*`] }),
    HOST,
  );

describe('Firefox: the options page', () => {
  test('opens in a tab from the bar, with its four sections', async () => {
    options = await openOptionsFromBar();
    for (const name of ['Admin API key', 'W&B hosts', 'Defaults', 'Data on this device'])
      await get(options, { role: 'region', name });
    const hosts = await get(options, { role: 'list', name: 'Added hosts' });
    expect(
      (await Promise.all((await findAll(options, { role: 'listitem' }, hosts)).map(text))).map((t) =>
        t.trim(),
      ),
    ).toEqual(['wandb.ai (built in)']);
  });

  test('adding a self-managed host brings the toolkit there, read through that host', async () => {
    // Granted in the profile, not yet used: the toolkit does not run on a host that was not added.
    expect(await hostPermission()).toBe(true);
    const form = await get(options, { role: 'form', name: 'Add a W&B host' });
    await fill(await get(options, { role: 'textbox', name: 'Host address' }, form), HOST);
    await (await get(options, { role: 'button', name: 'Add host' }, form)).click();
    await get(options, { role: 'status', name: `Added ${HOST}`, exact: false });
    const hosts = await get(options, { role: 'list', name: 'Added hosts' });
    const items = async () =>
      (await Promise.all((await findAll(options, { role: 'listitem' }, hosts)).map(text))).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
    expect(await waitFor(items, (shown) => shown.length === 2)).toEqual([
      'wandb.ai (built in)',
      `${HOST} Remove`,
    ]);

    context.sim.clearRequests();
    await signIn(context, undefined, HOST);
    expect(context.ff.page.url()).toBe(`https://${HOST}/account-settings/${context.sim.org}/members`);
    const ui = await toolkitUi(context.ff.page);
    const toolbar = await get(ui, { role: 'toolbar', name: 'W&B Admin Toolkit' }, undefined, 20_000);
    expect(
      await waitFor(
        () => text(toolbar),
        (shown) => shown.includes(' members'),
      ),
    ).toContain(`Organization ${context.sim.org}`);
    const graphql = context.sim.requests().filter((request) => request.kind === 'graphql');
    expect(graphql.length).toBeGreaterThan(0);
    for (const request of graphql) {
      expect(request.host).toBe(HOST);
      expect(request.hadCookie).toBe(true);
      expect(request.sessionUser).toBe(context.sim.admin);
      expect(request.xOrigin).toBe(`https://${HOST}`);
    }
  });

  test('removing the host gives its permission back', async () => {
    await options.bringToFront();
    await (await get(options, { role: 'button', name: `Remove ${HOST}` })).click();
    const hosts = await get(options, { role: 'list', name: 'Added hosts' });
    expect(
      await waitFor(
        async () => (await findAll(options, { role: 'listitem' }, hosts)).length,
        (count) => count === 1,
      ),
    ).toBe(1);
    expect(await waitFor(hostPermission, (granted) => !granted)).toBe(false);
  });

  test('no error on the extension console of the background page or the options page, nor from the add-on in the W&B tab', async () => {
    expect(context.pageErrors).toEqual([]);
    await expectNoExtensionErrors(context.ff, [
      `${context.ff.extensionBase}_generated_background_page.html`,
      `${context.ff.extensionBase}options.html`,
    ]);
  });
});
