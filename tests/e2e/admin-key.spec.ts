/**
 * The admin API key end to end: test it in the options page, use it for an org role change
 * through SCIM, see it on the toolkit bar, forget it — and find it nowhere it must not be.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { deriveApiKeySecret } from '../simulator/state';
import { expect, FRESH_PROFILE, type SimHandle, test } from './fixtures';

/** A bar's first load in a fresh page (UI bundle injection + directory read): 8 s is not enough on a loaded 2-core box. */
const FIRST_LOAD_MS = 20_000;
const keyOf = (owner: string, name: string) => deriveApiKeySecret('org-1', owner, name);
const ALICE_KEY = keyOf('alice', 'alice-admin-key');

async function openOptions(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'Admin API key' })).toBeVisible();
}

async function testKey(page: Page, key: string, kind: 'user' | 'service' = 'user'): Promise<void> {
  const form = page.getByRole('form', { name: 'Test an admin key' });
  await form
    .getByRole('radio', { name: kind === 'user' ? "An org admin's own key" : "An org service account's key" })
    .check();
  await form.getByLabel('API key', { exact: true }).fill(key);
  await form.getByRole('button', { name: 'Test key' }).click();
}

function capabilityRow(page: Page, action: string) {
  return page
    .getByRole('table', { name: 'What each action uses now' })
    .getByRole('row', { name: new RegExp(`^${action}`) });
}

function orgRoleOf(sim: SimHandle, username: string): string | undefined {
  return sim.state().members.find((m) => m.username === username)?.orgRole;
}

