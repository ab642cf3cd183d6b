/**
 * The bulk-invite job (this folder: model.ts, run.ts, progress.ts, results.ts, pacer.ts): a persistent state machine, pure of browser APIs (storage, the sender,
 * the clock and timers are injected). Its promise to the admin: NOTHING LOST, NOTHING SENT
 * TWICE. Every unit (one row × one team) is saved as `sending` before its request leaves and
 * saved again with the answer; a unit found in `sending` after a restart is settled by re-reading
 * W&B's pending invites, never by sending again. Every unit ends in exactly one of `invited`,
 * `skipped` or `failed`.
 */
import type { ClassifiedRow } from '../classify';

export type InviteUnitState = 'queued' | 'sending' | 'invited' | 'skipped' | 'failed';
export type InviteJobStatus = 'running' | 'paused' | 'paused-signed-out' | 'cancelled' | 'done';

/** One invite of the job: a row of the input and one of its teams. */
export interface InviteUnit {
  /** Unique in the job: `<record index>:<team>`. */
  key: string;
  /** The input line (header = 1). */
  row: number;
  email: string;
  /** `''` for a row that names no usable team (skipped from the start). */
  team: string;
  admin: boolean;
  state: InviteUnitState;
  /** Why it was skipped or failed; for an invited unit, a note (e.g. an org role to set by hand). */
  reason?: string;
  inviteId?: string;
  /** Requests sent for this unit. */
  attempts: number;
  /** Not before this time (ms since epoch) when waiting to retry. */
  nextAttemptAt?: number;
  /** When it reached its final state (ISO 8601). */
  at?: string;
  /** The last request may have reached W&B without an answer reaching us (network, timeout, 5xx). */
  uncertain?: boolean;
  /**
   * `scim`: one unit for the whole row, created through SCIM with the admin key (`POST
   * /scim/Users` with `teams`, then `orgRole` and, for a team admin, the team roles); `team` then
   * lists the teams joined by `; ` and `inviteId` is the SCIM user id. Absent: one team invite.
   */
  via?: 'scim';
  /** For a `scim` unit: the teams it joins. */
  teams?: string[];
  /** For a `scim` unit: the org role it gives. */
  orgRole?: string;
}

export interface InviteJob {
  id: string;
  /**
   * `cancel-invites`: Seat hygiene's bulk cancellation (lib/hygiene/cancel-job.ts): each unit is
   * one pending invite to cancel with `deleteInvite` (its `inviteId`), and `invited` means W&B no
   * longer lists it. Absent: a bulk invite.
   */
  kind?: 'cancel-invites';
  /** ISO 8601. */
  createdAt: string;
  org: string;
  /** What the dialog was opened on, e.g. `org:acme` or `team:vision`. */
  scope: string;
  concurrency: number;
  /** Requests per unit before it fails. */
  maxAttempts: number;
  status: InviteJobStatus;
  /** Why the job is paused (e.g. "Sign in to W&B again"); absent otherwise. */
  message?: string;
  units: InviteUnit[];
  /**
   * Units queued to send when the job was created (the rest were skipped by the dry run): what the
   * progress bar counts. Absent in jobs stored before it was kept (then: every unit).
   */
  planned?: number;
  /** When the current run started and how many units were final then (for the ETA). */
  run?: { startedAt: number; finishedAtStart: number };
}

export interface CreateInviteJobOptions {
  id: string;
  org: string;
  scope: string;
  now: number;
  /** Requests in flight at once (default 4, at least 1). */
  concurrency?: number;
  /** Default 6. */
  maxAttempts?: number;
}

/** Final states. */
export function isFinal(state: InviteUnitState): boolean {
  return state === 'invited' || state === 'skipped' || state === 'failed';
}

function orgRoleNote(row: ClassifiedRow): string | undefined {
  return row.orgRole === 'member'
    ? undefined
    : `org role ${row.orgRole} not applied: set on the Members page (or with the admin key)`;
}

/**
 * A job for the dry run's rows: a queued unit per team to send, and a skipped unit (with the
 * dry-run reason) for every team not sent and every row with nothing to send, so the results
 * file accounts for every row of the input.
 */
