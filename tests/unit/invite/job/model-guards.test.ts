/**
 * The job model's guards (`lib/invite/job/model.ts`): what a job is made of, what "send the rest"
 * and "pause" may touch, and that a saved copy never changes behind the saver's back.
 */
import { describe, expect, it } from 'vitest';
import type { ClassifiedRow } from '@/lib/invite/classify';
import {
  cancelInviteJob,
  cloneJob,
  createInviteJob,
  type InviteJob,
  pauseInviteJob,
  sendRest,
} from '@/lib/invite/job';
import { newRow } from './fakeServer';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);
const job = (rows: ClassifiedRow[]): InviteJob =>
  createInviteJob(rows, { id: 'job-1', org: 'acme', scope: 'org:acme', now: NOW });
const scimRow = (index: number, email: string, teams: string[]): ClassifiedRow => ({
  ...newRow(index, email, teams),
  orgRole: 'admin',
  via: 'scim',
});
const memberRow = (index: number, email: string, teams: string[]): ClassifiedRow => ({
  ...newRow(index, email, teams),
  status: 'member',
  reason: `Nothing to send: already a member of ${teams.join(' and ')}.`,
  sends: [],
});
const view = (result: InviteJob) =>
  result.units.map((unit) => [unit.row, unit.team, unit.state, unit.reason ?? '']);

describe('what a job is made of', () => {
  it('guard "a row with nothing to send is one skipped unit naming every team": its results line lists them all', () => {
    const created = job([memberRow(0, 'ann@x.io', ['vision', 'nlp']), newRow(1, 'bo@x.io', ['vision'])]);
    expect(view(created)).toEqual([
      [2, 'vision; nlp', 'skipped', 'Nothing to send: already a member of vision and nlp.'],
      [3, 'vision', 'queued', ''],
    ]);
  });

  it('guard "the progress bar\'s whole is what the job sends": the dry run\'s skips are not planned', () => {
    const created = job([
      memberRow(0, 'ann@x.io', ['vision']),
      newRow(1, 'bo@x.io', ['vision', 'nlp']),
      memberRow(2, 'cy@x.io', ['nlp']),
    ]);
    expect(created.units).toHaveLength(4);
    expect(created.planned).toBe(2);
  });

  it('guard "units follow the input rows": rows that arrive out of order still give units in row order', () => {
    const created = job([
      newRow(4, 'e@x.io', ['v']),
      newRow(0, 'a@x.io', ['v']),
      newRow(2, 'c@x.io', ['v']),
      newRow(1, 'b@x.io', ['v']),
    ]);
    expect(created.units.map((unit) => unit.email)).toEqual(['a@x.io', 'b@x.io', 'c@x.io', 'e@x.io']);
  });

  it('guard "every SCIM person is a unit of its own": two people created with the admin key have two keys (the audit log records each by its key)', () => {
    const created = job([scimRow(0, 'ann@x.io', ['vision', 'nlp']), scimRow(1, 'bo@x.io', ['nlp'])]);
    expect(created.units.map((unit) => [unit.key, unit.team, unit.teams, unit.via, unit.orgRole])).toEqual([
      ['0:scim', 'vision; nlp', ['vision', 'nlp'], 'scim', 'admin'],
      ['1:scim', 'nlp', ['nlp'], 'scim', 'admin'],
    ]);
    expect(new Set(created.units.map((unit) => unit.key)).size).toBe(2);
  });
});

describe('send the rest, pause', () => {
  it('guard "send the rest re-queues only what the cancel left unsent": the dry run\'s skips and what was invited stay', () => {
    const created = job([
      memberRow(0, 'ann@x.io', ['vision']),
      newRow(1, 'bo@x.io', ['vision']),
      newRow(2, 'cy@x.io', ['vision']),
    ]);
    const sentOne: InviteJob = {
      ...created,
      units: created.units.map((unit) =>
        unit.email === 'bo@x.io' ? { ...unit, state: 'invited', attempts: 1, at: 'then' } : unit,
      ),
    };
    const cancelled = cancelInviteJob(sentOne, NOW + 1_000);
    expect(view(cancelled)).toEqual([
      [2, 'vision', 'skipped', 'Nothing to send: already a member of vision.'],
      [3, 'vision', 'invited', ''],
      [4, 'vision', 'skipped', 'cancelled'],
    ]);
    const rest = sendRest(cancelled);
    expect(rest.status).toBe('running');
    expect(view(rest)).toEqual([
      [2, 'vision', 'skipped', 'Nothing to send: already a member of vision.'],
      [3, 'vision', 'invited', ''],
      [4, 'vision', 'queued', ''],
    ]);
  });

  it('guard "only a running job pauses": pausing a finished or cancelled job leaves its status', () => {
    const created = job([newRow(0, 'a@x.io', ['v'])]);
    expect(pauseInviteJob(created).status).toBe('paused');
    expect(pauseInviteJob({ ...created, status: 'done' }).status).toBe('done');
    expect(pauseInviteJob(cancelInviteJob(created, NOW)).status).toBe('cancelled');
  });

  it('guard "a saved copy never changes": changing a copy\'s teams or run does not reach the job it was made from', () => {
    const original: InviteJob = {
      ...job([scimRow(0, 'ann@x.io', ['vision', 'nlp'])]),
      run: { startedAt: NOW, finishedAtStart: 0 },
    };
    const copy = cloneJob(original);
    copy.units[0]?.teams?.push('extra');
    if (copy.run) copy.run.finishedAtStart = 7;
    expect(original.units[0]?.teams).toEqual(['vision', 'nlp']);
    expect(original.run).toEqual({ startedAt: NOW, finishedAtStart: 0 });
  });
});
