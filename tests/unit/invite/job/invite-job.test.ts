import { describe, expect, it } from 'vitest';
import type { ClassifiedRow } from '@/lib/invite/classify';
import {
  cancelInviteJob,
  createInviteJob,
  formatEta,
  type InviteJob,
  jobProgress,
  pauseInviteJob,
  progressText,
  resultsCsvChunks,
  resumeInviteJob,
  retryFailed,
  runInviteJob,
  sendRest,
} from '@/lib/invite/job';
import { fakeWandb, newRow } from './fakeServer';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

function job(rows: ClassifiedRow[], concurrency = 1, maxAttempts = 4): InviteJob {
  return createInviteJob(rows, {
    id: 'job-1',
    org: 'acme',
    scope: 'org:acme',
    now: NOW,
    concurrency,
    maxAttempts,
  });
}

const states = (result: InviteJob) => result.units.map((unit) => [unit.key, unit.state, unit.reason ?? '']);

describe('createInviteJob', () => {
  it('queues one unit per team to send and skips the rest with the dry-run reason', () => {
    const rows: ClassifiedRow[] = [
      {
        ...newRow(0, 'ann@x.io', ['nlp'], true),
        skippedTeams: [{ team: 'vision', reason: 'already a member of vision' }],
        teams: ['vision', 'nlp'],
      },
      { ...newRow(1, 'bob@x.io', ['vision']), status: 'invalid', reason: 'Bad email', sends: [] },
      { ...newRow(2, 'cy@x.io', ['vision']), orgRole: 'admin' },
    ];
    const created = job(rows);
    expect(created.status).toBe('running');
    expect(created.concurrency).toBe(1);
    expect(created.units).toEqual([
      { key: '0:nlp', row: 2, email: 'ann@x.io', team: 'nlp', admin: true, state: 'queued', attempts: 0 },
      {
        key: '0:vision',
        row: 2,
        email: 'ann@x.io',
        team: 'vision',
        admin: true,
        state: 'skipped',
        reason: 'already a member of vision',
        attempts: 0,
        at: '2026-11-21T10:00:00.000Z',
      },
      {
        key: '1:',
        row: 3,
        email: 'bob@x.io',
        team: 'vision',
        admin: false,
        state: 'skipped',
        reason: 'Bad email',
        attempts: 0,
        at: '2026-11-21T10:00:00.000Z',
      },
      {
        key: '2:vision',
        row: 4,
        email: 'cy@x.io',
        team: 'vision',
        admin: false,
        state: 'queued',
        attempts: 0,
        reason: 'org role admin not applied: set on the Members page (or with the admin key)',
      },
    ]);
  });

  it('is done at once when nothing is to be sent', () => {
    expect(job([{ ...newRow(0, 'a@x.io', ['v']), status: 'member', sends: [] }]).status).toBe('done');
  });
});