// Its own browser: in the shared one it hung and its teardown did not end, in a full run on a loaded
// machine (cause not found yet); alone it passed.
test('an org admin key is tested, changes an org role through SCIM, shows on the bar, is forgotten, and leaks nowhere', {
  tag: FRESH_PROFILE,
}, async ({ wandb, sim, browser_ }) => {
  // One long journey (two tabs, several page loads): about 11 s, 25 s on a loaded 2-core machine.
  test.setTimeout(45_000);
  const consoleText: string[] = [];
  browser_.context.on('console', (message) => consoleText.push(message.text()));
  browser_.serviceWorker.on('console', (message) => consoleText.push(message.text()));
  browser_.context.on('page', (page) => page.on('pageerror', (error) => consoleText.push(String(error))));

  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: FIRST_LOAD_MS });
  await expect(wandb.bar.getByText(/Admin key:/)).toHaveCount(0);

  let options = await browser_.context.newPage();
  await openOptions(options, browser_.extensionId);
  await expect(options.getByText('No admin key.', { exact: false })).toBeVisible();
  await expect(capabilityRow(options, 'Change org role')).toContainText('Manual step on W&B');

  await testKey(options, ALICE_KEY);
  await expect(options.getByRole('status').filter({ hasText: 'Belongs to alice' })).toHaveText(
    `Belongs to alice (alice@acme.test); organization acme; org admin: yes (org role admin). Saved for this browser session as ****${ALICE_KEY.slice(-4)}.`,
  );
  await expect(options.getByRole('region', { name: 'Active admin key' })).toContainText(
    `Admin key: ****${ALICE_KEY.slice(-4)} for wandb.ai`,
  );
  await expect(options.getByLabel('API key', { exact: true })).toHaveValue('');
  await expect(capabilityRow(options, 'Change org role')).toContainText('Admin key (SCIM)');
  await expect(capabilityRow(options, 'Remove from the organization')).toContainText('Admin key (SCIM)');
  await expect(capabilityRow(options, 'Invite to a team')).toContainText('Browser session');

  // An org role change through SCIM, visible in the simulator's state.
  expect(orgRoleOf(sim, 'carol')).toBe('member');
  const roleForm = options.getByRole('form', { name: 'Change an org role' });
  await expect(roleForm.getByRole('option', { name: 'auditor (custom)' })).toHaveCount(1);
  await roleForm.getByLabel('Username or email').fill('carol@acme.test');
  await roleForm.getByLabel('New org role').selectOption('admin');
  await roleForm.getByRole('button', { name: 'Change org role' }).click();
  await expect(roleForm.getByRole('status')).toHaveText('carol now has the org role admin.');
  expect(orgRoleOf(sim, 'carol')).toBe('admin');
  const patch = sim.requests().find((r) => r.kind === 'scim' && r.method === 'PATCH');
  expect(patch).toMatchObject({
    host: 'api.wandb.ai',
    status: 200,
    auth: { owner: 'alice', keyName: 'alice-admin-key' },
  });

  // The bar on the W&B page shows the key and, under More, what it enables; the options button there
  // opens the options page (Chrome focuses an open one instead, so this one is closed first).
  await options.close();
  await wandb.page.bringToFront();
  await wandb.page.reload();
  await expect(wandb.bar.getByText(`Admin key: ****${ALICE_KEY.slice(-4)}`)).toBeVisible({
    timeout: FIRST_LOAD_MS,
  });
  // Short on the bar; what the key enables is under More, beside the options button.
  await wandb.bar.getByRole('button', { name: 'More' }).click();
  const more = wandb.bar.getByRole('group', { name: 'More' });
  await expect(more).toContainText(
    'With the admin key ****' +
      `${ALICE_KEY.slice(-4)}: change org role, change team role, remove from the organization, list custom roles, last activity.`,
  );
  const opened = browser_.context.waitForEvent('page');
  await more.getByRole('button', { name: 'Toolkit options' }).click();
  options = await opened;
  await expect(options).toHaveURL(`chrome-extension://${browser_.extensionId}/options.html`);
  await expect(options.getByRole('region', { name: 'Active admin key' })).toContainText(
    `****${ALICE_KEY.slice(-4)}`,
  );

  // Data export: the file names the key by its last 4 characters at most.
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export data (JSON)' }).click();
  const exported = await readFile((await (await download).path())!, 'utf8');
  expect(JSON.parse(exported).data.auditLog.entries).toEqual([
    expect.objectContaining({
      action: 'admin-key',
      target: `admin key ****${ALICE_KEY.slice(-4)}`,
      host: 'wandb.ai',
      result: 'ok',
    }),
    expect.objectContaining({ action: 'change-role', actor: 'alice (admin key)', result: 'ok' }),
  ]);
  expect(exported).not.toContain(ALICE_KEY.slice(0, -4));

  // Storage: session holds the key (not remembered); local does not.
  const dump = async () => ({
    local: await browser_.serviceWorker.evaluate<string>(
      'chrome.storage.local.get(null).then(JSON.stringify)',
    ),
    session: await browser_.serviceWorker.evaluate<string>(
      'chrome.storage.session.get(null).then(JSON.stringify)',
    ),
  });
  const stored = await dump();
  expect(stored.session).toContain(ALICE_KEY);
  expect(stored.local).not.toContain(ALICE_KEY);
  expect(stored.local).toContain('"change-role"');

  // Forget: gone from storage, the bar and the capabilities.
  await options.getByRole('button', { name: 'Forget key' }).click();
  await expect(options.getByText('No admin key.', { exact: false })).toBeVisible();
  await expect(capabilityRow(options, 'Change org role')).toContainText('Manual step on W&B');
  expect((await dump()).session).not.toContain(ALICE_KEY);
  await wandb.page.bringToFront();
  await wandb.page.reload();
  await expect(wandb.figures).toBeVisible({ timeout: FIRST_LOAD_MS });
  await expect(wandb.bar.getByText(/Admin key:/)).toHaveCount(0);

  // The key went only to api.wandb.ai: the identity check and SCIM, and is in no logged field.
  const requests = sim.requests();
  const keyed = requests.filter((r) => r.auth !== null);
  expect(keyed.length).toBeGreaterThanOrEqual(3);
  for (const r of keyed) {
    expect(r.host).toBe('api.wandb.ai');
    expect(r.kind === 'scim' || (r.kind === 'graphql' && r.operationName === 'KeyOwner')).toBe(true);
    expect(r.auth).toMatchObject({ owner: 'alice', keyName: 'alice-admin-key' });
  }
  expect(keyed.filter((r) => r.kind === 'graphql')).toHaveLength(1);
  expect(requests.filter((r) => r.kind === 'graphql' && r.auth === null).length).toBeGreaterThan(0);
  expect(JSON.stringify(requests)).not.toContain(ALICE_KEY);
  // The console scan hears both the pages and the worker (so it can catch a leak).
  await browser_.serviceWorker.evaluate("console.log('wbat-console-probe-worker')");
  await options.evaluate("console.log('wbat-console-probe-options')");
  await expect
    .poll(() => [...new Set(consoleText.filter((text) => text.startsWith('wbat-console-probe')))].sort())
    .toEqual(['wbat-console-probe-options', 'wbat-console-probe-worker']);
  expect(consoleText.join('\n')).not.toContain(ALICE_KEY);
  expect(exported).not.toContain(ALICE_KEY);
  expect((await dump()).local).not.toContain(ALICE_KEY);
});

