/**
 * Seat hygiene's bulk clean-up of stale invites, run by the bulk-invite job engine
 * (lib/invite/job): one unit per pending invite, cancelled with one `deleteInvite` [SDK
 * DeleteInvite, API.md §2.2(c)] — saved as `sending` before the request, settled after a lost
 * answer by re-reading the team's pending invites, never by sending twice. In a job of kind
 * `cancel-invites` the engine's `invited` state means "W&B no longer lists the invite".
 *
 * Its dry run and results files carry the invite's org, team and dates, like bulk invite's.
 */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import { CANCELLED, type InviteJob, type InviteUnit } from '../invite/job/model';
import type { HygieneInvite } from './lists';

/** A stale invite to cancel (`id` null: W&B gave no id, so it cannot be cancelled from here). */
export type CancelTarget = HygieneInvite;

export const NO_INVITE_ID =
  "W&B gave no id for this invite, so the toolkit cannot cancel it: cancel it on the team's page.";

/** The dry run: what a confirmation would do with each invite. */
export function cancelPlan(
  invites: readonly CancelTarget[],
): { invite: CancelTarget; status: 'cancel' | 'cannot'; reason: string }[] {
  return invites.map((invite) =>
    invite.id
      ? {
          invite,
          status: 'cancel',
          reason: `Cancel the invite to ${invite.team}, pending ${invite.days} days (deleteInvite).`,
        }
      : { invite, status: 'cannot', reason: NO_INVITE_ID },
  );
}

export const CANCEL_DRY_RUN_HEADER = [
  'email',
  'team',
  'invited_at',
  'days_pending',
  'invite_id',
  'status',
  'reason',
] as const;

/** The dry run as CSV chunks, every cell neutralised. */
export function cancelDryRunCsvChunks(
  invites: readonly CancelTarget[],
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const { invite, status, reason } of cancelPlan(invites))
      yield [
        invite.email,
        invite.team,
        invite.invitedAt,
        String(invite.days),
        invite.id ?? '',
        status,
        reason,
      ].map(neutraliseFormula);
  }
  return csvChunks(CANCEL_DRY_RUN_HEADER, records(), options);
}

/** A cancellation job: a queued unit per invite with an id, a skipped one (saying why) for the rest. */
export function createCancelJob(
  invites: readonly CancelTarget[],
  options: { id: string; org: string; now: number; concurrency?: number },
): InviteJob {
  const at = new Date(options.now).toISOString();
  const units: InviteUnit[] = invites.map((invite, index) => ({
    key: `${index}:${invite.id ?? ''}`,
    row: index + 2,
    email: invite.email,
    team: invite.team,
    admin: false,
    attempts: 0,
    ...(invite.id
      ? { state: 'queued' as const, inviteId: invite.id }
      : { state: 'skipped' as const, reason: NO_INVITE_ID, at }),
  }));
  const planned = units.filter((unit) => unit.state === 'queued').length;
  return {
    id: options.id,
    kind: 'cancel-invites',
    createdAt: at,
    org: options.org,
    scope: `org:${options.org}`,
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 2)),
    maxAttempts: 6,
    status: planned > 0 ? 'running' : 'done',
    planned,
    units,
  };
}

export const CANCEL_RESULTS_HEADER = ['email', 'team', 'invite_id', 'status', 'reason', 'at'] as const;

/** A unit's status in the results file: `cancelled`, `skipped`, `failed` or `not-sent`. */
export function cancelResultOf(unit: InviteUnit, job: InviteJob): [status: string, reason: string] {
  if (unit.state === 'invited') return ['cancelled', unit.reason ?? ''];
  if (unit.state === 'sending')
    return [
      'failed',
      'not confirmed: the job stopped while sending; resume it to settle whether W&B cancelled it',
    ];
  if (unit.state === 'queued') return ['not-sent', `not sent yet (job ${job.status})`];
  if (unit.state === 'skipped' && unit.reason === CANCELLED)
    return ['not-sent', 'the job was stopped before this one'];
  return [unit.state, unit.reason ?? ''];
}

/** The results as CSV chunks, one line per invite, every cell neutralised. */
export function cancelResultsCsvChunks(
  job: InviteJob,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const unit of job.units) {
      const [status, reason] = cancelResultOf(unit, job);
      yield [unit.email, unit.team, unit.inviteId ?? '', status, reason, unit.at ?? ''].map(
        neutraliseFormula,
      );
    }
  }
  return csvChunks(CANCEL_RESULTS_HEADER, records(), options);
}
