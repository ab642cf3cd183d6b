/**
 * The one way to add to the audit log. Every writer in the background (bulk-invite jobs,
 * offboarding, the admin key) appends through this queue: the log is one storage item that is
 * read, extended and written back, so two unserialised writers would each drop the other's entries.
 */
import { z } from 'zod';
import { parseStored } from '../corrupt-storage';
import { settled } from '../report';
import {
  AUDIT_ACTIONS,
  type AuditEntry,
  type AuditStore,
  appendAuditEntries,
  EMPTY_AUDIT_STORE,
  MAX_AUDIT_ENTRIES,
} from './log';
import { auditLogItem } from './storage';

let queue: Promise<unknown> = Promise.resolve();

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string(),
  host: z.string().nullable(),
  org: z.string(),
  result: z.enum(['ok', 'error']),
  detail: z.string(),
}) satisfies z.ZodType<AuditEntry>;

const auditStoreSchema = z.object({
  entries: z.array(auditEntrySchema),
  dropped: z.object({ count: z.int().min(0), oldestKeptAt: z.string() }).nullable(),
}) satisfies z.ZodType<AuditStore>;

/** The stored log and what its cap dropped; a corrupt log is set aside whole (kept for export) and a new one is started. */
export async function readAuditStore(): Promise<AuditStore> {
  return parseStored('local:auditLog', await auditLogItem.getValue(), auditStoreSchema, EMPTY_AUDIT_STORE);
}

/** The audit log's entries, oldest first. */
export async function readAuditLog(): Promise<AuditEntry[]> {
  return (await readAuditStore()).entries;
}

/**
 * Appends `entries` after every earlier append has been written; resolves once they are stored.
 * A failed write (storage full, say) rejects this call only; later appends still run.
 */
export function appendAudit(entries: readonly AuditEntry[], max: number = MAX_AUDIT_ENTRIES): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  const next = queue.then(async () => {
    await auditLogItem.setValue(appendAuditEntries(await readAuditStore(), entries, max));
  });
  queue = settled(next);
  return next;
}
