import { describe, expect, it } from 'vitest';
import {
  analyseImpact,
  guardOrgRemoval,
  guardTeamRemoval,
  otherOrgAdmins,
  runsOf,
  soleAdminTeams,
} from '@/lib/offboarding/impact';
import { directoryOf, member } from '../export/fixtures';

const noReads = {
  apiKeys: { status: 'unreadable' as const, reason: 'instance admins only' },
  runs: { status: 'read' as const, items: [] },
};

function org() {
  return directoryOf([
    member({
      username: 'alice',
      orgRole: 'admin',
      teams: [
        { team: 'vision', role: 'admin' },
        { team: 'robotics', role: 'member' },
      ],
    }),
    member({ username: 'bob', orgRole: 'admin', teams: [{ team: 'infra', role: 'admin' }] }),
    member({
      username: 'dave',
      name: 'Dave D',
      teams: [
        { team: 'robotics', role: 'admin' },
        { team: 'vision', role: 'member' },
      ],
    }),
    member({ username: 'zoe', teams: [{ team: 'robotics', role: 'member' }] }),
    member({ username: 'gone', status: 'deactivated', teams: [{ team: 'robotics', role: 'admin' }] }),
    member({
      username: 'ci-bot',
      accountType: 'service',
      orgRole: 'admin',
      teams: [{ team: 'robotics', role: 'member' }],
    }),
  ]);
}

describe('impact analysis', () => {
  it('finds the teams a member is the only active admin of, with who could take over', () => {
    const impact = analyseImpact(org(), 'dave', noReads, '2026-11-28T00:00:00.000Z');
    expect(impact.member).toMatchObject({
      username: 'dave',
      name: 'Dave D',
      orgRole: 'member',
      teams: [
        { team: 'robotics', role: 'admin' },
        { team: 'vision', role: 'member' },
      ],
    });
    // A deactivated admin does not count; the service account is not offered as team admin.
    expect(impact.soleAdminTeams).toEqual([
      {
        team: 'robotics',
        candidates: [
          { username: 'alice', name: 'alice' },
          { username: 'zoe', name: 'zoe' },
        ],
      },
    ]);
    expect(impact.lastOrgAdmin).toBe(false);
    expect(impact.serviceAccounts).toEqual([{ username: 'ci-bot', name: 'ci-bot', teams: ['robotics'] }]);
    expect(impact.sentInvites.status).toBe('unreadable');
    expect(impact.apiKeys).toEqual(noReads.apiKeys);
  });

  it('a team with another admin is no blocker', () => {
    expect(soleAdminTeams(org(), 'alice')).toEqual(['vision']);
    const withCarol = directoryOf([
      ...org().members,
      member({ username: 'carol', teams: [{ team: 'vision', role: 'admin' }] }),
    ]);
    expect(soleAdminTeams(withCarol, 'alice')).toEqual([]);
  });

  it('the last active human org admin is a hard block; a service-account admin does not count', () => {
    const oneAdmin = directoryOf(org().members.filter((m) => m.username !== 'bob'));
    expect(otherOrgAdmins(oneAdmin, 'alice')).toBe(0);
    expect(analyseImpact(oneAdmin, 'alice', noReads, 'now').lastOrgAdmin).toBe(true);
    expect(analyseImpact(org(), 'alice', noReads, 'now').lastOrgAdmin).toBe(false);
  });

  it('org roles unknown (per-team fallback): other admins are unknown, not zero', () => {
    const unknown = directoryOf(
      org().members.map((m) => ({ ...m, orgRole: null })),
      [],
      { complete: false },
    );
    expect(otherOrgAdmins(unknown, 'alice')).toBeNull();
    const impact = analyseImpact(unknown, 'alice', noReads, 'now');
    expect(impact.lastOrgAdmin).toBe(false);
    expect(impact.complete).toBe(false);
  });

  it('refuses a username the directory does not list', () => {
    expect(() => analyseImpact(org(), 'nobody', noReads, 'now')).toThrow(/not a member/);
  });

  it('keeps only the member’s runs, most recent heartbeat first', () => {
    const run = (
      name: string,
      username: string | null,
      heartbeatAt: string | null,
      createdAt = '2026-01-01T00:00:00Z',
    ) => ({
      team: 'vision',
      project: 'p',
      name,
      createdAt,
      heartbeatAt,
      username,
    });
    expect(
      runsOf(
        [
          run('a', 'dave', '2026-03-01T00:00:00Z'),
          run('b', 'zoe', '2026-05-01T00:00:00Z'),
          run('c', 'dave', null, '2026-04-01T00:00:00Z'),
          run('d', null, null),
        ],
        'dave',
      ).map((r) => r.name),
    ).toEqual(['c', 'a']);
  });
});

describe('guards on fresh data', () => {
  it('team removal is refused while the member is the team’s only admin', () => {
    const rows = [
      { username: 'dave', role: 'admin', pending: false },
      { username: 'zoe', role: 'member', pending: false },
      { username: 'new@x.test', role: 'admin', pending: true },
    ];
    expect(guardTeamRemoval(rows, 'robotics', 'dave')).toEqual({
      ok: false,
      reason: expect.stringContaining('only admin of team robotics'),
    });
    expect(
      guardTeamRemoval(
        [...rows.slice(0, 1), { username: 'zoe', role: 'admin', pending: false }],
        'robotics',
        'dave',
      ),
    ).toEqual({ ok: true });
    expect(guardTeamRemoval(rows, 'robotics', 'zoe')).toEqual({ ok: true });
  });

  it('org removal: never the last org admin, never while a sole team admin, never with roles unknown', () => {
    const oneAdmin = directoryOf(org().members.filter((m) => m.username !== 'bob'));
    expect(guardOrgRemoval(oneAdmin, 'alice')).toEqual({
      ok: false,
      reason: expect.stringContaining('last org admin'),
    });
    expect(guardOrgRemoval(org(), 'dave')).toEqual({
      ok: false,
      reason: expect.stringContaining('only admin of robotics'),
    });
    expect(guardOrgRemoval(org(), 'zoe')).toEqual({ ok: true });
    const unknown = directoryOf(org().members.map((m) => ({ ...m, orgRole: null })));
    expect(guardOrgRemoval(unknown, 'zoe')).toEqual({
      ok: false,
      reason: expect.stringContaining('cannot confirm'),
    });
    expect(guardOrgRemoval(org(), 'nobody')).toEqual({ ok: true });
  });
});
