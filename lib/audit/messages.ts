/**
 * Audit log: its message, declared once (schema, allowed senders, reply type). Handler:
 * lib/audit/background.ts. Run `npm run docs` after changing this table.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl } from '../messaging/fields';
import type { AuditStore } from './log';

/** The stored log as the dialog gets it, with the cap and the page it was opened on. */
export interface AuditLogReply extends AuditStore {
  /** The size cap (MAX_AUDIT_ENTRIES), for the dropped-entries notice. */
  max: number;
  /** The organization and host of the page the dialog was opened on (its default view and file name). */
  page: { org: string; host: string };
}

export const auditMessages = {
  auditEntries: message<AuditLogReply>()({
    doc: 'The Audit log dialog reads the log kept on this device (every change the toolkit made, with what the size cap dropped).',
    schema: z.object({ pageUrl }).strict(),
    senders: ['toolkit-frame'],
  }),
};
