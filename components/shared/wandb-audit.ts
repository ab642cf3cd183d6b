/**
 * W&B's audit logs as the toolkit frame reads them: one `wandbAuditWindow` message per window (the
 * background reads it with the admin key, following W&B's cursor), so the dialog can show progress
 * and stop at the first refusal, whose message carries W&B's own words.
 */
import { sendMessage } from '@/lib/messaging/protocol';
import {
  type ActorActivity,
  type AuditWindow,
  type AuditWindowMeta,
  auditWindows,
  coversAskedDays,
  describeAuditRead,
  readAuditLogs,
  type WandbAuditEntry,
} from '@/lib/wandb/audit-windows';

async function readWindow<S extends 'entries' | 'latest'>(pageUrl: string, window: AuditWindow, summary: S) {
  const reply = await sendMessage('wandbAuditWindow', {
    pageUrl,
    startDate: window.startDate,
    numDays: window.numDays,
    summary,
  });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}

/** One window's newest entry per actor (Seat hygiene). */
export async function readWindowLatest(
  pageUrl: string,
  window: AuditWindow,
): Promise<AuditWindowMeta & { latest: ActorActivity[] }> {
  const data = await readWindow(pageUrl, window, 'latest');
  if (data.summary !== 'latest')
    throw new Error('The background answered with entries, not each actor’s latest.');
  return data;
}

/** What the Audit log shows of W&B's own log: every entry of the days read, and which days they were. */
export interface WandbAuditRead {
  entries: WandbAuditEntry[];
  /** "W&B audit logs, 2026-11-05 – 2026-12-04, 5 windows" */
  read: string;
  covered: boolean;
}

/** Every entry of today and the `days` before it, window by window, with progress (done, total). */
export async function readWandbAuditEntries(
  pageUrl: string,
  days: number,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<WandbAuditRead> {
  const windows = auditWindows(days, new Date());
  onProgress(0, windows.length);
  const read = await readAuditLogs({
    windows,
    signal,
    onProgress: ({ done, total }) => onProgress(done, total),
    readWindow: async (window) => {
      const data = await readWindow(pageUrl, window, 'entries');
      if (data.summary !== 'entries') throw new Error('The background answered without the entries.');
      return data;
    },
  });
  return {
    entries: read.flatMap((window) => window.entries),
    read: describeAuditRead(read),
    covered: coversAskedDays(read, new Date()),
  };
}