test("a remembered key is kept in the extension's IndexedDB, never storage.local, until forgotten", async ({
  sim,
  browser_,
}) => {
  const options = await browser_.context.newPage();
  await openOptions(options, browser_.extensionId);
  await options.getByLabel('Remember on this device').check();
  await testKey(options, ALICE_KEY);
  await expect(options.getByRole('status').filter({ hasText: 'Belongs to alice' })).toContainText(
    `Saved on this device as ****${ALICE_KEY.slice(-4)}.`,
  );
  const local = () =>
    browser_.serviceWorker.evaluate<string>('chrome.storage.local.get(null).then(JSON.stringify)');
  // storage.local is readable by content scripts; the extension origin's IndexedDB is not.
  const vault = () =>
    options.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('wandb-admin-toolkit-vault');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('secrets')) return resolve('');
            const get = db.transaction('secrets').objectStore('secrets').get('adminKey');
            get.onerror = () => reject(get.error);
            get.onsuccess = () => resolve(JSON.stringify(get.result ?? null));
          };
        }),
    );
  expect(await local()).not.toContain(ALICE_KEY);
  expect(await vault()).toContain(ALICE_KEY);
  await expect(options.getByRole('region', { name: 'Active admin key' })).toContainText(
    'Remembered on this device.',
  );
  await options.getByRole('button', { name: 'Forget key' }).click();
  await expect(options.getByText('No admin key.', { exact: false })).toBeVisible();
  expect(await local()).not.toContain(ALICE_KEY);
  expect(await vault()).not.toContain(ALICE_KEY);
  expect(
    sim
      .requests()
      .filter((r) => r.auth !== null)
      .every((r) => r.host === 'api.wandb.ai'),
  ).toBe(true);
});

// Its own browser: in the shared one it hung and its teardown did not end, in a full run on a loaded
// machine (cause not found yet); alone it passed.
test('wrong, non-admin and revoked keys get clear messages and the session keeps working', {
  tag: FRESH_PROFILE,
}, async ({ wandb, sim, browser_ }) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: FIRST_LOAD_MS });
  const options = await browser_.context.newPage();
  await openOptions(options, browser_.extensionId);

  await testKey(options, 'f'.repeat(40));
  await expect(options.getByRole('alert')).toContainText(
    'did not accept this key: it is wrong, expired or revoked',
  );

  await testKey(options, keyOf('carol', 'carol-notebook'));
  await expect(options.getByRole('status').filter({ hasText: 'Belongs to carol' })).toContainText(
    'org admin: no — W&B refused SCIM for this key (HTTP 403). The key was not saved.',
  );

  await testKey(options, keyOf('ci-bot', 'ci-bot-key'), 'service');
  await expect(options.getByRole('status').filter({ hasText: 'Belongs to ci-bot' })).toContainText(
    'org admin: no',
  );
  await expect(options.getByText('No admin key.', { exact: false })).toBeVisible();

  // Bob's key works, then W&B revokes it (bob leaves the org, which deletes his keys).
  await testKey(options, keyOf('bob', 'bob-scripts'));
  await expect(options.getByRole('region', { name: 'Active admin key' })).toContainText('bob');
  sim.sim.state.removeFromOrg('bob');
  const roleForm = options.getByRole('form', { name: 'Change an org role' });
  await roleForm.getByLabel('Username or email').fill('carol');
  await roleForm.getByLabel('New org role').selectOption('admin');
  await roleForm.getByRole('button', { name: 'Change org role' }).click();
  await expect(roleForm.getByRole('alert')).toContainText('did not accept the admin API key (HTTP 401)');
  expect(orgRoleOf(sim, 'carol')).toBe('member');
  await options.reload();
  await expect(options.getByRole('region', { name: 'Active admin key' })).toContainText(
    'W&B stopped accepting this key',
  );

  // The session transport is untouched: a team page's bar loads its figures with the cookie.
  sim.clearRequests();
  await wandb.page.bringToFront();
  await wandb.goto('/vision/settings');
  await expect(wandb.bar.getByText('Team vision')).toBeVisible({ timeout: FIRST_LOAD_MS });
  await expect(wandb.figures).toBeVisible({ timeout: FIRST_LOAD_MS });
  const graphql = sim.graphqlRequests();
  expect(graphql.length).toBeGreaterThan(0);
  expect(graphql.every((r) => r.hadCookie && r.auth === null && r.sessionUser === sim.sim.admin)).toBe(true);
});
