/**
 * The results file's promise that every row is accounted for (`lib/invite/job/results.ts`): a
 * unit left in flight is never reported as sent, only a cancelled skip reads `not-sent`, and the
 * team role of each line is the unit's own.
 */
import { describe, expect, it } from 'vitest';
import {
  createInviteJob,
  type InviteJob,
  type InviteUnit,
  resultOf,
  resultsCsvChunks,
} from '@/lib/invite/job';
import { newRow } from './fakeServer';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

function jobWith(...changes: Partial<InviteUnit>[]): InviteJob {
  const created = createInviteJob(
    changes.map((_, index) => newRow(index, `u${index}@x.io`, ['v'])),
    { id: 'job-1', org: 'acme', scope: 'org:acme', now: NOW },
  );
  return { ...created, units: created.units.map((unit, index) => ({ ...unit, ...changes[index] })) };
}

describe('results file guards', () => {
  it('guard "a unit left sending is not confirmed": it is written as failed, telling the admin to resume, never as sent', () => {
    const job = { ...jobWith({ state: 'sending', attempts: 1 }), status: 'paused' as const };
    const unit = job.units[0]!;
    expect(resultOf(unit, job)).toEqual([
      'failed',
      'not confirmed: the job stopped while sending; resume it to settle whether W&B created the invite',
    ]);
    const lines = [...resultsCsvChunks(job, { delimiter: ',', bom: false })].join('').split('\r\n');
    expect(lines[1]).toBe(
      '2,u0@x.io,v,member,failed,not confirmed: the job stopped while sending; resume it to settle whether W&B created the invite,,',
    );
  });

  it('guard "only a skipped unit can be not-sent": a failed or invited unit whose reason reads "cancelled" keeps its state', () => {
    const job = jobWith(
      { state: 'failed', reason: 'cancelled' },
      { state: 'invited', reason: 'cancelled', inviteId: 'inv-9' },
      { state: 'skipped', reason: 'cancelled' },
      { state: 'skipped', reason: 'already a member of v' },
    );
    expect(job.units.map((unit) => resultOf(unit, job))).toEqual([
      ['failed', 'cancelled'],
      ['invited', 'cancelled'],
      ['not-sent', 'cancelled before it was sent'],
      ['skipped', 'already a member of v'],
    ]);
  });

  it('guard "the team role is the unit\'s own": an admin invite is written as admin, a member invite as member', () => {
    const job = jobWith(
      { state: 'invited', admin: true, inviteId: 'inv-1', at: '2026-11-21T10:01:00.000Z' },
      { state: 'invited', admin: false, inviteId: 'inv-2', at: '2026-11-21T10:02:00.000Z' },
    );
    const lines = [...resultsCsvChunks(job, { delimiter: ';', bom: false })].join('').split('\r\n');
    expect(lines).toEqual([
      'row;email;team;team_role;status;reason;invite_id;at',
      '2;u0@x.io;v;admin;invited;;inv-1;2026-11-21T10:01:00.000Z',
      '3;u1@x.io;v;member;invited;;inv-2;2026-11-21T10:02:00.000Z',
      '',
    ]);
  });
});
