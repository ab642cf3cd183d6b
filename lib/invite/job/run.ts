/**
 * Running a bulk-invite job (./model.ts): units sent by `concurrency` workers, each saved as
 * `sending` before its request leaves and again with the answer; retries with backoff, a pause
 * for Retry-After and pacing after a 429 (./pacer.ts); in-flight units settled by re-reading W&B.
 */
import { reportFailure } from '@/lib/report';
import { isWandbError, type WandbError } from '@/lib/wandb/errors';
import { isRetryable, retryDelayMs } from '@/lib/wandb/graphql';
import { CANCELLED, cancelInviteJob, cloneJob, type InviteJob, type InviteUnit, isFinal } from './model';
import { RatePacer } from './pacer';

/**
 * True for W&B's answer that the person is already a member of, or invited to, the team — or, for
 * a cancellation, that the invite is no longer pending (`NO_LONGER_PENDING`).
 */
export function isAlreadyAnswer(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /already (been )?(a )?(member|invited|pending|in (the |this )?team|exists|on (the |this )?team)|user is already|has already been invited|invite already exists|no longer lists this invite as pending/i.test(
    text,
  );
}

/** How a cancellation's transport words W&B's "nothing to cancel" (an "already" answer above). */
export const NO_LONGER_PENDING =
  'W&B no longer lists this invite as pending (accepted or cancelled meanwhile): nothing to cancel.';

/** What W&B shows for a sent unit: the invite's id (a SCIM unit: the user's id), and a note when something was left undone. */
export interface Sent {
  inviteId: string;
  note?: string;
}

/** The unit marked `invited` with what W&B showed for it. */
function markInvited(unit: InviteUnit, sent: Sent, at: string): void {
  unit.state = 'invited';
  unit.inviteId = sent.inviteId;
  unit.at = at;
  if (sent.note !== undefined) unit.reason = sent.note;
  delete unit.uncertain;
}

export interface InviteJobDeps {
  /** Persist the job (called with a copy); a rejection stops the run (the stored copy stays consistent). */
  save(job: InviteJob): Promise<void>;
  /**
   * Send one unit (`createInvite`, or a SCIM creation for a `via: 'scim'` unit); throws a
   * WandbError on failure. `note`: what the admin should know about a sent unit (a role W&B did
   * not take), kept as its reason.
   */
  send(unit: InviteUnit): Promise<Sent>;
  /** Re-read W&B: the pending invite (or membership, or SCIM user) of the unit's email in its team; null when none. */
  findPendingInvite(unit: InviteUnit): Promise<Sent | null>;
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
    if (found) markInvited(unit, found, new Date(deps.now()).toISOString());
    else {
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

/** One run's shared state: the job being run and what its workers need between them. */
interface Run {
  state: InviteJob;
  deps: InviteJobDeps;
  baseMs: number;
  maxMs: number;
  /** Saves are chained, so each stored copy is newer than the one before. */
  saving: Promise<void>;
  saveError: unknown;
  /** No unit starts before this (a 429's Retry-After). */
  holdUntil: number;
  stopping: boolean;
  /** Request starts are spaced to the rate W&B allows once it has answered 429 (see RatePacer). */
  pacer: RatePacer;
}

const aborted = (run: Run) => run.deps.signal?.aborted === true;

/**
 * Saves the job as it is when the save's turn comes (never older than when it was asked for), so
 * saves asked for while one is being written collapse into fewer distinct states: each unit
 * settled meanwhile is written, and audited, in one go rather than one write after another.
 */
async function save(run: Run): Promise<void> {
  run.saving = run.saving.then(() => run.deps.save(cloneJob(run.state)));
  try {
    await run.saving;
  } catch (error) {
    run.saveError ??= error;
    run.stopping = true;
    throw error;
  }
  run.deps.onChange?.(cloneJob(run.state));
}

/** Applies a pause or cancel the admin asked for; true when the job is no longer running. */
async function applyRequest(run: Run): Promise<boolean> {
  const { state, deps } = run;
  const request = deps.requested?.() ?? null;
  if (request === null || state.status !== 'running') return state.status !== 'running';
  if (request === 'pause') state.status = 'paused';
  else {
    const cancelled = cancelInviteJob(state, deps.now());
    state.units = cancelled.units;
    state.status = 'cancelled';
  }
  await save(run);
  return true;
}

/** The next unit to send now; `wait` when queued units must wait (retry time or hold); null when none is queued. */
function nextUnit(run: Run): InviteUnit | 'wait' | null {
  let waiting = false;
  const now = run.deps.now();
  for (const unit of run.state.units) {
    if (unit.state !== 'queued') continue;
    if ((unit.nextAttemptAt ?? 0) <= now && run.holdUntil <= now) return unit;
    waiting = true;
  }
  return waiting ? 'wait' : null;
}

function waitTime(run: Run): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const unit of run.state.units)
    if (unit.state === 'queued') earliest = Math.min(earliest, unit.nextAttemptAt ?? 0);
  return Math.max(1, Math.max(earliest, run.holdUntil) - run.deps.now());
}

