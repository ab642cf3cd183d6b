/**
 * Full member-directory loads requested by a W&B tab (the export dialog). A load can take many
 * requests, so it runs as a job: the tab asks for its next change of progress (the answer waits
 * for one: pushed, not polled), then fetches the result in pages small enough that no single message makes the W&B page's main thread stall, and can cancel.
 * Jobs live in the service worker's memory only; member data is never written to storage.
 */

import type { DirectoryJobStatus, DirectoryMeta } from '../export/messages';
import type {
  Directory,
  DirectoryInvite,
  DirectoryMember,
  DirectoryScope,
  LoadProgress,
} from '../wandb/directory';
import { cancelledError, toWandbErrorData } from '../wandb/errors';
import { BadRequest } from './bad-request';

export type { DirectoryJobStatus, DirectoryMeta };

interface Job {
  tabId: number;
  startedAt: number;
  controller: AbortController;
  state: DirectoryJobStatus;
  directory: Directory | null;
  /** Counts the changes of `state`; a tab says which it has seen. */
  version: number;
  /** Requests waiting for the next change. */
  waiters: Set<() => void>;
  /** When progress was last answered: answers are at most every PROGRESS_EVERY_MS apart. */
  answeredAt: number;
}

/** The state of a job and which change of it this is. */
export type DirectoryJobChange = DirectoryJobStatus & { version: number };

/** Largest page a tab may ask for: ~2,000 members keeps each message well under a frame's budget. */
export const MAX_PAGE = 2000;
const MAX_JOBS = 4;
const JOB_TTL_MS = 10 * 60_000;
/** Progress goes to the tab at most this often (a load of 200 teams changes it 200 times). */
export const PROGRESS_EVERY_MS = 100;
/** A request for the next change is answered after this long even without one (the tab asks again). */
export const CHANGE_WAIT_MS = 10_000;

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Loads a scope's full directory on a W&B app origin (the background's client for that origin). */
export type LoadDirectory = (
  appOrigin: string,
  scope: DirectoryScope,
  options: { signal: AbortSignal; onProgress(progress: LoadProgress): void; withActivity: boolean },
) => Promise<Directory>;

export function createDirectoryJobs(load: LoadDirectory) {
  const jobs = new Map<string, Job>();
  let sequence = 0;

  const prune = () => {
    const now = Date.now();
    for (const [id, job] of jobs) if (now - job.startedAt > JOB_TTL_MS) jobs.delete(id);
    while (jobs.size > MAX_JOBS) {
      const oldest = jobs.keys().next().value as string;
      jobs.get(oldest)?.controller.abort();
      jobs.delete(oldest);
    }
  };

  const change = (job: Job, state: DirectoryJobStatus) => {
    job.state = state;
    job.version++;
    for (const wake of job.waiters) wake();
    job.waiters.clear();
  };

  /** The job, if it exists and belongs to this tab; otherwise an error a caller can show. */
  const jobOf = (jobId: string, tabId: number): Job => {
    const job = jobs.get(jobId);
    if (!job || job.tabId !== tabId)
      throw new BadRequest('That member list is no longer loaded; start again.');
    return job;
  };

  return {
    start(tabId: number, appOrigin: string, scope: DirectoryScope, withActivity = false): string {
      prune();
      const id = `job-${Date.now().toString(36)}-${++sequence}`;
      const job: Job = {
        tabId,
        startedAt: Date.now(),
        controller: new AbortController(),
        state: { status: 'loading', progress: null },
        directory: null,
        version: 0,
        waiters: new Set(),
        answeredAt: 0,
      };
      jobs.set(id, job);
      load(appOrigin, scope, {
        signal: job.controller.signal,
        withActivity,
        onProgress: (progress) => {
          if (job.state.status === 'loading') change(job, { status: 'loading', progress });
        },
      }).then(
        (directory) => {
          const { members, invites, ...rest } = directory;
          job.directory = directory;
          change(job, {
            status: 'ready',
            meta: { ...rest, memberCount: members.length, inviteCount: invites.length },
          });
        },
        (error: unknown) => {
          // A cancelled job has said so already.
          if (job.state.status === 'loading')
            change(job, { status: 'error', error: toWandbErrorData(error) });
        },
      );
      return id;
    },

    status(jobId: string, tabId: number): DirectoryJobStatus {
      return jobOf(jobId, tabId).state;
    },

    /**
     * The job's state once it differs from change `seen` (at once when it already does, or when
     * `seen` is absent); while loading, progress is answered at most every PROGRESS_EVERY_MS, and
     * after CHANGE_WAIT_MS without a change the same state is answered.
     */
    async next(jobId: string, tabId: number, seen?: number): Promise<DirectoryJobChange> {
      const job = jobOf(jobId, tabId);
      if (seen !== undefined && seen === job.version && job.state.status === 'loading') {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            job.waiters.delete(done);
            resolve();
          };
          const timer = setTimeout(done, CHANGE_WAIT_MS);
          job.waiters.add(done);
        });
      }
      const wait = job.answeredAt + PROGRESS_EVERY_MS - Date.now();
      if (job.state.status === 'loading' && wait > 0) await later(wait);
      job.answeredAt = Date.now();
      return { ...job.state, version: job.version };
    },

    /** A slice of the loaded members or invites; empty past the end. */
    page(
      jobId: string,
      tabId: number,
      list: 'members' | 'invites',
      offset: number,
      limit: number,
    ): DirectoryMember[] | DirectoryInvite[] {
      const job = jobOf(jobId, tabId);
      if (!job.directory) throw new BadRequest('The member list has not finished loading.');
      return job.directory[list].slice(offset, offset + Math.min(limit, MAX_PAGE));
    },

    /** Stops a load (nothing is kept) or forgets a finished one. */
    cancel(jobId: string, tabId: number): void {
      const job = jobOf(jobId, tabId);
      job.controller.abort();
      if (job.state.status === 'loading')
        change(job, { status: 'error', error: toWandbErrorData(cancelledError()) });
      jobs.delete(jobId);
    },
  };
}

export type DirectoryJobs = ReturnType<typeof createDirectoryJobs>;
