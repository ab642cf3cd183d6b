/**
 * The bulk-invite job: a persistent state machine, pure of browser APIs (storage, the sender,
 * the clock and timers are injected). Its promise to the admin: NOTHING LOST, NOTHING SENT
 * TWICE. Every unit (one row × one team) is saved as `sending` before its request leaves and
 * saved again with the answer; a unit found in `sending` after a restart is settled by re-reading
 * W&B's pending invites, never by sending again. Every unit ends in exactly one of `invited`,
 * `skipped` or `failed`.
 */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import type { ClassifiedRow } from '../invite/classify';
import { reportFailure } from '../report';
import { isWandbError, type WandbError } from '../wandb/errors';
import { isRetryable, retryDelayMs } from '../wandb/graphql';
import { RatePacer } from './pacer';

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
}

export interface InviteJob {
  id: string;
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
    for (const send of row.sends)
      units.push({
        key: `${row.index}:${send.team}`,
        row: row.row,
        email: row.email,
        team: send.team,
        admin: send.admin,
        state: 'queued',
        attempts: 0,
        ...(note === undefined ? {} : { reason: note }),
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
    units: job.units.map((unit) => ({ ...unit })),
    ...(job.run ? { run: { ...job.run } } : {}),
  };
}

/** True for W&B's answer that the person is already a member of, or invited to, the team. */
export function isAlreadyAnswer(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /already (been )?(a )?(member|invited|pending|in (the |this )?team|exists|on (the |this )?team)|user is already|has already been invited|invite already exists/i.test(
    text,
  );
}

export interface InviteJobDeps {
  /** Persist the job (called with a copy); a rejection stops the run (the stored copy stays consistent). */
  save(job: InviteJob): Promise<void>;
  /** Send one `createInvite`; throws a WandbError on failure. */
  send(unit: InviteUnit): Promise<{ inviteId: string }>;
  /** Re-read W&B: the pending invite (or membership) of the unit's email in its team; null when none. */
  findPendingInvite(unit: InviteUnit): Promise<{ inviteId: string } | null>;
  now(): number;
  /** Waits; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
  /** Aborting stops the run at once: in-flight units stay `sending` and are settled on resume. */
  signal?: AbortSignal;
  /** Polled before each unit: a pause or cancel asked for by the admin (in-flight sends finish first). */
  requested?(): 'pause' | 'cancel' | null;
  /** Told after every saved change (for the progress bar). */
  onChange?(job: InviteJob): void;
  /** Backoff: first retry waits up to `baseMs` (default 500), never more than `maxMs` (default 30 s) unless Retry-After says so. */
  backoff?: { baseMs?: number; maxMs?: number };
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

/** Failed units queued again (attempts reset); the job runs again when any were failed. */
export function retryFailed(job: InviteJob): InviteJob {
  const next = cloneJob(job);
  let any = false;
  for (const unit of next.units)
    if (unit.state === 'failed') {
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

/**
 * Every `sending` unit settled by asking W&B: `invited` when the invite (or membership) is
 * there, `queued` again when not. Saves after each settled unit. A failing look-up leaves the
 * unit `sending` and rejects: it is never re-sent blindly.
 */
export async function settleSendingUnits(
  job: InviteJob,
  deps: Pick<InviteJobDeps, 'save' | 'findPendingInvite' | 'now'>,
): Promise<InviteJob> {
  const next = cloneJob(job);
  for (const unit of next.units) {
    if (unit.state !== 'sending') continue;
    const found = await deps.findPendingInvite({ ...unit });
    if (found) {
      unit.state = 'invited';
      unit.inviteId = found.inviteId;
      unit.at = new Date(deps.now()).toISOString();
      delete unit.uncertain;
    } else {
      unit.state = next.status === 'cancelled' ? 'skipped' : 'queued';
      if (unit.state === 'skipped') {
        unit.reason = CANCELLED;
        unit.at = new Date(deps.now()).toISOString();
      }
      delete unit.uncertain;
    }
    await deps.save(cloneJob(next));
  }
  return next;
}

/** Settles in-flight units, then marks the job running again (from paused, signed out, or a crash). Call `runInviteJob` next. */
export async function resumeInviteJob(
  job: InviteJob,
  deps: Pick<InviteJobDeps, 'save' | 'findPendingInvite' | 'now'>,
): Promise<InviteJob> {
  const settled = await settleSendingUnits(job, deps);
  if (settled.status === 'cancelled' || settled.status === 'done') return settled;
  settled.status = settled.units.some((unit) => !isFinal(unit.state)) ? 'running' : 'done';
  delete settled.message;
  await deps.save(cloneJob(settled));
  return settled;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether the request may have reached W&B although no answer came back. */
function mayHaveArrived(error: WandbError): boolean {
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server';
}

/**
 * Runs a `running` job until every unit is final, the admin pauses or cancels, W&B asks to sign
 * in again, or `signal` aborts. Resolves with the job as last saved. A job with `sending` units
 * must go through `resumeInviteJob` first (this refuses to touch them).
 */
export async function runInviteJob(job: InviteJob, deps: InviteJobDeps): Promise<InviteJob> {
  const state = cloneJob(job);
  if (state.status !== 'running') return state;
  const baseMs = deps.backoff?.baseMs ?? 500;
  const maxMs = deps.backoff?.maxMs ?? 30_000;
  let saving: Promise<void> = Promise.resolve();
  let saveError: unknown = null;
  let holdUntil = 0;
  let stopping = false;
  // Request starts are spaced to the rate W&B allows once it has answered 429 (see RatePacer).
  const pacer = new RatePacer();

  const save = async (): Promise<void> => {
    const copy = cloneJob(state);
    saving = saving.then(() => deps.save(copy));
    try {
      await saving;
    } catch (error) {
      saveError ??= error;
      stopping = true;
      throw error;
    }
    deps.onChange?.(cloneJob(state));
  };

  state.run = {
    startedAt: deps.now(),
    finishedAtStart: state.units.filter((unit) => isFinal(unit.state)).length,
  };
  await save();

  const aborted = () => deps.signal?.aborted === true;

  const applyRequest = async (): Promise<boolean> => {
    const request = deps.requested?.() ?? null;
    if (request === null || state.status !== 'running') return state.status !== 'running';
    if (request === 'pause') state.status = 'paused';
    else {
      const cancelled = cancelInviteJob(state, deps.now());
      state.units = cancelled.units;
      state.status = 'cancelled';
    }
    await save();
    return true;
  };

  const nextUnit = (): InviteUnit | 'wait' | null => {
    let waiting = false;
    const now = deps.now();
    for (const unit of state.units) {
      if (unit.state !== 'queued') continue;
      if ((unit.nextAttemptAt ?? 0) <= now && holdUntil <= now) return unit;
      waiting = true;
    }
    return waiting ? 'wait' : null;
  };

  const waitTime = (): number => {
    let earliest = Number.POSITIVE_INFINITY;
    for (const unit of state.units)
      if (unit.state === 'queued') earliest = Math.min(earliest, unit.nextAttemptAt ?? 0);
    return Math.max(1, Math.max(earliest, holdUntil) - deps.now());
  };

  const settleAnswer = async (unit: InviteUnit, error: unknown): Promise<void> => {
    const at = () => new Date(deps.now()).toISOString();
    if (isAlreadyAnswer(error)) {
      // A retry after a lost answer meets our own first invite: look it up rather than call it skipped.
      // A failed look-up reads as "not found": the unit is then settled as W&B answered it.
      const ours = unit.uncertain
        ? await deps.findPendingInvite({ ...unit }).catch((lookupError) => {
            reportFailure('invite', lookupError);
            return null;
          })
        : null;
      if (ours) {
        unit.state = 'invited';
        unit.inviteId = ours.inviteId;
      } else {
        unit.state = 'skipped';
        unit.reason = reasonOf(error);
      }
      unit.at = at();
      delete unit.uncertain;
      return;
    }
    if (isWandbError(error, 'not-signed-in')) {
      // W&B refused before doing anything: the unit was not invited, so it simply waits.
      unit.state = 'queued';
      unit.attempts = Math.max(0, unit.attempts - 1);
      state.status = 'paused-signed-out';
      state.message = 'Sign in to W&B again, then resume the job.';
      stopping = true;
      return;
    }
    if (isRetryable(error)) {
      if (mayHaveArrived(error)) unit.uncertain = true;
      if (unit.attempts >= state.maxAttempts) {
        unit.state = 'failed';
        unit.reason = `${reasonOf(error)} (gave up after ${unit.attempts} attempts)`;
        unit.at = at();
        return;
      }
      const delay = retryDelayMs(error, unit.attempts, { baseMs, maxMs, random: deps.random });
      unit.state = 'queued';
      unit.nextAttemptAt = deps.now() + delay;
      if (error.kind === 'rate-limited')
        holdUntil = Math.max(holdUntil, deps.now() + (error.retryAfterMs ?? delay));
      return;
    }
    unit.state = 'failed';
    unit.reason = reasonOf(error);
    unit.at = at();
  };

  const worker = async (): Promise<void> => {
    while (!stopping && !aborted()) {
      if (await applyRequest()) return;
      let unit = nextUnit();
      if (unit === null) return;
      if (unit !== 'wait') {
        const paceMs = pacer.reserve(deps.now());
        if (paceMs > 0) {
          try {
            await deps.sleep(paceMs, deps.signal);
          } catch {
            return;
          }
          if (stopping || aborted() || (await applyRequest())) return;
          // Another worker may have taken that unit meanwhile.
          unit = nextUnit();
          if (unit === null) return;
        }
      }
      if (unit === 'wait') {
        try {
          await deps.sleep(waitTime(), deps.signal);
        } catch {
          return;
        }
        continue;
      }
      unit.state = 'sending';
      unit.attempts++;
      delete unit.nextAttemptAt;
      await save();
      if (aborted()) return;
      let answer: { inviteId: string } | null = null;
      let failure: unknown = null;
      const startedAt = deps.now();
      try {
        answer = await deps.send({ ...unit });
      } catch (error) {
        failure = error;
      }
      if (isWandbError(failure, 'rate-limited')) pacer.limitedAt(startedAt, deps.now());
      else pacer.allowedAt(startedAt);
      // Aborted while in flight: the unit stays `sending` in storage and is settled on resume.
      if (aborted()) return;
      if (answer) {
        unit.state = 'invited';
        unit.inviteId = answer.inviteId;
        unit.at = new Date(deps.now()).toISOString();
        delete unit.uncertain;
      } else {
        await settleAnswer(unit, failure);
      }
      await save();
    }
  };

  const workers = Array.from({ length: state.concurrency }, () =>
    worker().catch((error) => {
      saveError ??= error;
      stopping = true;
    }),
  );
  await Promise.all(workers);
  if (saveError !== null) throw saveError;
  if (aborted()) return cloneJob(state);
  if (state.status === 'running' && state.units.every((unit) => isFinal(unit.state))) {
    state.status = 'done';
    await save();
  }
  return cloneJob(state);
}

// ---- Progress and results. ----

export interface InviteJobProgress {
  total: number;
  invited: number;
  skipped: number;
  failed: number;
  /** Queued or sending. */
  left: number;
  /** Estimated time to finish from the rate since the run started; null before there is a rate or when nothing is left. */
  etaMs: number | null;
}

/** Counts per final state and what is left, with an ETA from the observed rate. */
export function jobProgress(job: InviteJob, now: number): InviteJobProgress {
  let invited = 0;
  let skipped = 0;
  let failed = 0;
  for (const unit of job.units) {
    if (unit.state === 'invited') invited++;
    else if (unit.state === 'skipped') skipped++;
    else if (unit.state === 'failed') failed++;
  }
  const total = job.units.length;
  const left = total - invited - skipped - failed;
  let etaMs: number | null = null;
  if (left > 0 && job.run && job.status === 'running') {
    const finishedSince = invited + skipped + failed - job.run.finishedAtStart;
    const elapsed = now - job.run.startedAt;
    if (finishedSince > 0 && elapsed > 0) etaMs = Math.round((elapsed / finishedSince) * left);
  }
  return { total, invited, skipped, failed, left, etaMs };
}

/** `about 20 s left`, `about 3 min left`, `about 1 h 5 min left`; `''` when unknown. */
export function formatEta(etaMs: number | null): string {
  if (etaMs === null) return '';
  const seconds = Math.max(1, Math.round(etaMs / 1000));
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** `Invited 5 · Skipped 1 · Failed 0 · Left 6 · about 20 s left` (the ETA part only when known). */
export function progressText(progress: InviteJobProgress): string {
  const parts = [
    `Invited ${progress.invited.toLocaleString('en-US')}`,
    `Skipped ${progress.skipped.toLocaleString('en-US')}`,
    `Failed ${progress.failed.toLocaleString('en-US')}`,
    `Left ${progress.left.toLocaleString('en-US')}`,
  ];
  const eta = formatEta(progress.etaMs);
  if (eta) parts.push(eta);
  return parts.join(' · ');
}

/** The results CSV header, fixed by the product brief. */
export const RESULTS_CSV_HEADER = [
  'row',
  'email',
  'team',
  'team_role',
  'status',
  'reason',
  'invite_id',
  'at',
] as const;

/** A unit's `status` and `reason` in the results file: `invited`, `skipped`, `failed` or `not-sent`. */
function resultOf(unit: InviteUnit, job: InviteJob): [status: string, reason: string] {
  if (unit.state === 'sending')
    return [
      'failed',
      'not confirmed: the job stopped while sending; resume it to settle whether W&B created the invite',
    ];
  if (unit.state === 'queued') return ['not-sent', `not sent yet (job ${job.status})`];
  if (unit.state === 'skipped' && unit.reason === CANCELLED)
    return ['not-sent', 'cancelled before it was sent'];
  return [unit.state, unit.reason ?? ''];
}

/**
 * The results as CSV chunks, one line per unit (an invite sent or not sent), every cell
 * neutralised. A unit cancelled, or not sent yet in a paused job, is `not-sent`.
 */
export function resultsCsvChunks(
  job: InviteJob,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const unit of job.units) {
      const [status, reason] = resultOf(unit, job);
      yield [
        String(unit.row),
        unit.email,
        unit.team,
        unit.admin ? 'admin' : 'member',
        status,
        reason,
        unit.inviteId ?? '',
        unit.at ?? '',
      ].map(neutraliseFormula);
    }
  }
  return csvChunks(RESULTS_CSV_HEADER, records(), options);
}