describe('runInviteJob', () => {
  it('sends every unit once, saving "sending" before each send and the answer after', async () => {
    const server = fakeWandb();
    const deps = server.deps();
    const order: string[] = [];
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v', 'w'], true)]), {
      ...deps,
      async save(saved) {
        order.push(saved.units.map((unit) => unit.state).join(','));
        await deps.save(saved);
      },
      async send(unit) {
        order.push(`send ${unit.key} admin=${unit.admin}`);
        return deps.send(unit);
      },
    });
    expect(result.status).toBe('done');
    expect(states(result)).toEqual([
      ['0:v', 'invited', ''],
      ['0:w', 'invited', ''],
    ]);
    expect(result.units.map((unit) => unit.inviteId)).toEqual(['inv-1', 'inv-2']);
    expect(order).toEqual([
      'queued,queued',
      'sending,queued',
      'send 0:v admin=true',
      'invited,queued',
      'invited,sending',
      'send 0:w admin=true',
      'invited,invited',
      'invited,invited',
    ]);
  });

  it('keeps at most `concurrency` sends in flight', async () => {
    const server = fakeWandb();
    const deps = server.deps();
    let inFlight = 0;
    let most = 0;
    const rows = Array.from({ length: 12 }, (_, index) => newRow(index, `u${index}@x.io`, ['v']));
    const result = await runInviteJob(job(rows, 3), {
      ...deps,
      async send(unit) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return deps.send(unit);
      },
    });
    expect(most).toBe(3);
    expect(jobProgress(result, server.clock)).toMatchObject({ invited: 12, left: 0 });
  });

  it('retries 429 after Retry-After, and 5xx and network errors with backoff', async () => {
    const server = fakeWandb(['rate-limited', 'server', 'network', 'ok']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(states(result)).toEqual([['0:v', 'invited', '']]);
    expect(result.units[0]?.attempts).toBe(4);
    // Retry-After 2 s beats the jittered 250 ms; then 0.5 · 1000 and 0.5 · 2000.
    expect(server.sleeps).toEqual([2000, 500, 1000]);
    expect(server.created).toEqual(['a@x.io|v']);
  });

  it('fails a unit with the reason after maxAttempts retryable errors', async () => {
    const server = fakeWandb(['server', 'server', 'server', 'server']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])], 1, 4), server.deps());
    expect(result.status).toBe('done');
    expect(result.units[0]?.state).toBe('failed');
    expect(result.units[0]?.reason).toMatch(/HTTP 502.*\(gave up after 4 attempts\)$/);
  });

  it('fails at once on an error that is not worth retrying', async () => {
    const server = fakeWandb(['forbidden']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(result.units[0]).toMatchObject({ state: 'failed', attempts: 1 });
    expect(server.sleeps).toEqual([]);
  });

  it('counts W&B\'s "already invited / member" answer as skipped with its text', async () => {
    const server = fakeWandb(['already']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(result.units[0]?.state).toBe('skipped');
    expect(result.units[0]?.reason).toContain('User is already a member of this team');
  });

  it('settles a retry that meets its own lost first invite as invited, not skipped', async () => {
    const server = fakeWandb(['ok-answer-lost']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(result.units[0]).toMatchObject({ state: 'invited', inviteId: 'inv-1' });
    expect(server.created).toEqual(['a@x.io|v']);
  });

  it('pauses as signed-out on not-signed-in, losing nothing, and finishes after resume', async () => {
    const server = fakeWandb(['ok', 'signed-out']);
    const rows = [newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['v']), newRow(2, 'c@x.io', ['v'])];
    const paused = await runInviteJob(job(rows), server.deps());
    expect(paused.status).toBe('paused-signed-out');
    expect(paused.message).toBe('Sign in to W&B again, then resume the job.');
    expect(paused.units.map((unit) => [unit.state, unit.attempts])).toEqual([
      ['invited', 1],
      ['queued', 0],
      ['queued', 0],
    ]);
    const resumed = await resumeInviteJob(paused, server.deps());
    expect(resumed.status).toBe('running');
    const done = await runInviteJob(resumed, server.deps());
    expect(done.status).toBe('done');
    expect(server.created).toEqual(['a@x.io|v', 'b@x.io|v', 'c@x.io|v']);
  });

  it('settles a unit left "sending" by a crash from W&B, never by re-sending', async () => {
    for (const outcome of ['crash-after', 'crash-before'] as const) {
      const server = fakeWandb([outcome]);
      await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
      const saved = server.lastSaved();
      expect(saved.units[0]?.state).toBe('sending');
      server.restart();
      const resumed = await resumeInviteJob(saved, server.deps());
      expect(resumed.units[0]?.state).toBe(outcome === 'crash-after' ? 'invited' : 'queued');
      const done = await runInviteJob(resumed, server.deps());
      expect(done.units[0]?.state).toBe('invited');
      expect(server.created).toEqual(['a@x.io|v']);
      expect(server.sent).toHaveLength(outcome === 'crash-after' ? 1 : 2);
    }
  });

  it('leaves a unit "sending" when the look-up fails, rather than sending it again', async () => {
    const server = fakeWandb(['crash-after']);
    await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    const saved = server.lastSaved();
    const deps = { ...server.deps(), findPendingInvite: () => Promise.reject(new Error('offline')) };
    await expect(resumeInviteJob(saved, deps)).rejects.toThrow('offline');
    expect(await runInviteJob(saved, { ...deps, signal: new AbortController().signal })).toMatchObject({
      status: 'running',
    });
    expect(server.sent).toHaveLength(1);
  });

  it('pauses and cancels on request, after the send in flight', async () => {
    const rows = [newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['v']), newRow(2, 'c@x.io', ['v'])];
    const server = fakeWandb();
    let request: 'pause' | 'cancel' | null = null;
    const deps = server.deps();
    const paused = await runInviteJob(job(rows), {
      ...deps,
      requested: () => request,
      async send(unit) {
        request = 'pause';
        return deps.send(unit);
      },
    });
    expect(paused.status).toBe('paused');
    expect(paused.units.map((unit) => unit.state)).toEqual(['invited', 'queued', 'queued']);
    request = 'cancel';
    const running = await resumeInviteJob(paused, deps);
    const cancelled = await runInviteJob(running, { ...deps, requested: () => request });
    expect(cancelled.status).toBe('cancelled');
    expect(states(cancelled)).toEqual([
      ['0:v', 'invited', ''],
      ['1:v', 'skipped', 'cancelled'],
      ['2:v', 'skipped', 'cancelled'],
    ]);
  });

  it('pause, cancel and retryFailed on a stored job', () => {
    const base = job([newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['v'])]);
    expect(pauseInviteJob(base).status).toBe('paused');
    expect(cancelInviteJob(base, NOW).units.map((unit) => [unit.state, unit.reason])).toEqual([
      ['skipped', 'cancelled'],
      ['skipped', 'cancelled'],
    ]);
    const failed: InviteJob = {
      ...base,
      status: 'done',
      units: base.units.map((unit, index) =>
        index === 0
          ? { ...unit, state: 'failed', reason: 'boom', attempts: 6, at: 'x' }
          : { ...unit, state: 'invited' },
      ),
    };
    const again = retryFailed(failed);
    expect(again.status).toBe('running');
    expect(again.units[0]).toEqual({
      key: '0:v',
      row: 2,
      email: 'a@x.io',
      team: 'v',
      admin: false,
      state: 'queued',
      attempts: 0,
    });
    expect(again.units[1]?.state).toBe('invited');
    expect(retryFailed(again)).toEqual(again);
  });

  it('sendRest queues only what a cancel left unsent, and then sends it once', async () => {
    const base = job([
      newRow(0, 'sent@x.io', ['v']),
      newRow(1, 'left@x.io', ['v']),
      newRow(2, 'late@x.io', ['v']),
      newRow(3, 'broke@x.io', ['v']),
    ]);
    const cancelled: InviteJob = {
      ...cancelInviteJob(base, NOW),
      units: cancelInviteJob(base, NOW).units.map((unit) => {
        if (unit.email === 'sent@x.io') {
          const { reason: _, ...rest } = unit;
          return { ...rest, state: 'invited', inviteId: 'inv-1', attempts: 1 };
        }
        // In flight at the cancel, then found absent at W&B: skipped as cancelled after one attempt.
        if (unit.email === 'late@x.io') return { ...unit, attempts: 1 };
        if (unit.email === 'broke@x.io') return { ...unit, state: 'failed', reason: 'boom', attempts: 6 };
        return unit;
      }),
    };
    const rest = sendRest(cancelled);
    expect(rest.status).toBe('running');
    expect(rest.units.map((unit) => [unit.email, unit.state, unit.attempts, unit.reason ?? ''])).toEqual([
      ['sent@x.io', 'invited', 1, ''],
      ['left@x.io', 'queued', 0, ''],
      ['late@x.io', 'queued', 0, ''],
      ['broke@x.io', 'failed', 6, 'boom'],
    ]);
    // The stored job is not touched; with nothing cancelled, nothing changes.
    expect(cancelled.status).toBe('cancelled');
    const done = {
      ...base,
      status: 'done' as const,
      units: base.units.map((u) => ({ ...u, state: 'invited' as const })),
    };
    expect(sendRest(done)).toEqual(done);

    const wandb = fakeWandb();
    const finished = await runInviteJob(rest, wandb.deps());
    expect(finished.status).toBe('done');
    expect([...wandb.sent].sort()).toEqual(['late@x.io|v', 'left@x.io|v']);
  });

  it('sendRest keeps a unit uncertain: an invite a 502 hid before the cancel is found as ours, not skipped', async () => {
    const base = job([newRow(0, 'hidden@x.io', ['v'])]);
    const [first] = base.units;
    if (!first) throw new Error('no unit');
    const wandb = fakeWandb(['created-then-502']);
    // The first send created the invite but answered 502; the retry was pending when the admin cancelled.
    await expect(wandb.deps().send({ ...first })).rejects.toThrow();
    const cancelled = cancelInviteJob(
      { ...base, units: base.units.map((unit) => ({ ...unit, attempts: 1, uncertain: true })) },
      NOW,
    );
    expect(cancelled.units[0]).toMatchObject({ state: 'skipped', reason: 'cancelled', uncertain: true });
    const rest = sendRest(cancelled);
    expect(rest.units[0]).toMatchObject({ state: 'queued', uncertain: true });
    const finished = await runInviteJob(rest, wandb.deps());
    expect(finished.units[0]).toMatchObject({ state: 'invited', inviteId: 'inv-1' });
    expect(wandb.created).toEqual(['hidden@x.io|v']);
  });
});