export function createInviteJob(rows: readonly ClassifiedRow[], options: CreateInviteJobOptions): InviteJob {
  const at = new Date(options.now).toISOString();
  const units: InviteUnit[] = [];
  for (const row of rows) {
    const admin = row.teamRole === 'admin';
    const note = orgRoleNote(row);
    // A row goes through SCIM only with teams to send to (classify's withSends): one unit creates the person.
    if (row.via === 'scim')
      units.push({
        key: `${row.index}:scim`,
        row: row.row,
        email: row.email,
        team: row.sends.map((send) => send.team).join('; '),
        teams: row.sends.map((send) => send.team),
        admin,
        orgRole: row.orgRole,
        via: 'scim',
        state: 'queued',
        attempts: 0,
      });
    else
      for (const send of row.sends)
        units.push({
          key: `${row.index}:${send.team}`,
          row: row.row,
          email: row.email,
          team: send.team,
          admin: send.admin,
          state: 'queued',
          attempts: 0,
          reason: note,
        });
    if (row.sends.length > 0)
      for (const skipped of row.skippedTeams)
        units.push({
          key: `${row.index}:${skipped.team}`,
          row: row.row,
          email: row.email,
          team: skipped.team,
          admin,
          state: 'skipped',
          reason: skipped.reason,
          attempts: 0,
          at,
        });
    else
      units.push({
        key: `${row.index}:`,
        row: row.row,
        email: row.email,
        team: row.teams.join('; '),
        admin,
        state: 'skipped',
        reason: row.reason,
        attempts: 0,
        at,
      });
  }
  units.sort((a, b) => a.row - b.row);
  return {
    id: options.id,
    createdAt: at,
    org: options.org,
    scope: options.scope,
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 4)),
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 6)),
    status: units.some((unit) => unit.state === 'queued') ? 'running' : 'done',
    planned: units.filter((unit) => unit.state === 'queued').length,
    units,
  };
}

/** A deep copy (what is handed to `save`, so later changes never reach a saved copy). */
export function cloneJob(job: InviteJob): InviteJob {
  return {
    ...job,
    units: job.units.map((unit) => ({ ...unit, ...(unit.teams ? { teams: [...unit.teams] } : {}) })),
    ...(job.run ? { run: { ...job.run } } : {}),
  };
}

/** The job paused (nothing changes but the status); in-flight sends of a running job finish first. */
export function pauseInviteJob(job: InviteJob): InviteJob {
  if (job.status !== 'running') return job;
  return { ...cloneJob(job), status: 'paused' };
}

/** The reason of a unit skipped because the admin cancelled the job before it was sent. */
export const CANCELLED = 'cancelled';

/** The job cancelled: queued units become `skipped: cancelled`; `sending` units must still be settled (see `settleSendingUnits`). */
export function cancelInviteJob(job: InviteJob, now: number): InviteJob {
  const next = cloneJob(job);
  const at = new Date(now).toISOString();
  for (const unit of next.units)
    if (unit.state === 'queued') {
      unit.state = 'skipped';
      unit.reason = CANCELLED;
      unit.at = at;
      delete unit.nextAttemptAt;
    }
  next.status = 'cancelled';
  delete next.message;
  return next;
}

/** The units `which` picks queued again (attempts reset, reason and times cleared); the job runs again when any were picked. */
function requeue(job: InviteJob, which: (unit: InviteUnit) => boolean): InviteJob {
  const next = cloneJob(job);
  let any = false;
  for (const unit of next.units)
    if (which(unit)) {
      any = true;
      unit.state = 'queued';
      unit.attempts = 0;
      delete unit.reason;
      delete unit.at;
      delete unit.nextAttemptAt;
    }
  if (any) {
    next.status = 'running';
    delete next.message;
  }
  return next;
}

/** Failed units queued again (attempts reset); the job runs again when any were failed. */
export function retryFailed(job: InviteJob): InviteJob {
  return requeue(job, (unit) => unit.state === 'failed');
}

/**
 * After a cancel, the units it left unsent (skipped as `cancelled`: never sent, or found absent at
 * W&B when their in-flight send was settled) queued again, and the job running; nothing W&B
 * has, and nothing the dry run skipped, is touched. A unit keeps `uncertain` (a retry was pending
 * after an answer that may have hidden a created invite), so W&B's "already invited" is then
 * looked up as ours, not reported as skipped.
 */
export function sendRest(job: InviteJob): InviteJob {
  return requeue(job, (unit) => unit.state === 'skipped' && unit.reason === CANCELLED);
}
