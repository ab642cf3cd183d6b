/**
 * Where the admin API key is kept. Session storage (`storage.session`: memory only, gone when the
 * browser closes, not readable by content scripts) unless the admin ticked "Remember on this
 * device"; then the extension origin's IndexedDB (./key-vault.ts), which content scripts cannot
 * open — `storage.local` can be read by any content script. Exactly one of the two holds a key at
 * a time. Only the background reads the secret; every other context gets `AdminKeyInfo`, which has
 * the last 4 characters only. Every read is parsed with zod; a corrupt value is set aside (as a
 * note, without the secret) and treated as no key.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { parseStored } from '../corrupt-storage';
import type { KeyStatus } from '../wandb/capabilities';
import { clearVaultKey, readVaultKey, writeVaultKey } from './key-vault';

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

const keyOwnerSchema = z.object({
  username: z.string(),
  email: z.string().nullable(),
  orgs: z.array(z.string()),
  organizationRole: z.string().nullable(),
});

/** A stored key as it must look; anything else is set aside, never used. */
export const storedAdminKeySchema = z.object({
  appOrigin: z.string().url(),
  key: z.string().min(1),
  kind: z.enum(['user', 'service']),
  owner: keyOwnerSchema,
  status: z.enum(['none', 'admin', 'not-admin', 'rejected']),
  remembered: z.boolean(),
  savedAt: z.string(),
}) satisfies z.ZodType<StoredAdminKey>;

export const sessionAdminKeyItem = storage.defineItem<StoredAdminKey | null>('session:adminKey', {
  fallback: null,
  version: 1,
});

/** Where builds before the vault kept a remembered key; read once to move it, then emptied. */
const legacyLocalAdminKeyItem = storage.defineItem<unknown>('local:adminKey', { fallback: null });

/** The remembered key (vault), moving one an older build left in `storage.local`; null when none. */
async function loadRememberedKey(): Promise<StoredAdminKey | null> {
  const legacy = await legacyLocalAdminKeyItem.getValue();
  if (legacy !== null && legacy !== undefined) {
    const moved = await parseStored('local:adminKey', legacy, storedAdminKeySchema, null, { secret: true });
    if (moved) await writeVaultKey(moved);
    await legacyLocalAdminKeyItem.removeValue();
  }
  return parseStored('vault:adminKey', await readVaultKey(), storedAdminKeySchema, null, { secret: true });
}

/** The stored key (session first), or null. */
export async function loadAdminKey(): Promise<StoredAdminKey | null> {
  const session = await parseStored(
    'session:adminKey',
    await sessionAdminKeyItem.getValue(),
    storedAdminKeySchema,
    null,
    { secret: true },
  );
  return session ?? (await loadRememberedKey());
}

/** Stores `key` in the one place its `remembered` flag says, and clears the other. */
export async function storeAdminKey(key: StoredAdminKey): Promise<void> {
  if (key.remembered) {
    await sessionAdminKeyItem.removeValue();
    await writeVaultKey(key);
  } else {
    await clearVaultKey();
    await sessionAdminKeyItem.setValue(key);
  }
  await legacyLocalAdminKeyItem.removeValue();
}

/** Removes the key from every place. */
export async function forgetAdminKey(): Promise<void> {
  await sessionAdminKeyItem.removeValue();
  await legacyLocalAdminKeyItem.removeValue();
  await clearVaultKey();
}

/** The remembered key without its secret (for the Data section), or null. */
export async function rememberedKeyInfo(): Promise<AdminKeyInfo | null> {
  const key = await loadRememberedKey();
  return key ? adminKeyInfo(key) : null;
}

/** Forgets a remembered key only (the Data section's Clear); a session key stays. */
export async function forgetRememberedKey(): Promise<void> {
  await legacyLocalAdminKeyItem.removeValue();
  await clearVaultKey();
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
