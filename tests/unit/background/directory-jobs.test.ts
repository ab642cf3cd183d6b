import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHANGE_WAIT_MS,
  createDirectoryJobs,
  type LoadDirectory,
  PROGRESS_EVERY_MS,
} from '@/lib/background/directory-jobs';
import type { Directory, DirectoryMember } from '@/lib/wandb/directory';
import { cancelledError } from '@/lib/wandb/errors';

function member(i: number): DirectoryMember {
  return {
    id: `m${i}`,
    username: `user${i}`,
    name: `User ${i}`,
    email: `user${i}@acme.test`,
    orgRole: 'member',
    modelsSeat: 'full',
    weaveAccess: 'full',
    status: 'active',
    accountType: 'user',
    teams: [],
    lastActiveAt: null,
  };
}

function directory(members: number): Directory {
  return {
    scope: { kind: 'org', org: 'acme' },
    org: { id: 'org-1', name: 'acme' },
    source: 'org-query',
    fallbackReason: null,
    members: Array.from({ length: members }, (_, i) => member(i)),
    invites: [{ id: 'i1', email: 'new@acme.test', team: 'vision', role: 'member', createdAt: null }],
    teams: [{ name: 'vision', memberCount: members }],
    seats: null,
    viewer: { username: 'alice', isOrgAdmin: true, isTeamAdmin: null },
    visibleTeams: 1,
    complete: true,
    requests: 3,
  };
}

/** A load the test finishes by hand, recording the signal it was given. */
function controllableLoad() {
  const calls: {
    signal: AbortSignal;
    progress(p: { done: number; total: number }): void;
    finish(d: Directory): void;
  }[] = [];
  const load: LoadDirectory = (_origin, _scope, options) =>
    new Promise((resolve, reject) => {
      options.signal.addEventListener('abort', () => reject(cancelledError()));
      calls.push({
        signal: options.signal,
        progress: (p) => options.onProgress({ ...p, phase: 'teams' }),
        finish: resolve,
      });
    });
  return { load, calls };
}

const scope = { kind: 'org', org: 'acme' } as const;

describe('directory jobs', () => {
  it('reports progress, then the result as metadata plus pages of at most 2,000', async () => {
    const { load, calls } = controllableLoad();
    const jobs = createDirectoryJobs(load);
    const id = jobs.start(7, 'https://wandb.ai', scope);
    expect(jobs.status(id, 7)).toEqual({ status: 'loading', progress: null });
    calls[0]!.progress({ done: 3, total: 8 });
    expect(jobs.status(id, 7)).toEqual({
      status: 'loading',
      progress: { done: 3, total: 8, phase: 'teams' },
    });

    calls[0]!.finish(directory(4500));
    await Promise.resolve();
    const status = jobs.status(id, 7);
    expect(status.status).toBe('ready');
    if (status.status === 'ready') {
      expect(status.meta.memberCount).toBe(4500);
      expect(status.meta.inviteCount).toBe(1);
      expect('members' in status.meta).toBe(false);
    }
    const first = jobs.page(id, 7, 'members', 0, 5000) as DirectoryMember[];
    expect(first).toHaveLength(2000);
    expect(first[0]?.username).toBe('user0');
    expect(
      (jobs.page(id, 7, 'members', 4000, 2000) as DirectoryMember[]).map((m) => m.username),
    ).toHaveLength(500);
    expect(jobs.page(id, 7, 'members', 9000, 2000)).toEqual([]);
    expect(jobs.page(id, 7, 'invites', 0, 10)).toHaveLength(1);
  });

  it("refuses another tab's job and a page before the load has finished", () => {
    const { load } = controllableLoad();
    const jobs = createDirectoryJobs(load);
    const id = jobs.start(7, 'https://wandb.ai', scope);
    expect(() => jobs.status(id, 8)).toThrow('no longer loaded');
    expect(() => jobs.page(id, 7, 'members', 0, 10)).toThrow('not finished loading');
  });

  it('cancel aborts the load and forgets the job', async () => {
    const { load, calls } = controllableLoad();
    const jobs = createDirectoryJobs(load);
    const id = jobs.start(7, 'https://wandb.ai', scope);
    jobs.cancel(id, 7);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(() => jobs.status(id, 7)).toThrow('no longer loaded');
  });

  it('reports a failed load as a typed error', async () => {
    const jobs = createDirectoryJobs(async () => {
      throw cancelledError();
    });
    const id = jobs.start(7, 'https://wandb.ai', scope);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(jobs.status(id, 7)).toMatchObject({ status: 'error', error: { kind: 'cancelled' } });
  });

  describe('following a load change by change (pushed, not polled)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Whether `promise` has settled, after the microtasks queued so far. */
    async function settledYet(promise: Promise<unknown>): Promise<boolean> {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      await vi.advanceTimersByTimeAsync(0);
      return settled;
    }

    it('answers a request for the next change only when there is one', async () => {
      vi.useFakeTimers();
      const { load, calls } = controllableLoad();
      const jobs = createDirectoryJobs(load);
      const id = jobs.start(7, 'https://wandb.ai', scope);
      const first = await jobs.next(id, 7);
      expect(first).toEqual({ status: 'loading', progress: null, version: 0 });

      const second = jobs.next(id, 7, first.version);
      // Nothing changed: no answer, however long the tab has waited (short of the cap).
      await vi.advanceTimersByTimeAsync(CHANGE_WAIT_MS - 1);
      expect(await settledYet(second)).toBe(false);
      calls[0]!.progress({ done: 1, total: 8 });
      expect(await second).toEqual({
        status: 'loading',
        progress: { done: 1, total: 8, phase: 'teams' },
        version: 1,
      });
    });

    it('gives progress at most every PROGRESS_EVERY_MS, however often it changes, and the result at once', async () => {
      vi.useFakeTimers();
      const { load, calls } = controllableLoad();
      const jobs = createDirectoryJobs(load);
      const id = jobs.start(7, 'https://wandb.ai', scope);
      const seen = (await jobs.next(id, 7)).version;
      const next = jobs.next(id, 7, seen);
      for (let done = 1; done <= 5; done++) calls[0]!.progress({ done, total: 8 });
      await vi.advanceTimersByTimeAsync(PROGRESS_EVERY_MS - 10);
      expect(await settledYet(next)).toBe(false);
      await vi.advanceTimersByTimeAsync(10);
      // The latest progress, not the first change that woke it.
      expect(await next).toMatchObject({ progress: { done: 5, total: 8 }, version: 5 });

      const last = jobs.next(id, 7, 5);
      calls[0]!.finish(directory(3));
      await vi.advanceTimersByTimeAsync(0);
      expect(await settledYet(last)).toBe(true);
      expect((await last).status).toBe('ready');
    });

    it('answers the same state after CHANGE_WAIT_MS without a change, and at once when cancelled', async () => {
      vi.useFakeTimers();
      const { load } = controllableLoad();
      const jobs = createDirectoryJobs(load);
      const id = jobs.start(7, 'https://wandb.ai', scope);
      const waiting = jobs.next(id, 7, 0);
      await vi.advanceTimersByTimeAsync(CHANGE_WAIT_MS);
      expect(await waiting).toEqual({ status: 'loading', progress: null, version: 0 });

      const cancelled = jobs.next(id, 7, 0);
      jobs.cancel(id, 7);
      await vi.advanceTimersByTimeAsync(0);
      expect(await settledYet(cancelled)).toBe(true);
      expect(await cancelled).toMatchObject({ status: 'error', error: { kind: 'cancelled' }, version: 1 });
    });
  });
});
