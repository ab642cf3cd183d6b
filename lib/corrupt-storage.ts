/**
 * Stored values that do not parse. Every read of extension storage goes through `parseStored`:
 * a value that fails its zod schema never reaches a tool (the tool gets the fallback instead), is
 * reported once (a console warning per item and context, and the options page's Data section,
 * which lists `local:corruptItems`), and is kept aside in `local:corruptItems` for the Data
 * section's export rather than silently dropped.
 */

import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import type * as zc from 'zod/v4/core';
import { reportFailure, settled } from './report';

/** One value set aside: where it was, when, what was wrong, and the value itself (or a note, for a secret). */
export interface CorruptItem {
  key: string;
  foundAt: string;
  problem: string;
  value: unknown;
}

/** Set-aside values, keyed by `<storage key>` or `<storage key>/<entry id>`; the first one found is kept. */
export const corruptItemsItem = storage.defineItem<Record<string, CorruptItem>>('local:corruptItems', {
  fallback: {},
  version: 1,
});

const corruptItemsSchema = z.record(
  z.string(),
  z.object({ key: z.string(), foundAt: z.string(), problem: z.string(), value: z.unknown() }),
);

/**
 * The set-aside values. If the list itself is damaged it cannot be set aside elsewhere: it is kept
 * whole as the new list's first entry, under its own key.
 */
export async function readCorruptItems(): Promise<Record<string, CorruptItem>> {
  const raw: unknown = await corruptItemsItem.getValue();
  if (raw === null || raw === undefined) return {};
  const parsed = z.safeParse(corruptItemsSchema, raw);
  if (parsed.success) return parsed.data as Record<string, CorruptItem>;
  const where = 'local:corruptItems';
  return {
    [where]: {
      key: where,
      foundAt: new Date().toISOString(),
      problem: describeIssue(parsed.error),
      value: raw,
    },
  };
}

const warned = new Set<string>();
let writes: Promise<unknown> = Promise.resolve();

/** The first problem zod found, as "path: message". */
export function describeIssue(error: zc.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const path = issue.path.map(String).join('.');
  return `${path === '' ? '(value)' : path}: ${issue.message}`.slice(0, 200);
}

/**
 * Keeps `value` aside under `where` (once) and warns once per context. `secret` values are not
 * kept, only noted: a corrupt admin key must not end up in an export.
 */
export function setAsideCorrupt(
  where: string,
  value: unknown,
  problem: string,
  options: { secret?: boolean } = {},
): Promise<void> {
  if (!warned.has(where)) {
    warned.add(where);
    console.warn(
      `[wandb-admin-toolkit:storage] ${where} is not valid (${problem}); it was set aside (options page → Data) and is not used.`,
    );
  }
  const next = writes.then(async () => {
    const all = await readCorruptItems();
    if (all[where]) return;
    all[where] = {
      key: where,
      foundAt: new Date().toISOString(),
      problem,
      value: options.secret ? '(a secret; not kept)' : value,
    };
    await corruptItemsItem.setValue(all);
  });
  writes = settled(next);
  return next;
}

/** `raw` parsed with `schema`; on failure the value is set aside and `fallback` is returned. */
export async function parseStored<T>(
  where: string,
  raw: unknown,
  schema: zc.$ZodType<T>,
  fallback: T,
  options: { secret?: boolean } = {},
): Promise<T> {
  if (raw === null || raw === undefined) return fallback;
  const parsed = z.safeParse(schema, raw);
  if (parsed.success) return parsed.data;
  await setAsideCorrupt(where, raw, describeIssue(parsed.error), options).catch((error) =>
    reportFailure('storage', error),
  );
  return fallback;
}

/**
 * A record of entries (jobs, cases) parsed entry by entry: a corrupt entry is set aside as
 * `<where>/<id>` and left out, the others are kept. `corrupt` lists the ids left out.
 */
export async function parseStoredRecord<T>(
  where: string,
  raw: unknown,
  schema: zc.$ZodType<T>,
): Promise<{ entries: Record<string, T>; corrupt: string[] }> {
  const entries: Record<string, T> = {};
  const corrupt: string[] = [];
  if (raw === null || raw === undefined) return { entries, corrupt };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    await setAsideCorrupt(where, raw, '(value): expected an object').catch((error) =>
      reportFailure('storage', error),
    );
    return { entries, corrupt: [where] };
  }
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = z.safeParse(schema, value);
    if (parsed.success) entries[id] = parsed.data;
    else {
      corrupt.push(id);
      await setAsideCorrupt(`${where}/${id.slice(0, 80)}`, value, describeIssue(parsed.error)).catch(
        (error) => reportFailure('storage', error),
      );
    }
  }
  return { entries, corrupt };
}

/** For tests: forget which items were already warned about in this context. */
export function resetCorruptWarnings(): void {
  warned.clear();
}
