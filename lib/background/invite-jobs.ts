/**
 * Bulk-invite jobs in the background: each job lives in extension storage and is written before
 * and after every send (lib/jobs/invite-job.ts holds the rules), so it survives the dialog, the
 * tab, and the service worker being stopped: on start-up, and on a periodic alarm, every running
 * job is resumed, its in-flight units settled by re-reading W&B, never by sending again.
 */
import { type AuditEntry, auditHost } from '../audit/log';
import { appendAudit } from '../audit/writer';
import type { ClassifiedRow } from '../invite/classify';
import {
  cancelInviteJob,
  cloneJob,
  createInviteJob,
  type InviteJob,
  isFinal,
  pauseInviteJob,
  resumeInviteJob,
  retryFailed,
  runInviteJob,
  sendRest,
} from '../invite/job';
import { inviteRunOf } from '../invite/progress';
import { inviteRunsItem } from '../invite/progress-item';
import type { StoredInviteRun } from '../invite/runs';
import { reportFailure, settled } from '../report';
import { inviteJobsItem, type StoredInviteJob } from '../storage';
import { readInviteJobs } from '../storage-schemas';
import type { WandbClient } from '../wandb/client';
import { sleepWithSignal } from '../wandb/graphql';
import { BadRequest } from './bad-request';
import { type InviteKeyTransport, transportFor } from './invite-transport';

export const INVITE_ALARM = 'invite-jobs';

/** An identical job started this recently is refused even when it has finished (10 minutes). */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** What a job sends, in a canonical order: two jobs with the same fingerprint send the same requests. */
function sendsFingerprint(job: InviteJob): string {
  return `${job.kind ?? 'invite'}\n${job.units
    .filter((unit) => unit.team !== '')
    .map(
      (unit) =>
        `${unit.email.toLowerCase()}|${unit.team}|${unit.admin ? 'admin' : 'member'}${unit.via === 'scim' ? `|scim:${unit.orgRole}` : ''}`,
    )
    .sort()
    .join('\n')}`;
}

function isUnfinished(job: InviteJob): boolean {
  return job.status !== 'done' && job.status !== 'cancelled';
}

/** A stored job of the same org on the same host sending the same invites, unfinished or started within `DUPLICATE_WINDOW_MS`. */
function recentTwin(
  all: Record<string, StoredInviteJob>,
  appOrigin: string,
  org: string,
  fingerprint: string,
): StoredInviteJob | undefined {
  return Object.values(all).find(
    (entry) =>
      entry.appOrigin === appOrigin &&
      entry.job.org === org &&
      (isUnfinished(entry.job) || Date.now() - Date.parse(entry.job.createdAt) < DUPLICATE_WINDOW_MS) &&
      sendsFingerprint(entry.job) === fingerprint,
  );
}

export interface InviteJobsDeps {
  clientFor(appOrigin: string): Promise<WandbClient>;
  /** The admin key's SCIM transport, for rows created through SCIM (./admin-key/create-member.ts). */
  adminKey?: InviteKeyTransport;
  /** (Re)starts the periodic alarm that wakes the worker while a job runs. */
  keepAwake(on: boolean): void;
}

/** The job store's one write queue: every change to stored jobs goes through it, in order. */
type UpdateJobs = (change: (all: Record<string, StoredInviteJob>) => void) => Promise<void>;

/** A stored job; refused (`BadRequest`) when unknown, or when `tabOrigin` is given and is not the job's host. */
async function storedJob(jobId: string, tabOrigin?: string): Promise<StoredInviteJob> {
  const entry = (await readInviteJobs())[jobId];
  if (!entry || (tabOrigin !== undefined && entry.appOrigin !== tabOrigin)) {
    throw new BadRequest('That invite job is not known on this W&B host.');
  }
  return entry;
}

