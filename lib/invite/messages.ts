/**
 * The bulk-invite dialog's (and the bar's) messages about invite jobs. Handlers:
 * lib/invite/background.ts.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl, teamName, text } from '../messaging/fields';
import type { InviteJob, InviteJobProgress, InviteJobStatus } from './job';
import type { InviteRun } from './progress';
import { DRY_RUN_STATUSES } from './statuses';

/** A bulk-invite job that is not finished yet, as the toolkit bar shows it. */
export interface ActiveInviteJob {
  id: string;
  status: InviteJobStatus;
  progress: Omit<InviteJobProgress, 'etaMs'>;
}

const inviteJobId = z.string().regex(/^invite-[a-z0-9]+-[a-z0-9]+$/);
/** A dry-run row as lib/invite/classify.ts makes it: what a job is created from. */
const classifiedRow = z
  .object({
    row: z.int().min(1),
    index: z.int().min(0),
    email: text(320),
    name: text(500),
    teams: z.array(teamName).max(50),
    teamRole: z.enum(['member', 'admin']),
    orgRole: text(128),
    status: z.enum(DRY_RUN_STATUSES),
    reason: text(2000),
    suggestion: text(128).optional(),
    sends: z.array(z.object({ team: teamName, admin: z.boolean() }).strict()).max(50),
    skippedTeams: z.array(z.object({ team: teamName, reason: text(2000) }).strict()).max(50),
    via: z.literal('scim').optional(),
  })
  .strict()
  // What classify makes: SCIM creates a new person in the teams it sends to, so never with none.
  .refine((row) => row.via !== 'scim' || (row.status === 'new' && row.sends.length > 0), {
    message: 'a row created through SCIM must be new and have a team to send to',
    path: ['via'],
  });
const toolkit = ['toolkit-frame'] as const;

export const inviteMessages = {
  inviteStart: message<{ jobId: string }>()({
    doc: 'The bulk-invite dialog starts a job for its confirmed dry run…',
    schema: z
      .object({
        pageUrl,
        rows: z.array(classifiedRow).min(1).max(10_000),
        /** Invites in flight at once (default 4). */
        concurrency: z.int().min(1).max(16).optional(),
      })
      .strict(),
    senders: toolkit,
  }),
  inviteStatus: message<InviteJob>()({
    doc: '…polls the job…',
    schema: z.object({ pageUrl, inviteJobId }).strict(),
    senders: toolkit,
  }),
  inviteLatest: message<InviteJob | null>()({
    doc: "…finds the org's latest job (to reopen one after the tab was closed)…",
    schema: z.object({ pageUrl }).strict(),
    senders: toolkit,
  }),
  inviteActive: message<ActiveInviteJob | null>()({
    doc: "…the newest job of the page's org while it is not finished, as counts only (for the bar)…",
    schema: z.object({ pageUrl }).strict(),
    senders: toolkit,
  }),
  inviteRuns: message<InviteRun[]>()({
    doc: "…reads the counts of every job on the page's host (a frame without storage.session: Firefox)…",
    schema: z.object({ pageUrl }).strict(),
    senders: toolkit,
  }),
  inviteControl: message<{ done: true }>()({
    doc: '…and pauses, resumes, cancels it, retries its failed rows, or sends what a cancel left unsent.',
    schema: z
      .object({
        pageUrl,
        inviteJobId,
        action: z.enum(['pause', 'resume', 'cancel', 'retry-failed', 'send-rest']),
      })
      .strict(),
    senders: toolkit,
  }),
};
