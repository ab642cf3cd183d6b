/**
 * Guards of the impact analysis and the fresh-data checks (`lib/offboarding/impact.ts`) that
 * `impact.test.ts` passes through: who counts as another org admin, which team rows are the
 * member's, and what the impact lists (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import {
  adminCandidates,
  analyseImpact,
  guardOrgRemoval,
  guardTeamRemoval,
  otherOrgAdmins,
  runsOf,
  snapshotOf,
  soleAdminTeams,
} from '@/lib/offboarding/impact';
import { directoryOf, member } from '../export/fixtures';
import { NO_READS, T0 } from './case-fixture';

describe('last org admin guards', () => {
  it('guard "a deactivated org admin is no other admin": the active one is the last, and removal is refused', () => {
    const org = directoryOf([
      member({ username: 'alice', orgRole: 'admin' }),
      member({ username: 'old', orgRole: 'admin', status: 'deactivated' }),
    ]);
    expect(otherOrgAdmins(org, 'alice')).toBe(0);
    expect(analyseImpact(org, 'alice', NO_READS, T0).lastOrgAdmin).toBe(true);
    expect(guardOrgRemoval(org, 'alice')).toEqual({
      ok: false,
      reason:
        'alice is the last org admin. W&B requires at least one; make another member an org admin first.',
    });
  });

  it('guard "an org admin with another active admin may go"', () => {
    const org = directoryOf([
      member({ username: 'alice', orgRole: 'admin' }),
      member({ username: 'bob', orgRole: 'admin' }),
    ]);
    expect(guardOrgRemoval(org, 'alice')).toEqual({ ok: true });
  });

  it('guard "only an admin can be the last admin": a member may go when no active admin is visible', () => {
    const org = directoryOf([
      member({ username: 'zoe' }),
      member({ username: 'old', orgRole: 'admin', status: 'deactivated' }),
    ]);
    expect(guardOrgRemoval(org, 'zoe')).toEqual({ ok: true });
  });

  it('guard "org roles partly shown are still counted": one member without a role does not make the count unknown', () => {
    const org = directoryOf([
      member({ username: 'alice', orgRole: 'admin' }),
      member({ username: 'bob', orgRole: 'admin' }),
      member({ username: 'svc', orgRole: null }),
    ]);
    expect(otherOrgAdmins(org, 'svc')).toBe(2);
  });

  it('guard "without the member\'s own role, removal is refused" even when other admins are counted', () => {
    const org = directoryOf([
      member({ username: 'alice', orgRole: 'admin' }),
      member({ username: 'zoe', orgRole: null }),
    ]);
    expect(guardOrgRemoval(org, 'zoe')).toEqual({
      ok: false,
      reason: 'W&B did not show org roles, so the toolkit cannot confirm another org admin remains.',
    });
  });

  it('guard "a sole team admin may not leave the org": every such team is named', () => {
    const org = directoryOf([
      member({ username: 'alice', orgRole: 'admin' }),
      member({
        username: 'dave',
        teams: [
          { team: 'robotics', role: 'admin' },
          { team: 'vision', role: 'admin' },
        ],
      }),
    ]);
    expect(guardOrgRemoval(org, 'dave')).toEqual({
      ok: false,
      reason: 'dave is the only admin of robotics, vision (W&B’s current data). Reassign first.',
    });
  });
});

describe('team guards', () => {
  it('guard "someone the directory does not list is sole admin of nothing"', () => {
    expect(soleAdminTeams(directoryOf([member({ username: 'alice' })]), 'nobody')).toEqual([]);
  });

  it('guard "a team member without a username is not offered as the new admin"', () => {
    const org = directoryOf([
      member({ username: 'dave', teams: [{ team: 'vision', role: 'admin' }] }),
      { ...member({ username: 'x', teams: [{ team: 'vision', role: 'member' }] }), username: null },
      member({ username: 'zoe', teams: [{ team: 'vision', role: 'member' }] }),
    ]);
    expect(adminCandidates(org, 'vision', 'dave')).toEqual([{ username: 'zoe', name: 'zoe' }]);
  });

  it('guard "the member\'s own, joined row decides": another admin listed first, or their pending invite, does not', () => {
    const rows = [
      { username: 'zoe', role: 'admin', pending: false },
      { username: 'dave', role: 'admin', pending: true },
      { username: 'dave', role: 'member', pending: false },
    ];
    expect(guardTeamRemoval(rows, 'robotics', 'dave')).toEqual({ ok: true });
    const alone = [
      { username: 'dave', role: 'admin', pending: true },
      { username: 'zoe', role: 'member', pending: false },
    ];
    expect(guardTeamRemoval(alone, 'robotics', 'dave')).toEqual({ ok: true });
    const sole = [
      { username: 'zoe', role: 'member', pending: false },
      { username: 'dave', role: 'admin', pending: false },
    ];
    expect(guardTeamRemoval(sole, 'robotics', 'dave')).toEqual({
      ok: false,
      reason:
        'dave is now the only admin of team robotics (W&B’s current data). Make another member its admin first.',
    });
  });

  it('guard "no longer in the team is no blocker"', () => {
    expect(
      guardTeamRemoval([{ username: 'zoe', role: 'admin', pending: false }], 'robotics', 'dave'),
    ).toEqual({
      ok: true,
    });
  });
});

describe('impact listing guards', () => {
  it('guard "service accounts listed are the ones in the member\'s teams, with those teams only"', () => {
    const org = directoryOf([
      member({
        username: 'frank',
        accountType: 'service',
        teams: [
          { team: 'vision', role: 'member' },
          { team: 'nlp', role: 'member' },
        ],
      }),
      member({
        username: 'ci-bot',
        accountType: 'service',
        teams: [
          { team: 'vision', role: 'member' },
          { team: 'infra', role: 'member' },
        ],
      }),
      member({ username: 'etl', accountType: 'service', teams: [{ team: 'infra', role: 'member' }] }),
      member({ username: 'zoe', teams: [{ team: 'nlp', role: 'member' }] }),
    ]);
    expect(analyseImpact(org, 'frank', NO_READS, T0).serviceAccounts).toEqual([
      { username: 'ci-bot', name: 'ci-bot', teams: ['vision'] },
    ]);
  });

  it('guard "a member W&B shows without a username is recorded with an empty one"', () => {
    const snapshot = snapshotOf({ ...member({ username: 'x' }), username: null }, T0);
    expect(snapshot.username).toBe('');
  });

  it('guard "at most 20 recent runs", newest first', () => {
    const runs = Array.from({ length: 25 }, (_, n) => ({
      team: 'vision',
      project: 'p',
      name: `r${n}`,
      createdAt: `2026-11-${String(n + 1).padStart(2, '0')}T00:00:00Z`,
      heartbeatAt: null,
      username: 'frank',
    }));
    const listed = runsOf(runs, 'frank');
    expect(listed).toHaveLength(20);
    expect(listed[0]?.name).toBe('r24');
    expect(listed.at(-1)?.name).toBe('r5');
  });
});
