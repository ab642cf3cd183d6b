/**
 * Audit log: its messages, declared once (schema, allowed senders, reply type): the log kept on
 * this device, and one window of W&B's own audit logs read with the admin key (the Audit log's
 * W&B source and Seat hygiene's last activity). Handlers: lib/audit/background.ts. Run
 * `npm run docs` after changing this table.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl } from '../messaging/fields';
import type { ActorActivity, AuditWindowMeta, WandbAuditEntry } from '../wandb/audit-windows';
import type { AuditStore } from './log';

/** The stored log as the dialog gets it, with the cap and the page it was opened on. */
export interface AuditLogReply extends AuditStore {
  /** The size cap (MAX_AUDIT_ENTRIES), for the dropped-entries notice. */
  max: number;
  /** The organization and host of the page the dialog was opened on (its default view and file name). */
  page: { org: string; host: string };
}

/** One window of W&B's audit logs: every entry, or (`latest`) each actor's newest only. */
export type WandbAuditWindowReply = AuditWindowMeta &
  ({ summary: 'entries'; entries: WandbAuditEntry[] } | { summary: 'latest'; latest: ActorActivity[] });

/** A calendar day `YYYY-MM-DD` (UTC). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value);
  }, 'a calendar date YYYY-MM-DD');

export const auditMessages = {
  auditEntries: message<AuditLogReply>()({
    doc: 'The Audit log dialog reads the log kept on this device (every change the toolkit made, with what the size cap dropped).',
    schema: z.object({ pageUrl }).strict(),
    senders: ['toolkit-frame'],
  }),
  wandbAuditWindow: message<WandbAuditWindowReply>()({
    doc: "…and, with the admin key, one window (at most 7 days) of W&B's own audit logs of the page's organization: its entries, or each actor's latest (Seat hygiene).",
    // API.md §4: startDate and numDays 0..7; nothing else of the request is the caller's to choose.
    schema: z
      .object({
        pageUrl,
        startDate: day,
        numDays: z.int().min(0).max(7),
        summary: z.enum(['entries', 'latest']),
      })
      .strict(),
    senders: ['toolkit-frame'],
  }),
};