/** The audit entry of a settled unit: a cancellation (Seat hygiene's clean-up) or an invite. */
function auditEntryOf(job: InviteJob, unit: Unit, actor: string, appOrigin: string): AuditEntry {
  const common = {
    id: `${job.id}:${unit.key}`,
    at: unit.at ?? new Date().toISOString(),
    actor,
    host: auditHost(appOrigin),
    org: job.org,
    result: unit.state === 'invited' ? ('ok' as const) : ('error' as const),
  };
  const failed = unit.state !== 'invited' ? (unit.reason ?? unit.state) : null;
  if (job.kind === 'cancel-invites')
    return {
      ...common,
      action: 'cancel-invite',
      target: `${unit.email} → ${unit.team}`,
      detail: failed ?? `cancelled invite ${unit.inviteId ?? ''}${unit.reason ? `: ${unit.reason}` : ''}`,
    };
  return {
    ...common,
    action: 'invite',
    target: `${unit.email} → ${unit.team}${unit.admin ? ' (admin)' : ''}${unit.via === 'scim' ? ` (SCIM, org role ${unit.orgRole})` : ''}`,
    detail:
      failed ??
      (unit.via === 'scim'
        ? (unit.reason ?? `SCIM user ${unit.inviteId ?? ''}`)
        : `invite ${unit.inviteId ?? ''}`.trim()),
  };
}

type Unit = InviteJob['units'][number];

/**
 * Writes an audit entry for each unit settled after an attempt and not in `before`, which it
 * extends once the entries are stored (a failed write leaves them to the next call).
 */
async function auditSettledUnits(
  job: InviteJob,
  before: Set<string>,
  { actor, appOrigin }: Pick<StoredInviteJob, 'actor' | 'appOrigin'>,
): Promise<void> {
  const entries: AuditEntry[] = [];
  const settledNow: string[] = [];
  for (const unit of job.units) {
    if (before.has(unit.key) || !isFinal(unit.state) || unit.attempts === 0) continue;
    settledNow.push(unit.key);
    entries.push(auditEntryOf(job, unit, actor, appOrigin));
  }
  await appendAudit(entries);
  for (const key of settledNow) before.add(key);
}

/**
 * Runs one stored job until it is final, paused or signed out: settles in-flight units first,
 * sends the rest, honours a pause or cancel asked meanwhile (`requests`), audits what settled.
 */
async function runStoredJob(
  jobId: string,
  entry: StoredInviteJob,
  client: WandbClient,
  keys: InviteKeyTransport | undefined,
  update: UpdateJobs,
  requests: Map<string, 'pause' | 'cancel'>,
): Promise<void> {
  const alreadyFinal = new Set(entry.job.units.filter((u) => isFinal(u.state)).map((u) => u.key));
  // A unit's result is audited before the save that shows it (the dialog, the bar and the results
  // file all read the saved job): the admin never sees a change the log does not hold.
  const save = async (job: InviteJob) => {
    await auditSettledUnits(job, alreadyFinal, entry);
    await update((all) => {
      const current = all[jobId];
      if (current) all[jobId] = { ...current, job };
    });
  };
  const { send, findPendingInvite } = transportFor(client, keys, {
    appOrigin: entry.appOrigin,
    org: entry.job.org,
    ...(entry.job.kind ? { kind: entry.job.kind } : {}),
  });
  let job = entry.job;
  if (job.status === 'running' && job.units.some((u) => u.state === 'sending')) {
    job = await resumeInviteJob(job, { save, findPendingInvite, now: Date.now });
  }
  job = await runInviteJob(job, {
    save,
    send,
    findPendingInvite,
    now: Date.now,
    sleep: sleepWithSignal,
    random: Math.random,
    requested: () => requests.get(jobId) ?? null,
  });
  const request = requests.get(jobId);
  requests.delete(jobId);
  if (request === 'cancel' && job.status !== 'done') {
    const cancelled = await resumeInviteJob(cancelInviteJob(job, Date.now()), {
      save,
      findPendingInvite,
      now: Date.now,
    });
    await save(cancelled);
    job = cancelled;
  }
  await auditSettledUnits(job, alreadyFinal, entry);
}

