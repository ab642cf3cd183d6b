/**
 * Pushed progress (issue 12): the counts the background writes for each saved job are the job's
 * own (the ETA as `jobProgress` gives it), a watcher of the session item receives them on every
 * save of a running job, and a damaged entry is left out rather than shown.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { followInviteRuns, POLL_MS, readRuns } from '@/lib/invite/follow-runs';
import { type InviteRun, inviteRunOf, isSettled, isUnfinishedRun, runProgress } from '@/lib/invite/progress';
import { inviteRunsItem, readInviteRun } from '@/lib/invite/progress-item';
import { parseInviteRuns } from '@/lib/invite/runs';
import { sendMessage } from '@/lib/messaging/protocol';

// The frame's only message here is `inviteRuns`; the background's answer is played by the test.
vi.mock('@/lib/messaging/protocol', () => ({ sendMessage: vi.fn() }));

import { CANCELLED, createInviteJob, type InviteJob, jobProgress } from '@/lib/invite/job';
import { inviteJobsItem } from '@/lib/storage';
import { createWandbClient } from '@/lib/wandb/client';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { simFetch, simLogin } from '@/tests/simulator/test-client';
import { newRow } from './job/fakeServer';

const base = createInviteJob(
  Array.from({ length: 12 }, (_, index) => newRow(index, `u${index}@x.io`, ['v'])),
  { id: 'j', org: 'acme', scope: 'org:acme', now: 0 },
);
const states = ['invited', 'invited', 'skipped', 'failed', 'sending', 'queued'] as const;
const job: InviteJob = {
  ...base,
  run: { startedAt: 1_000, finishedAtStart: 1 },
  units: base.units.map((unit, index) => ({
    ...unit,
    state: states[index % states.length]!,
    ...(index === 3 ? { at: '2026-01-02T03:04:05.000Z' } : {}),
  })),
};

describe('the counts of a job', () => {
  it('are those of the whole job, the ETA included, for every status', () => {
    for (const status of ['running', 'paused', 'paused-signed-out', 'cancelled', 'done'] as const) {
      for (const now of [1_000, 5_000, 60_000]) {
        const whole = { ...job, status };
        expect(runProgress(inviteRunOf(whole), now)).toEqual(jobProgress(whole, now));
      }
    }
    const run = inviteRunOf({ ...job, message: 'Sign in to W&B again.' });
    expect(run).toMatchObject({
      id: 'j',
      org: 'acme',
      total: 12,
      invited: 4,
      skipped: 2,
      failed: 2,
      left: 4,
    });
    expect(run.message).toBe('Sign in to W&B again.');
    expect(run.lastAt).toBe(Date.parse('2026-01-02T03:04:05.000Z'));
    expect(inviteRunOf(base).lastAt).toBe(0);
    expect(runProgress(inviteRunOf(job), 8_000).etaMs).toBe(4_000);
  });

  it("counts the units a cancel left unsent apart from the dry run's skips, and keeps the planned whole", () => {
    const cancelled: InviteJob = {
      ...job,
      status: 'cancelled',
      planned: 9,
      units: job.units.map((unit, index) =>
        [4, 5, 11].includes(index) ? { ...unit, state: 'skipped', reason: CANCELLED } : unit,
      ),
    };
    expect(inviteRunOf(cancelled)).toMatchObject({ skipped: 5, notSent: 3, planned: 9, total: 12 });
    expect(inviteRunOf({ ...job, planned: undefined }).planned).toBe(12);
  });

  it('is settled only when done or cancelled with nothing in flight', () => {
    const settledJob = { ...job, units: job.units.map((unit) => ({ ...unit, state: 'invited' as const })) };
    expect(isSettled(inviteRunOf({ ...job, status: 'cancelled' }))).toBe(false);
    expect(isSettled(inviteRunOf({ ...settledJob, status: 'cancelled' }))).toBe(true);
    expect(isSettled(inviteRunOf({ ...settledJob, status: 'done' }))).toBe(true);
    expect(isSettled(inviteRunOf({ ...settledJob, status: 'paused' }))).toBe(false);
    expect(isUnfinishedRun(inviteRunOf({ ...job, status: 'paused-signed-out' }))).toBe(true);
    expect(isUnfinishedRun(inviteRunOf({ ...job, status: 'done' }))).toBe(false);
    expect(isUnfinishedRun(inviteRunOf({ ...job, status: 'cancelled' }))).toBe(false);
  });

  it('leaves out a damaged entry and keeps the others', () => {
    const good = { appOrigin: 'https://wandb.ai', run: inviteRunOf(job) };
    expect(parseInviteRuns({ j: good, bad: { appOrigin: 'https://wandb.ai', run: { id: 3 } } }).runs).toEqual(
      {
        j: good,
      },
    );
    expect(parseInviteRuns({ j: { ...good, run: { ...good.run, left: -1 } } }).runs).toEqual({});
    expect(parseInviteRuns([good]).runs).toEqual({});
    expect(parseInviteRuns(null).runs).toEqual({});
  });
});

describe('the background pushes the counts', () => {
  let sim: Simulator;
  let cookie: string;
  beforeAll(async () => {
    sim = await startSimulator();
    cookie = await simLogin(sim, 'alice');
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => fakeBrowser.reset());

  const origin = 'https://wandb.ai';
  const client = () =>
    createWandbClient({
      appOrigin: origin,
      fetch: (url, init) =>
        simFetch(sim, url, {
          method: init.method ?? 'GET',
          headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
          ...(typeof init.body === 'string' ? { body: init.body } : {}),
        }),
    });

  it('on every save, to watchers of its host only, until the job is done', async () => {
    const c = client();
    const jobs = createInviteJobs({ clientFor: async () => c, keepAwake: () => {} });
    const seen: InviteRun[] = [];
    const elsewhere: InviteRun[][] = [];
    const done = new Promise<void>((resolve) => {
      followInviteRuns(`${origin}/acme/settings/members`, (runs) => {
        seen.push(...runs);
        if (runs.some((run) => run.status === 'done')) resolve();
      });
    });
    followInviteRuns('https://acme.wandb.io/acme/settings/members', (runs) => elsewhere.push(runs));
    const rows = [0, 1, 2].map((index) => newRow(index, `pushed${index}@acme.test`, ['vision']));
    const id = await jobs.start(origin, 'acme', 'org:acme', 'alice', rows, 1);
    // Stored before the start is answered, so a dialog can read it at once.
    expect(await readInviteRun(id, origin)).toMatchObject({ id, total: 3 });
    expect(await readInviteRun(id, 'https://acme.wandb.io')).toBeNull();
    await done;
    const stored = (await inviteJobsItem.getValue())[id]!.job;
    expect(seen.at(-1)).toEqual(inviteRunOf(stored));
    expect(seen.at(-1)).toMatchObject({ status: 'done', invited: 3, left: 0 });
    // Each invite settled is pushed: the counts went up one by one.
    const invitedCounts = [...new Set(seen.map((run) => run.invited))];
    expect(invitedCounts).toEqual([0, 1, 2, 3]);
    expect(elsewhere.every((runs) => runs.length === 0)).toBe(true);
    expect(Object.keys(await inviteRunsItem.getValue())).toEqual([id]);
  });

  it('without storage.session (a Firefox frame), the counts are asked of the background, each change once', async () => {
    vi.useFakeTimers();
    let answer: InviteRun[] = [inviteRunOf({ ...job, status: 'running' })];
    const asked: string[] = [];
    vi.mocked(sendMessage).mockImplementation((async (type: string, data: { pageUrl: string }) => {
      asked.push(`${type} ${data.pageUrl}`);
      return { ok: true as const, data: answer };
    }) as unknown as typeof sendMessage);
    try {
      const page = `${origin}/acme/settings/members`;
      expect(await readRuns(page, false)).toEqual(answer);
      const seen: InviteRun[][] = [];
      const stop = followInviteRuns(page, (runs) => seen.push(runs), { readsSession: false });
      await vi.advanceTimersByTimeAsync(POLL_MS * 3);
      // Asked at once and every POLL_MS, told once: nothing changed.
      expect(asked.length).toBe(1 + 1 + 3);
      expect(seen).toEqual([answer]);
      answer = [inviteRunOf({ ...job, status: 'done' })];
      await vi.advanceTimersByTimeAsync(POLL_MS);
      expect(seen.at(-1)).toEqual(answer);
      expect(seen).toHaveLength(2);
      stop();
      await vi.advanceTimersByTimeAsync(POLL_MS * 3);
      expect(asked.length).toBe(1 + 1 + 4);
      expect(new Set(asked)).toEqual(new Set([`inviteRuns ${page}`]));
    } finally {
      vi.useRealTimers();
    }
  });
});
