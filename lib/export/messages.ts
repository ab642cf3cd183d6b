/**
 * The export dialog's messages: a full member-directory load, run as a job in the background,
 * followed change by change (each status request is answered at the job's next change), fetched page by page and cancelled. Handlers: lib/export/background.ts.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl } from '../messaging/fields';
import type { Directory, DirectoryInvite, DirectoryMember, LoadProgress } from '../wandb/directory';
import type { WandbErrorData } from '../wandb/errors';

/** The directory without its two long lists, which are fetched page by page. */
export type DirectoryMeta = Omit<Directory, 'members' | 'invites'> & {
  memberCount: number;
  inviteCount: number;
};

export type DirectoryJobStatus =
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; meta: DirectoryMeta }
  | { status: 'error'; error: WandbErrorData };

const jobId = z.string().regex(/^job-[a-z0-9]+-\d+$/);
const toolkit = ['toolkit-frame'] as const;

export const exportMessages = {
  directoryLoad: message<{ jobId: string }>()({
    doc: "The export dialog starts loading the full member directory of its page's scope…",
    schema: z.object({ pageUrl, withActivity: z.boolean().default(false) }).strict(),
    senders: toolkit,
  }),
  directoryStatus: message<DirectoryJobStatus & { version: number }>()({
    doc: "…follows that load's progress (answered at its next change after the one it has seen)…",
    schema: z.object({ jobId, seen: z.int().min(0).optional() }).strict(),
    senders: toolkit,
  }),
  directoryPage: message<DirectoryMember[] | DirectoryInvite[]>()({
    doc: '…fetches the loaded lists page by page…',
    schema: z
      .object({
        jobId,
        list: z.enum(['members', 'invites']),
        offset: z.int().min(0),
        limit: z.int().min(1).max(2000),
      })
      .strict(),
    senders: toolkit,
  }),
  directoryCancel: message<{ cancelled: true }>()({
    doc: '…and cancels it (or lets it go when the dialog closes).',
    schema: z.object({ jobId }).strict(),
    senders: toolkit,
  }),
};
