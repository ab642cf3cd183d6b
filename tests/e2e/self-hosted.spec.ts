/**
 * A self-managed W&B host: the simulator also serves `wandb.example.test`, which Chromium resolves
 * to it. The host's permission is granted before the test (Chrome's prompt cannot be answered in
 * headless Chromium; see `preGrantedHosts` in ./browser.ts); everything after the admin's click on
 * "Add host" is the extension's real path: `permissions.request` from the click, the background's
 * permission check, the dynamic route-watcher registration, the sender check, and GraphQL/SCIM on
 * `<host>/graphql` and `<host>/scim/`.
 */
import type { Page } from '@playwright/test';
import { deriveApiKeySecret } from '../simulator/state';
import { expect, test, testAdminKey } from './fixtures';

/** A bar's first load in a fresh page (UI bundle injection + directory read): 8 s is not enough on a loaded 2-core box. */
const FIRST_LOAD_MS = 20_000;
const HOST = 'wandb.example.test';
const ALICE_KEY = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');

test.use({ simOptions: { extraHosts: [HOST] }, preGrantedHosts: [HOST] });

const hostPermission = (worker: { evaluate<T>(expression: string): Promise<T> }) =>
  worker.evaluate<boolean>(`chrome.permissions.contains({ origins: ['https://${HOST}/*'] })`);

async function optionsPage(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'W&B hosts' })).toBeVisible();
}

test('an added self-managed host gets the toolkit, its own API and SCIM endpoints, and loses them when removed', async ({
  wandb,
  sim,
  browser_,
}) => {
  // One long journey (two tabs, several page loads): about 21 s, 25 s on a loaded 2-core machine.
  test.setTimeout(45_000);
  const page = wandb.page;
  // Before the host is added, the toolkit does not run there, even with the permission granted.
  await page.goto(`https://${HOST}/__sim/login?user=alice`);
  await expect(page).toHaveURL(`https://${HOST}/account-settings/acme/members`);
  // A window, to show that something does not happen: no bar on a host that was not added.
  await page.waitForTimeout(1000);
  await expect(wandb.bar).toHaveCount(0);

  const options = await browser_.context.newPage();
  await optionsPage(options, browser_.extensionId);
  const addForm = options.getByRole('form', { name: 'Add a W&B host' });
  await addForm.getByLabel('Host address').fill(HOST);
  await addForm.getByRole('button', { name: 'Add host' }).click();
  await expect(options.getByRole('status').filter({ hasText: `Added ${HOST}` })).toBeVisible();
  const hosts = options.getByRole('list', { name: 'Added hosts' });
  await expect(hosts.getByRole('listitem')).toHaveText(['wandb.ai (built in)', `${HOST} Remove`]);

  // The toolkit bar now appears on the host's admin page, read through <host>/graphql with its cookie.
  sim.clearRequests();
  await page.bringToFront();
  await page.reload();
  await expect(wandb.bar.getByText('Organization acme')).toBeVisible({ timeout: FIRST_LOAD_MS });
  await expect(wandb.figures).toContainText('members');
  const graphql = sim.graphqlRequests();
  expect(graphql.length).toBeGreaterThan(0);
  for (const request of graphql) {
    expect(request.host).toBe(HOST);
    expect(request.hadCookie).toBe(true);
    expect(request.sessionUser).toBe('alice');
    expect(request.xOrigin).toBe(`https://${HOST}`);
  }

  // The instance's own admin pages (API.md §4) carry the bar too; their URLs name no org, so the
  // background finds it from the viewer's teams.
  for (const path of ['/org/dashboard', '/console/settings']) {
    await page.goto(`https://${HOST}${path}`);
    await expect(wandb.bar.getByText('Organization acme')).toBeVisible({ timeout: FIRST_LOAD_MS });
    await expect(wandb.figures).toContainText('members');
  }

  // An admin key entered for this host goes to <host>/graphql (identity) and <host>/scim/ only.
  await options.bringToFront();
  const keyForm = options.getByRole('form', { name: 'Test an admin key' });
  await keyForm.getByLabel('W&B host').selectOption(`https://${HOST}`);
  await keyForm.getByLabel('API key', { exact: true }).fill(ALICE_KEY);
  await keyForm.getByRole('button', { name: 'Test key' }).click();
  await expect(options.getByRole('region', { name: 'Active admin key' })).toContainText(
    `Admin key: ****${ALICE_KEY.slice(-4)} for ${HOST}`,
  );
  const roleForm = options.getByRole('form', { name: 'Change an org role' });
  await roleForm.getByLabel('Username or email').fill('dave');
  await roleForm.getByLabel('New org role').selectOption('admin');
  await roleForm.getByRole('button', { name: 'Change org role' }).click();
  await expect(roleForm.getByRole('status')).toHaveText('dave now has the org role admin.');
  expect(sim.state().members.find((m) => m.username === 'dave')?.orgRole).toBe('admin');
  const keyed = sim.requests().filter((r) => r.auth !== null);
  expect(keyed.some((r) => r.kind === 'scim' && r.method === 'PATCH')).toBe(true);
  for (const request of keyed) expect(request.host).toBe(HOST);

  // The key is for this host: wandb.ai's bar shows none.
  await page.bringToFront();
  await page.reload();
  await expect(wandb.bar.getByText(`Admin key: ****${ALICE_KEY.slice(-4)}`)).toBeVisible({
    timeout: FIRST_LOAD_MS,
  });
  await wandb.signIn('alice');
  await expect(wandb.figures).toBeVisible({ timeout: FIRST_LOAD_MS });
  await expect(wandb.bar.getByText(/Admin key:/)).toHaveCount(0);

  // Removing the host gives the permission back and the toolkit leaves it.
  await options.bringToFront();
  await options.getByRole('button', { name: `Remove ${HOST}` }).click();
  await expect(hosts.getByRole('listitem')).toHaveText(['wandb.ai (built in)']);
  await expect.poll(() => hostPermission(browser_.serviceWorker)).toBe(false);
  await page.bringToFront();
  await page.goto(`https://${HOST}/account-settings/acme/members`);
  // A window, to show that something does not happen: no bar once the host is removed.
  await page.waitForTimeout(1000);
  await expect(wandb.bar).toHaveCount(0);
});

