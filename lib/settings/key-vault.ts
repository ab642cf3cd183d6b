/**
 * Where a remembered admin key lives: an IndexedDB database of the extension's own origin
 * (`chrome-extension://<id>` / `moz-extension://<uuid>`). Content scripts run with the W&B page's
 * origin, so they cannot open it, whereas `storage.local` is readable by every content script of
 * the extension (and `storage.local.setAccessLevel` is not available for `local` in every browser).
 * Only the background and the options page, both on the extension origin, reach this database.
 */

const DB_NAME = 'wandb-admin-toolkit-vault';
const STORE = 'secrets';
const ADMIN_KEY = 'adminKey';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openVault(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(
      new Error('IndexedDB is not available in this context, so a key cannot be remembered.'),
    );
  }
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
  };
  return request(open);
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openVault();
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(work(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  } finally {
    db.close();
  }
}

/** The remembered admin key as stored (unvalidated: the caller parses it), or undefined. */
export function readVaultKey(): Promise<unknown> {
  return withStore('readonly', (store) => store.get(ADMIN_KEY));
}

/** Remembers `value` (a structured-cloneable record) in place of any earlier key. */
export async function writeVaultKey(value: unknown): Promise<void> {
  await withStore('readwrite', (store) => store.put(value, ADMIN_KEY));
}

/** Forgets the remembered key; nothing happens when there is none. */
export async function clearVaultKey(): Promise<void> {
  await withStore('readwrite', (store) => store.delete(ADMIN_KEY));
}
