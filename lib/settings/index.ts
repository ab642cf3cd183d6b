/**
 * The admin's defaults, as one zod-validated storage item (`local:settings`).
 *
 * Read them with `getSettings()` (always a complete, valid `Settings`: a missing, old or damaged
 * stored value falls back field by field to `DEFAULT_SETTINGS`). Bulk invite reads
 * `inviteConcurrency` (1–16) and `allowedEmailDomains` (lower-case domains; empty = no
 * allow-list); member export reads `inactivityDays` and `keepLastExport`. `saveSettings(patch)`
 * validates and stores a partial change and returns the result; `watchSettings(cb)` reports changes.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { describeIssue, setAsideCorrupt } from '../corrupt-storage';
import { reportFailure } from '../report';

/** A bare domain such as `acme.com` (no `@`, no scheme), compared lower-case. */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: 'a domain such as acme.com',
  });

export const settingsSchema = z
  .object({
    /** Invites sent at once by a bulk-invite job. */
    inviteConcurrency: z.int().min(1).max(16),
    /** Bulk invite marks rows outside these domains `outside-domain`; empty means no allow-list. */
    allowedEmailDomains: z.array(emailDomainSchema).max(200),
    /** "Inactive for N days" in exports and seat hygiene. */
    inactivityDays: z.int().min(1).max(3650),
    /** Whether the export dialog's "Keep a copy on this device" starts ticked. */
    keepLastExport: z.boolean(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  inviteConcurrency: 4,
  allowedEmailDomains: [],
  inactivityDays: 90,
  keepLastExport: false,
});

/** Stored as plain data; always read through `getSettings`, which validates it. */
export const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', {
  fallback: {},
  version: 1,
});

/** `raw` as complete settings: each valid field kept, each missing or invalid one defaulted. */
export function normaliseSettings(raw: unknown): Settings {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const shape = settingsSchema.shape;
  const pick = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = shape[key].safeParse(source[key]);
    return (parsed.success ? parsed.data : DEFAULT_SETTINGS[key]) as Settings[K];
  };
  return {
    inviteConcurrency: pick('inviteConcurrency'),
    allowedEmailDomains: [...new Set(pick('allowedEmailDomains'))],
    inactivityDays: pick('inactivityDays'),
    keepLastExport: pick('keepLastExport'),
  };
}

/**
 * What may be stored: any subset of the fields (an older build stored fewer), each valid; keys this
 * build does not know are ignored.
 */
const storedSettingsSchema = z.object(settingsSchema.shape).partial();

/**
 * `raw` as complete settings; a stored value that is not valid settings is reported and set aside
 * once (options page → Data), and its valid fields are still used.
 */
async function readSettingsValue(raw: unknown): Promise<Settings> {
  if (raw !== null && raw !== undefined) {
    const parsed = storedSettingsSchema.safeParse(raw);
    if (!parsed.success)
      await setAsideCorrupt('local:settings', raw, describeIssue(parsed.error)).catch((error) =>
        reportFailure('settings', error),
      );
  }
  return normaliseSettings(raw);
}

/** The admin's settings, complete and valid (defaults where nothing valid is stored). */
export async function getSettings(): Promise<Settings> {
  return readSettingsValue(await settingsItem.getValue());
}

/**
 * Validates `patch` against the current settings and stores the result. Throws a `z.ZodError`
 * (nothing stored) when a field is out of range.
 */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await getSettings()), ...patch });
  next.allowedEmailDomains = [...new Set(next.allowedEmailDomains)];
  await settingsItem.setValue(next);
  return next;
}

/** Calls `onChange` with the new settings whenever they change; returns the unwatch function. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => {
    readSettingsValue(value).then(onChange, () => onChange(normaliseSettings(value)));
  });
}