/** Refuses (`BadRequest`) a job with SCIM rows when the admin key no longer works for the host: nothing is sent. */
async function refuseScimWithoutKey(
  keys: InviteKeyTransport | undefined,
  appOrigin: string,
  job: InviteJob,
): Promise<void> {
  if (!job.units.some((unit) => unit.via === 'scim')) return;
  if ((await keys?.keyStatusFor(appOrigin)) === 'admin') return;
  throw new BadRequest(
    `Some rows are to be created through SCIM, but the admin key no longer works for ${new URL(appOrigin).host}. Nothing was sent: test the key in the toolkit options, then run the dry run again.`,
  );
}

/** Each stored job's counts, for the dialogs and bars that follow them (lib/invite/progress-item.ts). */
function runsOf(all: Record<string, StoredInviteJob>): Record<string, StoredInviteRun> {
  const runs: Record<string, StoredInviteRun> = {};
  for (const [id, entry] of Object.entries(all)) {
    runs[id] = { appOrigin: entry.appOrigin, run: inviteRunOf(entry.job) };
  }
  return runs;
}

/** How each control that sets a job going again changes it first. */
const RESTART: Record<'resume' | 'retry-failed' | 'send-rest', (job: InviteJob) => InviteJob> = {
  resume: (job) => job,
  'retry-failed': retryFailed,
  'send-rest': sendRest,
};

/**
 * Stores a new job and runs it; returns its id. Refused (`BadRequest`) when a job of the same
 * kind sending the same requests for the same org on this host is unfinished or was started in
 * the last `DUPLICATE_WINDOW_MS`: a double click, or a second tab, must not send anything twice.
 */
async function beginJob(
  store: { update: UpdateJobs; drive(jobId: string): Promise<void>; keepAwake(on: boolean): void },
  appOrigin: string,
  actor: string,
  job: InviteJob,
): Promise<string> {
  const fingerprint = sendsFingerprint(job);
  // The check and the write are one step of the storage queue, so two starts at the same
  // moment cannot both pass it.
  await store.update((all) => {
    const twin = recentTwin(all, appOrigin, job.org, fingerprint);
    if (twin) {
      throw new BadRequest(
        `A job with the same ${job.kind === 'cancel-invites' ? 'cancellations' : 'invites'} for ${job.org} was already started (${twin.job.id}); it was not started again. Open it from the bar, or change the rows.`,
      );
    }
    all[job.id] = { appOrigin, actor, job };
  });
  if (job.status === 'running') {
    store.keepAwake(true);
    store.drive(job.id).catch((error) => reportFailure('invite', error));
  }
  return job.id;
}

