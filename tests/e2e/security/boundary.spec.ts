import { expect, test } from '../fixtures';

test('the worker reads W&B with the admin session cookie and X-Origin, and contacts no other host', async ({
  wandb,
  sim,
  browser_,
}) => {
  const urls: string[] = [];
  browser_.context.on('request', (request) => urls.push(request.url()));
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();

  const graphql = sim.graphqlRequests();
  expect(graphql.length).toBeGreaterThan(0);
  for (const request of graphql) {
    expect(request.host).toBe('api.wandb.ai');
    expect(request.hadCookie).toBe(true);
    expect(request.sessionUser).toBe(sim.sim.admin);
    expect(request.xOrigin).toBe('https://wandb.ai');
    expect(request.origin).toBe(`chrome-extension://${browser_.extensionId}`);
  }
  const hosts = new Set(urls.filter((url) => url.startsWith('http')).map((url) => new URL(url).host));
  expect([...hosts].sort()).toEqual(['api.wandb.ai', 'wandb.ai']);
  expect(new Set(sim.requests().map((request) => request.host))).toEqual(
    new Set(['wandb.ai', 'api.wandb.ai']),
  );
});

test('a page script cannot reach the background or steer the toolkit', async ({ wandb, sim, browser_ }) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const before = sim.requests().length;

  const reachable = await wandb.page.evaluate(async (extensionId) => {
    const chromeApi = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
    const results: string[] = [typeof chromeApi?.runtime?.sendMessage];
    // Look-alikes of our messages and of WXT's navigation event, sent from the page's own world.
    window.postMessage(
      { id: 1, type: 'getSummary', data: { pageUrl: location.href, refresh: true }, timestamp: 1 },
      '*',
    );
    window.postMessage({ id: 2, type: 'injectToolkit', data: { pageUrl: location.href }, timestamp: 1 }, '*');
    const fake = new CustomEvent('wxt:locationchange', { detail: { newUrl: 'https://wandb.ai/home' } });
    window.dispatchEvent(fake);
    // A window, to show that something does not happen: none of the look-alikes causes a request.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Nor can the page read the extension's own files (only the UI frame's page is web-accessible,
    // under a per-session URL).
    results.push(
      await fetch(`chrome-extension://${extensionId}/manifest.json`).then(
        (response) => `read ${response.status}`,
        () => 'refused',
      ),
    );
    return results;
  }, browser_.extensionId);

  expect(reachable).toEqual(['undefined', 'refused']);
  await expect(wandb.figures).toBeVisible();
  expect(
    sim
      .requests()
      .slice(before)
      .filter((request) => request.kind === 'graphql'),
  ).toEqual([]);
});

test('the toolkit adds one element to the W&B page and nothing else', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin, '/home');
  const snapshot = () =>
    wandb.page.evaluate(() => ({
      body: [...document.body.children].map((element) => element.tagName.toLowerCase()),
      head: document.head.children.length,
      htmlClass: document.documentElement.className,
      bodyStyle: document.body.getAttribute('style'),
    }));
  const before = await snapshot();
  await wandb.navigateInApp('Members');
  await expect(wandb.figures).toBeVisible();
  const after = await snapshot();
  expect(after).toEqual({ ...before, body: ['wandb-admin-toolkit', ...before.body] });
  await wandb.navigateInApp('Home');
  await expect(wandb.bar).toHaveCount(0);
  expect(await snapshot()).toEqual(before);
});
