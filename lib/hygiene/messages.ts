/**
 * Seat hygiene's messages: its bulk clean-up of stale invites, run as a job by the background
 * (lib/hygiene/cancel-job.ts). The job is then followed with `inviteStatus` and stopped with
 * `inviteControl`, as a bulk invite is. Handlers: lib/hygiene/background.ts.
 */
import { z } from 'zod';
import type { InviteJob } from '../invite/job';
import { message } from '../messaging/define';
import { pageUrl, teamName, text } from '../messaging/fields';

const toolkit = ['toolkit-frame'] as const;

/** A stale invite as the dialog lists it, with W&B's id for it (null: none given). */
const cancelTarget = z
  .object({
    email: text(320),
    team: teamName,
    invitedAt: text(40),
    days: z.int().min(0),
    id: text(200).nullable(),
  })
  .strict();

export const hygieneMessages = {
  hygieneCancelStart: message<{ jobId: string }>()({
    doc: 'Seat hygiene starts a job cancelling the stale invites of its confirmed dry run (one deleteInvite each, exactly once)…',
    schema: z.object({ pageUrl, invites: z.array(cancelTarget).min(1).max(10_000) }).strict(),
    senders: toolkit,
  }),
  hygieneCancelLatest: message<InviteJob | null>()({
    doc: "…and finds the org's latest cancellation job, to show it again when the dialog is reopened.",
    schema: z.object({ pageUrl }).strict(),
    senders: toolkit,
  }),
};
