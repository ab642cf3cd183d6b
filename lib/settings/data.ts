/**
 * What the extension keeps on this device, for the options page's Data section: each item's size,
 * a JSON export, and clearing. The export never contains the admin key's secret (a remembered key
 * appears as its last 4 characters). The items and their labels come from the storage registry
 * (../storage-registry.ts); each is read and cleared here by its key only.
 */
import { storage } from 'wxt/utils/storage';
import { DATA_LIST_ITEMS } from '../storage-registry';
import { forgetRememberedKey, rememberedKeyInfo } from './admin-key';

/** The Data section's items, from the storage registry (a new stored item is listed by its line there). */
export const LOCAL_DATA_ITEMS = DATA_LIST_ITEMS.map(({ key, dataLabel }) => ({ key, label: dataLabel }));

type StorageLocalKey = Extract<LocalDataKey, `local:${string}`>;
const isStorageLocal = (key: LocalDataKey): key is StorageLocalKey => key.startsWith('local:');

/** `storage.local` items; the remembered key is in the extension's IndexedDB (./key-vault.ts). */
const STORAGE_KEYS = LOCAL_DATA_ITEMS.map((item) => item.key).filter(isStorageLocal);

export type LocalDataKey = (typeof DATA_LIST_ITEMS)[number]['key'];

export interface LocalDataEntry {
  key: LocalDataKey;
  label: string;
  present: boolean;
  /** Approximate size in bytes (UTF-8 length of the stored JSON). */
  bytes: number;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Each local item with its size. */
export async function describeLocalData(): Promise<LocalDataEntry[]> {
  const values = await storage.getItems(STORAGE_KEYS);
  const key = await rememberedKeyInfo();
  return LOCAL_DATA_ITEMS.map((item) => {
    const value =
      item.key === 'vault:adminKey' ? key : (values.find((v) => v.key === item.key)?.value ?? null);
    return {
      key: item.key,
      label: item.label,
      present: value !== null && value !== undefined,
      bytes: value === null || value === undefined ? 0 : utf8Length(JSON.stringify(value)),
    };
  });
}

/** Everything kept locally, as one JSON document; the admin key is reduced to its last 4 characters. */
export async function exportLocalData(now: Date = new Date()): Promise<string> {
  const values = await storage.getItems(STORAGE_KEYS);
  const data: Record<string, unknown> = {};
  for (const { key, value } of values) {
    if (value === null || value === undefined) continue;
    data[key.replace(/^local:/, '')] = value;
  }
  const key = await rememberedKeyInfo();
  if (key) data.adminKey = { appOrigin: key.appOrigin, last4: key.last4, owner: key.owner.username };
  return JSON.stringify({ exportedAt: now.toISOString(), extension: 'Admin Toolkit for W&B', data }, null, 2);
}

/** Removes the given local items (the admin confirmed first). */
export async function clearLocalData(keys: readonly LocalDataKey[]): Promise<void> {
  if (keys.includes('vault:adminKey')) await forgetRememberedKey();
  const local = keys.filter(isStorageLocal);
  if (local.length > 0) await storage.removeItems(local);
}
