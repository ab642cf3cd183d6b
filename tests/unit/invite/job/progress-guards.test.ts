/**
 * The progress line of a bulk-invite job (`lib/invite/job/progress.ts`): an ETA only while the
 * job runs, has something left and has a rate to go by, and the unit boundaries of its text.
 */
import { describe, expect, it } from 'vitest';
import {
  createInviteJob,
  formatEta,
  type InviteJob,
  type InviteUnitState,
  jobProgress,
  progressText,
} from '@/lib/invite/job';
import { newRow } from './fakeServer';

function jobOf(states: InviteUnitState[], status: InviteJob['status'], finishedAtStart = 0): InviteJob {
  const created = createInviteJob(
    states.map((_, index) => newRow(index, `u${index}@x.io`, ['v'])),
    { id: 'job-1', org: 'acme', scope: 'org:acme', now: 0 },
  );
  return {
    ...created,
    status,
    run: { startedAt: 1_000, finishedAtStart },
    units: created.units.map((unit, index) => ({ ...unit, state: states[index] ?? 'queued' })),
  };
}

describe('job progress guards', () => {
  it('guard "an ETA from the rate so far": 2 units done in 10 s with 3 left is 15 s', () => {
    expect(
      jobProgress(jobOf(['invited', 'failed', 'queued', 'sending', 'queued'], 'running'), 11_000),
    ).toEqual({
      total: 5,
      invited: 1,
      skipped: 0,
      failed: 1,
      left: 3,
      etaMs: 15_000,
    });
  });

  it('guard "no ETA when nothing is left": a running job whose units are all final has none, not 0 s', () => {
    expect(jobProgress(jobOf(['invited', 'skipped'], 'running'), 11_000)).toMatchObject({
      left: 0,
      etaMs: null,
    });
  });

  it('guard "no ETA unless running": a paused or signed-out job with units left has none', () => {
    for (const status of ['paused', 'paused-signed-out', 'cancelled'] as const)
      expect(jobProgress(jobOf(['invited', 'queued'], status), 11_000)).toMatchObject({
        left: 1,
        etaMs: null,
      });
  });

  it('guard "no ETA before this run finished a unit": units final before the run started give no rate', () => {
    expect(jobProgress(jobOf(['invited', 'queued'], 'running', 1), 11_000)).toMatchObject({
      left: 1,
      etaMs: null,
    });
  });

  it('guard "no ETA without elapsed time": at the very start of the run there is none', () => {
    expect(jobProgress(jobOf(['invited', 'queued'], 'running'), 1_000)).toMatchObject({
      left: 1,
      etaMs: null,
    });
  });

  it('guard "units switch at 60": 60 s reads as 1 min, 60 min as 1 h 0 min', () => {
    expect(formatEta(59_000)).toBe('about 59 s left');
    expect(formatEta(60_000)).toBe('about 1 min left');
    expect(formatEta(59 * 60_000)).toBe('about 59 min left');
    expect(formatEta(60 * 60_000)).toBe('about 1 h 0 min left');
  });

  it('guard "the ETA part only when known": no trailing separator without an ETA', () => {
    const counts = { total: 9, invited: 1_200, skipped: 2, failed: 3, left: 4 };
    expect(progressText({ ...counts, etaMs: null })).toBe('Invited 1,200 · Skipped 2 · Failed 3 · Left 4');
    expect(progressText({ ...counts, etaMs: 20_000 })).toBe(
      'Invited 1,200 · Skipped 2 · Failed 3 · Left 4 · about 20 s left',
    );
  });
});