export function createInviteJobs(deps: InviteJobsDeps) {
  const running = new Map<string, Promise<void>>();
  const requests = new Map<string, 'pause' | 'cancel'>();
  // Storage writes of all jobs go through one queue, so two jobs never overwrite each other.
  let writes: Promise<unknown> = Promise.resolve();
  const update: UpdateJobs = (change) => {
    const next = writes.then(async () => {
      const all = { ...(await readInviteJobs()) };
      change(all);
      await inviteJobsItem.setValue(all);
      // Then the counts, which open dialogs and bars follow (pushed, not polled).
      await inviteRunsItem.setValue(runsOf(all));
    });
    writes = settled(next);
    return next;
  };

  /** Runs (or resumes) a stored job until it is final, paused or signed out; one runner per job. */
  function drive(jobId: string): Promise<void> {
    const existing = running.get(jobId);
    if (existing) return existing;
    const run = (async () => {
      const entry = await storedJob(jobId);
      const client = await deps.clientFor(entry.appOrigin);
      await runStoredJob(jobId, entry, client, deps.adminKey, update, requests);
    })().then(
      () => {
        running.delete(jobId);
        // Picks up jobs started meanwhile and stops the wake-up alarm when none is left.
        resumeRunningJobs().catch((error) => reportFailure('invite', error));
      },
      (error: unknown) => {
        running.delete(jobId);
        // A failed run (storage full, say) is retried by the next alarm, not in a tight loop.
        reportFailure('invite', error);
      },
    );
    running.set(jobId, run);
    return run;
  }

  /** Resumes every job left running (after the worker restarted) and keeps the wake-up alarm in step. */
  async function resumeRunningJobs(): Promise<void> {
    const all = await readInviteJobs();
    const live = Object.entries(all).filter(([, entry]) => entry.job.status === 'running');
    deps.keepAwake(live.length > 0);
    for (const [jobId] of live) {
      if (!running.has(jobId)) drive(jobId).catch((error) => reportFailure('invite', error));
    }
  }

  const begin = (appOrigin: string, actor: string, job: InviteJob) =>
    beginJob({ update, drive, keepAwake: deps.keepAwake }, appOrigin, actor, job);

  return {
    resumeRunningJobs,

    /**
     * Starts a job for the dry run's rows; returns its id. Refused (`BadRequest`) when a job with the
     * same invites for the same org on this host is unfinished or was started in the last
     * `DUPLICATE_WINDOW_MS`: a double click, or a second tab, must not send every invite twice.
     */
    async start(
      appOrigin: string,
      org: string,
      scope: string,
      actor: string,
      rows: ClassifiedRow[],
      concurrency?: number,
    ): Promise<string> {
      const id = `invite-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const job = createInviteJob(rows, {
        id,
        org,
        scope,
        now: Date.now(),
        ...(concurrency === undefined ? {} : { concurrency }),
      });
      await refuseScimWithoutKey(deps.adminKey, appOrigin, job);
      return begin(appOrigin, actor, job);
    },

    begin,

    /** The job as last saved. */
    async status(jobId: string, appOrigin: string): Promise<InviteJob> {
      return cloneJob((await storedJob(jobId, appOrigin)).job);
    },

    /** The newest job of an org on this host, if any (to reopen a job after the tab was closed). */
    async latest(appOrigin: string, org: string, kind?: InviteJob['kind']): Promise<InviteJob | null> {
      const all = Object.values(await readInviteJobs()).filter(
        (entry) => entry.appOrigin === appOrigin && entry.job.org === org && entry.job.kind === kind,
      );
      all.sort((a, b) => b.job.createdAt.localeCompare(a.job.createdAt));
      return all[0] ? cloneJob(all[0].job) : null;
    },

    async control(
      jobId: string,
      appOrigin: string,
      action: 'pause' | 'resume' | 'cancel' | 'retry-failed' | 'send-rest',
    ): Promise<void> {
      const entry = await storedJob(jobId, appOrigin);
      const isRunning = running.has(jobId);
      if (action === 'pause' || action === 'cancel') {
        if (isRunning) {
          requests.set(jobId, action);
          return;
        }
        const job = action === 'pause' ? pauseInviteJob(entry.job) : cancelInviteJob(entry.job, Date.now());
        await update((all) => {
          all[jobId] = { ...entry, job };
        });
        return;
      }
      let current = entry;
      if (isRunning) {
        // Still sending: nothing to resume.
        if (entry.job.status === 'running') return;
        // Paused (or signed out) but its runner is still settling the sends in flight: resume once
        // it has stopped, from what it saved. (Returning here dropped a Resume pressed at once.)
        await settled(running.get(jobId) ?? Promise.resolve());
        current = await storedJob(jobId, appOrigin);
        if (current.job.status === 'running' && running.has(jobId)) return;
      }
      let job = RESTART[action](current.job);
      if (!job.units.some((unit) => !isFinal(unit.state))) return;
      // Marked running; drive() settles any in-flight unit by re-reading W&B before sending more.
      job = { ...job, status: 'running' };
      delete job.message;
      await update((all) => {
        all[jobId] = { ...current, job };
      });
      deps.keepAwake(true);
      drive(jobId).catch((error) => reportFailure('invite', error));
    },
  };
}

export type InviteJobs = ReturnType<typeof createInviteJobs>;
