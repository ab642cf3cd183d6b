/**
 * The one way to add to the audit log. Every writer in the background (bulk-invite jobs,
 * offboarding, the admin key) appends through this queue: the log is one storage item that is
 * read, extended and written back, so two unserialised writers would each drop the other's entries.
 */
import { type AuditEntry, appendAuditEntries } from './log';
import { auditLogItem } from './storage';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Appends `entries` after every earlier append has been written; resolves once they are stored.
 * A failed write (storage full, say) rejects this call only; later appends still run.
 */
export function appendAudit(entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  const next = queue.then(async () => {
    const log = await auditLogItem.getValue();
    await auditLogItem.setValue(appendAuditEntries(log, entries));
  });
  queue = next.catch(() => {});
  return next;
}