describe('progress', () => {
  it('counts and estimates from the observed rate', () => {
    const base = job(Array.from({ length: 12 }, (_, index) => newRow(index, `u${index}@x.io`, ['v'])));
    const units = base.units.map((unit, index) => ({
      ...unit,
      state: index < 5 ? ('invited' as const) : index === 5 ? ('skipped' as const) : ('queued' as const),
    }));
    const running: InviteJob = { ...base, units, run: { startedAt: NOW, finishedAtStart: 0 } };
    const progress = jobProgress(running, NOW + 20_000);
    expect(progress).toEqual({ total: 12, invited: 5, skipped: 1, failed: 0, left: 6, etaMs: 20_000 });
    expect(progressText(progress)).toBe('Invited 5 · Skipped 1 · Failed 0 · Left 6 · about 20 s left');
    expect(jobProgress({ ...running, status: 'paused' }, NOW).etaMs).toBe(null);
  });

  it.each([
    [null, ''],
    [400, 'about 1 s left'],
    [59_000, 'about 59 s left'],
    [150_000, 'about 3 min left'],
    [3_900_000, 'about 1 h 5 min left'],
  ])('formatEta(%j) = %j', (ms, text) => {
    expect(formatEta(ms)).toBe(text);
  });
});

describe('resultsCsvChunks', () => {
  it('writes one neutralised line per unit under the fixed header', async () => {
    const server = fakeWandb(['ok', 'forbidden']);
    const rows = [
      newRow(0, 'a@x.io', ['v']),
      newRow(1, '=b@x.io', ['v']),
      {
        ...newRow(2, 'c@x.io', ['v']),
        status: 'member' as const,
        reason: 'Nothing to send: already a member of v.',
        sends: [],
      },
    ];
    const result = await runInviteJob(job(rows), server.deps());
    const lines = [...resultsCsvChunks(result, { delimiter: ',', bom: false })].join('').split('\r\n');
    expect(lines[0]).toBe('row,email,team,team_role,status,reason,invite_id,at');
    expect(lines[1]).toBe(`2,a@x.io,v,member,invited,,inv-1,${result.units[0]?.at}`);
    expect(lines[2]).toMatch(/^3,'=b@x\.io,v,member,failed,"You are signed in to W&B, but W&B says/);
    expect(lines[3]).toBe(
      '4,c@x.io,v,member,skipped,Nothing to send: already a member of v.,,2026-11-21T10:00:00.000Z',
    );
    expect(lines).toHaveLength(5);
  });

  it('writes units not sent yet, and units cancelled before they were sent, as not-sent, saying why', () => {
    const queued = job([newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['w'])]);
    const csv = [...resultsCsvChunks(pauseInviteJob(queued), { delimiter: ';', bom: true })].join('');
    expect(csv).toBe(
      '\uFEFFrow;email;team;team_role;status;reason;invite_id;at\r\n' +
        '2;a@x.io;v;member;not-sent;not sent yet (job paused);;\r\n' +
        '3;b@x.io;w;member;not-sent;not sent yet (job paused);;\r\n',
    );
    const cancelled = cancelInviteJob(queued, Date.parse('2026-11-21T10:05:00Z'));
    const lines = [...resultsCsvChunks(cancelled, { delimiter: ',', bom: false })].join('').split('\r\n');
    expect(lines[1]).toBe(
      '2,a@x.io,v,member,not-sent,cancelled before it was sent,,2026-11-21T10:05:00.000Z',
    );
  });
});
