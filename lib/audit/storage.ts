/**
 * The audit log's storage item (local: kept across browser restarts). Declared here rather than
 * in `lib/storage.ts` so the audit feature owns it; nothing else calls `browser.storage` for it.
 * Only the background imports it (the Audit log dialog reads through a message), so its migration
 * runs in one place.
 */
import { storage } from 'wxt/utils/storage';
import { type AuditStore, EMPTY_AUDIT_STORE, migrateAuditLogV1 } from './log';

/** Entries oldest first, trimmed with `appendAuditEntries`; v2 added each entry's host and the dropped count. */
export const auditLogItem = storage.defineItem<AuditStore>('local:auditLog', {
  fallback: EMPTY_AUDIT_STORE,
  version: 2,
  migrations: { 2: (value: unknown) => migrateAuditLogV1(value) as AuditStore },
});
