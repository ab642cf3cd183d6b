/**
 * What the extension keeps on this device, for the options page's Data section: each item's size,
 * a JSON export, and clearing. The export never contains the admin key's secret (a remembered key
 * appears as its last 4 characters). Offboarding cases (`local:offboardingCases`) belong to the
 * offboarding feature; they are read and cleared here by key only.
 */
import { storage } from 'wxt/utils/storage';
import { forgetRememberedKey, rememberedKeyInfo } from './admin-key';

export const LOCAL_DATA_ITEMS = [
  { key: 'local:inviteJobs', label: 'Bulk-invite jobs and their results' },
  { key: 'local:auditLog', label: 'Audit log' },
  { key: 'local:lastExport', label: 'Last member export' },
  { key: 'local:offboardingCases', label: 'Offboarding cases' },
  { key: 'vault:adminKey', label: 'Admin API key (only when remembered)' },
  { key: 'local:settings', label: 'Settings' },
  { key: 'local:wandbHosts', label: 'Added W&B hosts' },
  { key: 'local:corruptItems', label: 'Damaged data set aside (not used)' },
] as const;

/** `storage.local` items; the remembered key is in the extension's IndexedDB (./key-vault.ts). */
const STORAGE_KEYS = LOCAL_DATA_ITEMS.map((item) => item.key).filter(
  (key): key is Exclude<LocalDataKey, 'vault:adminKey'> => key !== 'vault:adminKey',
);

export type LocalDataKey = (typeof LOCAL_DATA_ITEMS)[number]['key'];

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
  const local = keys.filter((key): key is (typeof STORAGE_KEYS)[number] => key !== 'vault:adminKey');
  if (local.length > 0) await storage.removeItems(local);
}
