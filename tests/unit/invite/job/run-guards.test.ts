/**
 * The job runner's guards (`lib/invite/job/run.ts`) beyond invite-job-guards.test.ts: what reads
 * as "already there", settling and resuming a stopped job, who is uncertain after which error,
 * the Retry-After hold, and stopping without sending or saving more.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ClassifiedRow } from '@/lib/invite/classify';
import {
  createInviteJob,
  type InviteJob,
  isAlreadyAnswer,
  resumeInviteJob,
  runInviteJob,
  settleSendingUnits,
} from '@/lib/invite/job';
import { reportFailure } from '@/lib/report';
import { rateLimitedError } from '@/lib/wandb/errors';
import { fakeWandb, newRow } from './fakeServer';

vi.mock('@/lib/report', () => ({ reportFailure: vi.fn() }));

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

function job(rows: ClassifiedRow[], concurrency = 1): InviteJob {
  return createInviteJob(rows, { id: 'job-1', org: 'acme', scope: 'org:acme', now: NOW, concurrency });
}
const two = () => [newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['v'])];

describe('"already" answers', () => {
  it.each([
    'Person is already a member of this team',
    'Email already invited',
    'already been invited',
    'This person is already in team vision',
    'User already on team',
  ])('guard "W&B\'s words for already there": %j', (message) => {
    expect(isAlreadyAnswer(new Error(message))).toBe(true);
  });

  it('guard "only those words": another refusal is not an already answer', () => {
    expect(isAlreadyAnswer(new Error('Team not found'))).toBe(false);
  });
});

describe('settling and resuming', () => {
  it('guard "a cancelled job settles an unsent unit as cancelled": skipped with the time, not queued again', async () => {
    const server = fakeWandb();
    const stopped: InviteJob = {
      ...job([newRow(0, 'a@x.io', ['v'])]),
      status: 'cancelled',
    };
    stopped.units[0] = { ...stopped.units[0]!, state: 'sending', attempts: 1, uncertain: true };
    const settled = await settleSendingUnits(stopped, server.deps());
    expect(settled.units[0]).toEqual({
      ...stopped.units[0],
      state: 'skipped',
      reason: 'cancelled',
      at: new Date(server.clock).toISOString(),
      uncertain: undefined,
    });
    expect(settled.units[0]).not.toHaveProperty('uncertain');
  });

  it.each(['cancelled', 'done'] as const)(
    'guard "a %s job stays as it is": resuming it neither reopens it nor saves',
    async (status) => {
      const server = fakeWandb();
      const finished: InviteJob = { ...job([newRow(0, 'a@x.io', ['v'])]), status, message: 'kept' };
      finished.units[0] = { ...finished.units[0]!, state: 'skipped', reason: 'cancelled' };
      const resumed = await resumeInviteJob(finished, server.deps());
      expect(resumed.status).toBe(status);
      expect(resumed.message).toBe('kept');
      expect(server.saves).toEqual([]);
    },
  );

  it('guard "only a running job runs": a paused job is returned untouched, nothing saved or sent', async () => {
    const server = fakeWandb();
    const paused: InviteJob = { ...job(two()), status: 'paused' };
    expect(await runInviteJob(paused, server.deps())).toEqual(paused);
    expect(server.saves).toEqual([]);
    expect(server.sent).toEqual([]);
  });

  it('guard "the ETA counts from this run": units final before it started are recorded as such', async () => {
    const server = fakeWandb();
    const rows = [
      { ...newRow(0, 'ann@x.io', ['v']), status: 'member' as const, reason: 'already a member', sends: [] },
      newRow(1, 'b@x.io', ['v']),
    ];
    await runInviteJob(job(rows), server.deps());
    expect(server.saves[0]?.run).toEqual({ startedAt: 1_000_000, finishedAtStart: 1 });
  });
});

describe('failures', () => {
  it('guard "a refusal is timed": a unit W&B refuses is failed with the time it happened', async () => {
    const server = fakeWandb(['forbidden']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(result.units[0]?.state).toBe('failed');
    expect(result.units[0]?.at).toBe(new Date(server.clock).toISOString());
  });

  it('guard "a 429 did not arrive": an already answer to its retry is someone else\'s invite, skipped', async () => {
    const server = fakeWandb(['rate-limited', 'already']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(result.units[0]).toMatchObject({ state: 'skipped', attempts: 2 });
    expect(result.units[0]).not.toHaveProperty('inviteId');
  });

  it('guard "a failed look-up is not found": the unit is settled as W&B answered, and the failure reported', async () => {
    const server = fakeWandb(['created-then-502', 'already']);
    const deps = server.deps();
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), {
      ...deps,
      findPendingInvite: async () => {
        throw new Error('lookup down');
      },
    });
    expect(result.units[0]).toMatchObject({ state: 'skipped', attempts: 2 });
    expect(reportFailure).toHaveBeenCalledWith('invite', new Error('lookup down'));
  });

  it('guard "sign-in again does not use up an attempt": the attempt W&B refused is given back', async () => {
    const server = fakeWandb(['server', 'signed-out']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(result.status).toBe('paused-signed-out');
    expect(result.units[0]).toMatchObject({ state: 'queued', attempts: 1 });
  });

  it('guard "a 5xx holds only its own unit": the next unit is sent while it waits to retry', async () => {
    const server = fakeWandb(['server']);
    await runInviteJob(job(two()), server.deps());
    expect(server.sent).toEqual(['a@x.io|v', 'b@x.io|v', 'a@x.io|v']);
  });

  it('guard "a 429 without Retry-After holds for the backoff": the run waits a finite time and finishes', async () => {
    const server = fakeWandb();
    const deps = server.deps();
    let calls = 0;
    const result = await runInviteJob(job(two()), {
      ...deps,
      async send(unit) {
        calls++;
        if (calls === 1) throw rateLimitedError(undefined);
        return deps.send(unit);
      },
    });
    expect(result.status).toBe('done');
    expect(server.sleeps.length).toBeGreaterThan(0);
    expect(server.sleeps.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true);
    // The 429 held both units; the first was sent again first (the fake records only what reached it).
    expect(server.sent).toEqual(['a@x.io|v', 'b@x.io|v']);
  });
});

describe('waiting', () => {
  it('guard "a wait for a retry is one sleep until it": a unit already invited does not cut it into 1 ms polls', async () => {
    const server = fakeWandb(['ok', 'server']);
    const result = await runInviteJob(job(two()), server.deps());
    expect(result.units.map((unit) => unit.state)).toEqual(['invited', 'invited']);
    expect(server.sent).toEqual(['a@x.io|v', 'b@x.io|v', 'b@x.io|v']);
    expect(server.sleeps).toHaveLength(1);
    expect(server.sleeps[0]).toBeGreaterThan(100);
  });
});

describe('what an invited unit says', () => {
  it('guard "the org role note stays": a team invite for a row asking for org role admin keeps saying it was not applied', async () => {
    const server = fakeWandb();
    const result = await runInviteJob(
      job([{ ...newRow(0, 'a@x.io', ['v']), orgRole: 'admin' }, newRow(1, 'b@x.io', ['v'])]),
      server.deps(),
    );
    expect(result.units.map((unit) => [unit.email, unit.state, unit.reason])).toEqual([
      ['a@x.io', 'invited', 'org role admin not applied: set on the Members page (or with the admin key)'],
      ['b@x.io', 'invited', undefined],
    ]);
  });
});

describe('stopping', () => {
  it('guard "aborted once sending is saved": the unit stays sending and no request leaves', async () => {
    const controller = new AbortController();
    const server = fakeWandb();
    const deps = server.deps();
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), {
      ...deps,
      signal: controller.signal,
      async save(saved) {
        await deps.save(saved);
        if (saved.units[0]?.state === 'sending') controller.abort();
      },
    });
    expect(server.sent).toEqual([]);
    expect(result.units[0]?.state).toBe('sending');
  });

  it('guard "aborted after the last answer": the job is not marked done by a stopping worker', async () => {
    const controller = new AbortController();
    const server = fakeWandb();
    const deps = server.deps();
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), {
      ...deps,
      signal: controller.signal,
      async save(saved) {
        await deps.save(saved);
        if (saved.units[0]?.state === 'invited') controller.abort();
      },
    });
    expect(result.status).toBe('running');
    expect(server.lastSaved().status).toBe('running');
  });

  it('guard "aborted while waiting for its pace slot": the worker wakes and stops, the next unit neither saved as sending nor sent', async () => {
    const controller = new AbortController();
    const server = fakeWandb(['rate-limited']);
    const deps = server.deps();
    const rows = [newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['v']), newRow(2, 'c@x.io', ['v'])];
    const paceSleeps: number[] = [];
    const result = await runInviteJob(job(rows), {
      ...deps,
      signal: controller.signal,
      async sleep(ms, signal) {
        await deps.sleep(ms, signal);
        // After the 429 the pacer spaces starts; the browser stops the worker as that wait ends.
        if (paceSleeps.length === 0 && server.requests.length === 2) {
          paceSleeps.push(ms);
          controller.abort();
        }
      },
    });
    expect(paceSleeps).toHaveLength(1);
    expect(server.requests.map((request) => [request.key, request.outcome])).toEqual([
      ['a@x.io|v', 'rate-limited'],
      ['a@x.io|v', 'ok'],
    ]);
    expect(server.lastSaved().units.map((unit) => [unit.email, unit.state, unit.attempts])).toEqual([
      ['a@x.io', 'invited', 2],
      ['b@x.io', 'queued', 0],
      ['c@x.io', 'queued', 0],
    ]);
    expect(result.status).toBe('running');
  });

  it('guard "a pause stops every worker": with two workers and a pause asked before the first send, nothing is sent', async () => {
    const server = fakeWandb();
    const result = await runInviteJob(job(two(), 2), { ...server.deps(), requested: () => 'pause' });
    expect(result.status).toBe('paused');
    expect(server.sent).toEqual([]);
    // The start and the pause: the second worker finds the job paused and saves nothing again.
    expect(server.saves.map((saved) => saved.status)).toEqual(['running', 'paused']);
  });

  it('guard "an empty job is done": with no unit to send, the run ends done, not running', async () => {
    const server = fakeWandb();
    expect((await runInviteJob(job([]), server.deps())).status).toBe('done');
  });

  it('guard "an error in a worker stops the run": a failing progress callback rejects the run', async () => {
    const server = fakeWandb();
    let changes = 0;
    const rows = [0, 1, 2, 3, 4, 5].map((index) => newRow(index, `u${index}@x.io`, ['v']));
    const run = runInviteJob(job(rows, 2), {
      ...server.deps(),
      onChange() {
        changes++;
        if (changes === 2) throw new Error('progress push failed');
      },
    });
    await expect(run).rejects.toThrow('progress push failed');
    // The worker whose progress push failed sends nothing; the other sends the unit it had
    // already started, and takes no other.
    expect(server.sent).toEqual(['u1@x.io|v']);
  });
});