test('a key cannot be entered for a host that was never added', async ({ browser_ }) => {
  // Sent as the options page would, bypassing its form (which only offers added hosts).
  const options = await browser_.context.newPage();
  await optionsPage(options, browser_.extensionId);
  const reply = await options.evaluate(
    `chrome.runtime.sendMessage({ id: 1, type: 'keyTest', timestamp: Date.now(), data: { appOrigin: 'https://${HOST}', key: '${'a'.repeat(40)}', kind: 'user', remember: false } })`,
  );
  expect(reply).toMatchObject({
    res: {
      ok: false,
      error: { kind: 'bad-request', message: `${HOST} is not a W&B host the toolkit serves; add it first.` },
    },
  });
});

test('offboarding on a self-managed host with the admin key cuts access first: one SCIM PATCH active:false, then Done', async ({
  wandb,
  sim,
  browser_,
}) => {
  // Add the host and test the key (the options page), then a case from the host's Members page.
  test.setTimeout(60_000);
  const W = { timeout: FIRST_LOAD_MS };
  const options = await browser_.context.newPage();
  await optionsPage(options, browser_.extensionId);
  const addForm = options.getByRole('form', { name: 'Add a W&B host' });
  await addForm.getByLabel('Host address').fill(HOST);
  await addForm.getByRole('button', { name: 'Add host' }).click();
  await expect(options.getByRole('status').filter({ hasText: `Added ${HOST}` })).toBeVisible();
  await options.close();
  await testAdminKey(browser_, ALICE_KEY, HOST);

  const page = wandb.page;
  await page.bringToFront();
  await page.goto(`https://${HOST}/__sim/login?user=alice`);
  await expect(wandb.bar.getByText('Organization acme')).toBeVisible(W);
  await wandb.bar.getByRole('button', { name: 'Offboard member' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Offboard member' });
  await expect(dialog.getByText(/members\. Type to search/)).toBeVisible(W);
  await dialog.getByRole('searchbox', { name: 'Search members' }).fill('frank');
  await dialog
    .getByRole('list', { name: 'Matching members' })
    .getByRole('button', { name: /\(frank\)/ })
    .click();
  await expect(dialog.getByRole('note')).toContainText(
    'the step “Deactivate their account” comes first on this host',
    W,
  );
  await dialog.getByRole('button', { name: 'Start offboarding' }).click();
  const step = dialog
    .getByRole('list', { name: 'Offboarding steps' })
    .getByRole('listitem', { name: 'Deactivate their account', exact: true });
  await expect(step).toContainText('frank can no longer sign in or use their API keys', W);

  sim.clearRequests();
  await step.getByRole('button', { name: 'Deactivate frank…' }).click();
  expect(sim.requests().filter((r) => r.kind === 'scim' && r.method !== 'GET')).toEqual([]);
  await step.getByRole('button', { name: 'Confirm: deactivate frank' }).click();
  await expect(step.locator('p').first()).toContainText('Done', W);
  await expect(step).toContainText('W&B (SCIM) shows frank deactivated.');
  const writes = sim.requests().filter((r) => r.kind === 'scim' && r.method !== 'GET');
  expect(writes.map((r) => [r.host, r.method, r.body])).toEqual([
    [
      HOST,
      'PATCH',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      },
    ],
  ]);
  expect(sim.state().members.find((m) => m.username === 'frank')?.status).toBe('deactivated');
  // A settled step offers nothing more.
  await expect(
    dialog
      .getByRole('list', { name: 'Offboarding steps' })
      .getByRole('listitem', { name: 'Deactivate their account', exact: true })
      .getByRole('button'),
  ).toHaveCount(0);
});
