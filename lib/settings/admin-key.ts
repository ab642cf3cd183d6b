/**
 * Where the admin API key is kept. Session storage (`storage.session`: memory only, gone when the
 * browser closes, not readable by content scripts) unless the admin ticked "Remember on this
 * device"; then `storage.local`. Exactly one of the two holds a key at a time. Only the background
 * reads the secret; every other context gets `AdminKeyInfo`, which has the last 4 characters only.
 */
import { storage } from 'wxt/utils/storage';
import type { KeyStatus } from '../wandb/capabilities';

/** Who the key belongs to, as W&B reported it when the key was tested. */
export interface KeyOwner {
  username: string;
  email: string | null;
  /** Organizations of the owner's teams (from `viewer.teams`); the SCIM org is the owner's default API organization. */
  orgs: string[];
  /** `organizationRole` from SCIM, for a user key; null for a service-account key. */
  organizationRole: string | null;
}

export interface StoredAdminKey {
  /** The W&B app origin the key was entered for; it is sent to this host's API only. */
  appOrigin: string;
  key: string;
  kind: 'user' | 'service';
  owner: KeyOwner;
  status: KeyStatus;
  remembered: boolean;
  savedAt: string;
}

/** The key as every context but the background sees it. */
export interface AdminKeyInfo {
  appOrigin: string;
  last4: string;
  kind: 'user' | 'service';
  owner: KeyOwner;
  status: KeyStatus;
  remembered: boolean;
  savedAt: string;
}

export const sessionAdminKeyItem = storage.defineItem<StoredAdminKey | null>('session:adminKey', {
  fallback: null,
  version: 1,
});

export const localAdminKeyItem = storage.defineItem<StoredAdminKey | null>('local:adminKey', {
  fallback: null,
  version: 1,
});

/** The stored key (session first), or null. */
export async function loadAdminKey(): Promise<StoredAdminKey | null> {
  return (await sessionAdminKeyItem.getValue()) ?? (await localAdminKeyItem.getValue());
}

/** Stores `key` in the one place its `remembered` flag says, and clears the other. */
export async function storeAdminKey(key: StoredAdminKey): Promise<void> {
  if (key.remembered) {
    await sessionAdminKeyItem.removeValue();
    await localAdminKeyItem.setValue(key);
  } else {
    await localAdminKeyItem.removeValue();
    await sessionAdminKeyItem.setValue(key);
  }
}

/** Removes the key from both places. */
export async function forgetAdminKey(): Promise<void> {
  await sessionAdminKeyItem.removeValue();
  await localAdminKeyItem.removeValue();
}

/** The key without its secret: only the last 4 characters. */
export function adminKeyInfo(key: StoredAdminKey): AdminKeyInfo {
  return {
    appOrigin: key.appOrigin,
    last4: key.key.slice(-4),
    kind: key.kind,
    owner: key.owner,
    status: key.status,
    remembered: key.remembered,
    savedAt: key.savedAt,
  };
}
