/**
 * Time-bound access dates in `storage.local` (kept across browser restarts), keyed by host, org and
 * username (`expiryId`). Only the background imports this module (the dialog, the bar and the popup
 * read through messages), so the item is read, validated and written in one place.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { parseStoredRecord } from '../corrupt-storage';
import { type AccessExpiry, expiryId } from './model';

/** Every member's access date, of every host and org; version 1. */
export const accessExpiriesItem = storage.defineItem<Record<string, unknown>>('local:accessExpiries', {
  fallback: {},
  version: 1,
});

const isoInstant = z.iso.datetime();

export const accessExpirySchema = z.object({
  appOrigin: z.url({ protocol: /^https$/ }),
  org: z.string().min(1),
  username: z.string().min(1),
  name: z.string(),
  email: z.string().nullable(),
  lastDay: z.iso.date(),
  expiresAt: isoInstant,
  note: z.string(),
  setBy: z.string(),
  setAt: isoInstant,
  expiredAt: isoInstant.nullable(),
}) satisfies z.ZodType<AccessExpiry>;

/** Every valid stored date by `expiryId`; a corrupt entry is set aside (options page → Data) and left out. */
export async function readAccessExpiries(): Promise<Record<string, AccessExpiry>> {
  const { entries } = await parseStoredRecord(
    'local:accessExpiries',
    await accessExpiriesItem.getValue(),
    accessExpirySchema,
  );
  return Object.fromEntries(Object.values(entries).map((entry) => [expiryId(entry, entry.username), entry]));
}

export function writeAccessExpiries(entries: Record<string, AccessExpiry>): Promise<void> {
  return accessExpiriesItem.setValue(entries);
}
