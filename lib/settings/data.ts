/**
 * What the extension keeps on this device, for the options page's Data section: each item's size,
 * a JSON export, and clearing. The export never contains the admin key's secret (a remembered key
 * appears as its last 4 characters). Offboarding cases (`local:offboardingCases`) belong to the
 * offboarding feature; they are read and cleared here by key only.
 */
import { storage } from 'wxt/utils/storage';
import type { StoredAdminKey } from './admin-key';

export const LOCAL_DATA_ITEMS = [
  { key: 'local:inviteJobs', label: 'Bulk-invite jobs and their results' },
  { key: 'local:auditLog', label: 'Audit log' },
  { key: 'local:lastExport', label: 'Last member export' },
  { key: 'local:offboardingCases', label: 'Offboarding cases' },
  { key: 'local:adminKey', label: 'Admin API key (only when remembered)' },
  { key: 'local:settings', label: 'Settings' },
  { key: 'local:wandbHosts', label: 'Added W&B hosts' },
] as const;

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
  const values = await storage.getItems(LOCAL_DATA_ITEMS.map((item) => item.key));
  return LOCAL_DATA_ITEMS.map((item) => {
    const value = values.find((v) => v.key === item.key)?.value ?? null;
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
  const values = await storage.getItems(LOCAL_DATA_ITEMS.map((item) => item.key));
  const data: Record<string, unknown> = {};
  for (const { key, value } of values) {
    if (value === null || value === undefined) continue;
    const name = key.replace(/^local:/, '');
    if (key === 'local:adminKey') {
      const stored = value as StoredAdminKey;
      data[name] = { appOrigin: stored.appOrigin, last4: stored.key.slice(-4), owner: stored.owner.username };
    } else data[name] = value;
  }
  return JSON.stringify({ exportedAt: now.toISOString(), extension: 'Admin Toolkit for W&B', data }, null, 2);
}

/** Removes the given local items (the admin confirmed first). */
export async function clearLocalData(keys: readonly LocalDataKey[]): Promise<void> {
  await storage.removeItems([...keys]);
}
