import { describe, expect, it } from 'vitest';
import type { ClassifiedRow } from '@/lib/invite/classify';
import { createInviteJob, type InviteJob, resumeInviteJob, runInviteJob } from '@/lib/invite/job';
import { fakeWandb, newRow } from './fakeServer';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

function job(rows: ClassifiedRow[], concurrency = 1): InviteJob {
  return createInviteJob(rows, { id: 'job-1', org: 'acme', scope: 'org:acme', now: NOW, concurrency });
}

const states = (result: InviteJob) => result.units.map((unit) => [unit.key, unit.state, unit.reason ?? '']);

describe('invite job guards', () => {
  it('guard "settle only units left sending": resuming a job with rows the dry run skipped sends only the planned invite', async () => {
    const rows: ClassifiedRow[] = [
      { ...newRow(0, 'ann@x.io', ['v']), status: 'member', reason: 'already a member of v', sends: [] },
      { ...newRow(1, 'not-an-address', ['v']), status: 'invalid', reason: 'Bad email', sends: [] },
      {
        ...newRow(2, 'cy@x.io', ['v', 'w']),
        sends: [{ team: 'v', admin: false }],
        skippedTeams: [{ team: 'w', reason: 'no team w' }],
      },
    ];
    const server = fakeWandb(['crash-before']);
    await runInviteJob(job(rows), server.deps());
    server.restart();
    const resumed = await resumeInviteJob(server.lastSaved(), server.deps());
    const done = await runInviteJob(resumed, server.deps());
    expect(server.sent).toEqual(['cy@x.io|v', 'cy@x.io|v']);
    expect(states(done)).toEqual([
      ['0:', 'skipped', 'already a member of v'],
      ['1:', 'skipped', 'Bad email'],
      ['2:v', 'invited', ''],
      ['2:w', 'skipped', 'no team w'],
    ]);
  });

  it('guard "a failed save stops the run": the run rejects with the storage error instead of looking finished', async () => {
    const server = fakeWandb();
    const deps = server.deps();
    let saves = 0;
    const run = runInviteJob(job([newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['v'])]), {
      ...deps,
      async save(saved) {
        saves++;
        if (saves === 3) throw new Error('QUOTA_BYTES quota exceeded');
        await deps.save(saved);
      },
    });
    await expect(run).rejects.toThrow('QUOTA_BYTES quota exceeded');
    // Saved: the start, then a@x.io sending; a@x.io's answer was the save that failed, and b@x.io never left.
    expect(server.sent).toEqual(['a@x.io|v']);
    expect(server.lastSaved().status).toBe('running');
    expect(server.lastSaved().units.map((unit) => unit.state)).toEqual(['sending', 'queued']);
  });

  it.each([
    ['an HTTP 502', 'created-then-502'],
    ['a timeout', 'created-then-timeout'],
    ['a dropped connection', 'ok-answer-lost'],
  ] as const)(
    'guard "the request may have arrived": after %s that did create the invite, the retry reports it invited, not skipped',
    async (_name, outcome) => {
      const server = fakeWandb([outcome]);
      const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
      expect(result.units[0]).toMatchObject({ state: 'invited', inviteId: 'inv-1', attempts: 2 });
      expect(result.units[0]).not.toHaveProperty('uncertain');
      expect(server.created).toEqual(['a@x.io|v']);
    },
  );

  it('guard "someone else\'s invite is skipped": an "already invited" answer to a first, certain request is skipped with W&B\'s words', async () => {
    const server = fakeWandb(['already']);
    const result = await runInviteJob(job([newRow(0, 'a@x.io', ['v'])]), server.deps());
    expect(states(result)).toEqual([
      [
        '0:v',
        'skipped',
        'W&B rejected the request: "User is already a member of this team". Retry; if it keeps failing, copy this message into a bug report.',
      ],
    ]);
    expect(server.created).toEqual([]);
  });
});
