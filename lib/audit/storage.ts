/**
 * The audit log's storage item (local: kept across browser restarts). Declared here rather than
 * in `lib/storage.ts` so the audit feature owns it; nothing else calls `browser.storage` for it.
 */
import { storage } from 'wxt/utils/storage';
import type { AuditEntry } from './log';

/** Oldest first; trimmed with `appendAuditEntries`. */
export const auditLogItem = storage.defineItem<AuditEntry[]>('local:auditLog', { fallback: [], version: 1 });