/** A unit whose request failed: skipped (already there), queued again (sign-in, retry), or failed. */
async function settleFailure(run: Run, unit: InviteUnit, error: unknown): Promise<void> {
  const { state, deps } = run;
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
    if (ours) markInvited(unit, ours, at());
    else {
      unit.state = 'skipped';
      unit.reason = reasonOf(error);
      unit.at = at();
      delete unit.uncertain;
    }
    return;
  }
  if (isWandbError(error, 'not-signed-in')) {
    // W&B refused before doing anything: the unit was not invited, so it simply waits.
    unit.state = 'queued';
    unit.attempts = Math.max(0, unit.attempts - 1);
    state.status = 'paused-signed-out';
    state.message = 'Sign in to W&B again, then resume the job.';
    run.stopping = true;
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
    const delay = retryDelayMs(error, unit.attempts, {
      baseMs: run.baseMs,
      maxMs: run.maxMs,
      random: deps.random,
    });
    unit.state = 'queued';
    unit.nextAttemptAt = deps.now() + delay;
    if (error.kind === 'rate-limited')
      run.holdUntil = Math.max(run.holdUntil, deps.now() + (error.retryAfterMs ?? delay));
    return;
  }
  unit.state = 'failed';
  unit.reason = reasonOf(error);
  unit.at = at();
}

/**
 * Sends one unit: saved as `sending` first, then with W&B's answer. Returns false when the run
 * was aborted meanwhile (the unit then stays `sending` in storage and is settled on resume).
 */
async function sendUnit(run: Run, unit: InviteUnit): Promise<boolean> {
  const { deps, pacer } = run;
  unit.state = 'sending';
  unit.attempts++;
  delete unit.nextAttemptAt;
  await save(run);
  if (aborted(run)) return false;
  let answer: Sent | null = null;
  let failure: unknown = null;
  const startedAt = deps.now();
  try {
    answer = await deps.send({ ...unit });
  } catch (error) {
    failure = error;
  }
  if (isWandbError(failure, 'rate-limited')) pacer.limitedAt(startedAt, deps.now());
  else pacer.allowedAt(startedAt);
  if (aborted(run)) return false;
  if (answer) markInvited(unit, answer, new Date(deps.now()).toISOString());
  else {
    await settleFailure(run, unit, failure);
  }
  await save(run);
  return true;
}

/** Sleeps; false when the run was aborted meanwhile. */
async function sleep(run: Run, ms: number): Promise<boolean> {
  try {
    await run.deps.sleep(ms, run.deps.signal);
    return true;
  } catch {
    return false;
  }
}

/** One of the run's workers: takes queued units until none is left or the run stops. */
async function worker(run: Run): Promise<void> {
  while (!run.stopping && !aborted(run)) {
    if (await applyRequest(run)) return;
    let unit = nextUnit(run);
    if (unit === null) return;
    if (unit !== 'wait') {
      const paceMs = run.pacer.reserve(run.deps.now());
      if (paceMs > 0) {
        if (!(await sleep(run, paceMs))) return;
        if (run.stopping || aborted(run) || (await applyRequest(run))) return;
        // Another worker may have taken that unit meanwhile.
        unit = nextUnit(run);
        if (unit === null) return;
      }
    }
    if (unit === 'wait') {
      if (!(await sleep(run, waitTime(run)))) return;
      continue;
    }
    if (!(await sendUnit(run, unit))) return;
  }
}

/**
 * Runs a `running` job until every unit is final, the admin pauses or cancels, W&B asks to sign
 * in again, or `signal` aborts. Resolves with the job as last saved. A job with `sending` units
 * must go through `resumeInviteJob` first (this refuses to touch them).
 */
export async function runInviteJob(job: InviteJob, deps: InviteJobDeps): Promise<InviteJob> {
  const state = cloneJob(job);
  if (state.status !== 'running') return state;
  const run: Run = {
    state,
    deps,
    baseMs: deps.backoff?.baseMs ?? 500,
    maxMs: deps.backoff?.maxMs ?? 30_000,
    saving: Promise.resolve(),
    saveError: null,
    holdUntil: 0,
    stopping: false,
    pacer: new RatePacer(),
  };
  state.run = {
    startedAt: deps.now(),
    finishedAtStart: state.units.filter((unit) => isFinal(unit.state)).length,
  };
  await save(run);
  const workers = Array.from({ length: state.concurrency }, () =>
    worker(run).catch((error) => {
      run.saveError ??= error;
      run.stopping = true;
    }),
  );
  await Promise.all(workers);
  if (run.saveError !== null) throw run.saveError;
  if (aborted(run)) return cloneJob(state);
  if (state.status === 'running' && state.units.every((unit) => isFinal(unit.state))) {
    state.status = 'done';
    await save(run);
  }
  return cloneJob(state);
}
