/**
 * Where the admin key is kept: a remembered key is in the extension origin's IndexedDB, never in
 * `storage.local` (which content scripts can read); a key from an older build found in
 * `storage.local` is moved out of it on first read.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { forgetAdminKey, loadAdminKey, type StoredAdminKey, storeAdminKey } from '@/lib/settings/admin-key';
import { clearVaultKey, readVaultKey } from '@/lib/settings/key-vault';

const KEY = 'k3y0123456789abcdef0123456789abcdef0123';
const stored = (remembered: boolean): StoredAdminKey => ({
  appOrigin: 'https://wandb.ai',
  key: KEY,
  kind: 'user',
  owner: { username: 'alice', email: 'alice@acme.test', orgs: ['acme'], organizationRole: 'admin' },
  status: 'admin',
  remembered,
  savedAt: '2026-11-28T10:00:00.000Z',
});

/** Everything any content script could read: the whole of `storage.local`. */
const localStorageText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

beforeEach(async () => {
  fakeBrowser.reset();
  await clearVaultKey();
});

describe('the remembered admin key', () => {
  it('is kept out of storage.local and read back from the extension-origin vault', async () => {
    await storeAdminKey(stored(true));
    expect(await localStorageText()).not.toContain(KEY);
    expect((await readVaultKey()) as StoredAdminKey).toMatchObject({ key: KEY });
    expect((await loadAdminKey())?.key).toBe(KEY);
  });

  it('a session key is kept in storage.session only', async () => {
    await storeAdminKey(stored(false));
    expect(await localStorageText()).not.toContain(KEY);
    expect(await readVaultKey()).toBeUndefined();
    expect((await loadAdminKey())?.key).toBe(KEY);
  });

  it('moves a key an older build left in storage.local into the vault', async () => {
    await fakeBrowser.storage.local.set({ adminKey: stored(true) });
    expect((await loadAdminKey())?.key).toBe(KEY);
    expect(await localStorageText()).not.toContain(KEY);
    expect((await readVaultKey()) as StoredAdminKey).toMatchObject({ key: KEY });
  });

  it('forget removes it from every place', async () => {
    await storeAdminKey(stored(true));
    await forgetAdminKey();
    expect(await loadAdminKey()).toBeNull();
    expect(await readVaultKey()).toBeUndefined();
  });
});
