/**
 * The admin key fills the per-team fallback (issue 15): SCIM's users and groups complete an org
 * directory the session could read only per team — org roles, team roles, members outside the
 * viewer's teams — and nothing the session read better is lost.
 */
import { describe, expect, it } from 'vitest';
import type { DirectorySummary } from '@/lib/wandb/directory';
import { fillDirectoryFromScim, fillSummaryFromScim, SCIM_FILL_NOTE } from '@/lib/wandb/directory/scim-fill';
import type { ScimUser } from '@/lib/wandb/scim';
import { directoryOf, member } from '../export/fixtures';

const READ_AT = '2026-12-04T10:00:00.000Z';
const scimUser = (userName: string, extra: Partial<ScimUser> = {}): ScimUser => ({
  id: `scim-${userName}`,
  userName,
  emails: [{ value: `${userName}@acme.test`, primary: true }],
  active: true,
  ...extra,
});

/** The session's view: alice's team only, no org roles. */
const perTeam = () =>
  directoryOf(
    [
      member({
        username: 'alice',
        name: 'Alice A',
        orgRole: null,
        teams: [{ team: 'vision', role: 'admin' }],
      }),
      member({
        username: 'bob',
        name: 'Bob B',
        orgRole: null,
        accountType: 'user',
        teams: [{ team: 'vision', role: 'member' }],
      }),
    ],
    [],
    {
      source: 'per-team',
      complete: false,
      visibleTeams: 1,
      viewer: { username: 'alice', isOrgAdmin: null, isTeamAdmin: true },
    },
  );

const scim = {
  users: [
    scimUser('alice', { organizationRole: 'admin', teamRoles: [{ teamName: 'vision', roleName: 'admin' }] }),
    scimUser('bob', {
      organizationRole: 'member',
      teamRoles: [
        { teamName: 'vision', roleName: 'member' },
        { teamName: 'nlp', roleName: 'viewer' },
      ],
    }),
    scimUser('carol', {
      displayName: 'Carol C',
      organizationRole: 'viewer',
      active: false,
      teamRoles: [{ teamName: 'nlp', roleName: 'admin' }],
    }),
  ],
  groups: [
    { id: 'g1', displayName: 'vision', members: [{ value: 'scim-alice' }, { value: 'scim-bob' }] },
    { id: 'g2', displayName: 'nlp', members: [{ value: 'scim-bob' }, { value: 'scim-carol' }] },
  ],
  readAt: READ_AT,
};

describe('fillDirectoryFromScim', () => {
  it('adds org roles, every team role and the members outside the viewer’s teams, and says where they came from', () => {
    const filled = fillDirectoryFromScim(perTeam(), scim);
    expect(filled.members.map((m) => [m.username, m.name, m.orgRole, m.status, m.teams])).toEqual([
      ['alice', 'Alice A', 'admin', 'active', [{ team: 'vision', role: 'admin' }]],
      [
        'bob',
        'Bob B',
        'member',
        'active',
        [
          { team: 'nlp', role: 'view-only' },
          { team: 'vision', role: 'member' },
        ],
      ],
      ['carol', 'Carol C', 'viewer', 'deactivated', [{ team: 'nlp', role: 'admin' }]],
    ]);
    expect(filled.members.find((m) => m.username === 'carol')?.email).toBe('carol@acme.test');
    expect(filled.teams).toEqual([
      { name: 'nlp', memberCount: 2 },
      { name: 'vision', memberCount: 2 },
    ]);
    expect(filled).toMatchObject({
      complete: true,
      visibleTeams: 2,
      source: 'per-team',
      fallbackReason: SCIM_FILL_NOTE,
      viewer: { username: 'alice', isOrgAdmin: true },
      filledFromScim: { users: 3, groups: 2, readAt: READ_AT },
    });
  });

  it('keeps a member only the session saw, and leaves org-query and team directories alone', () => {
    const base = perTeam();
    const onlySession = fillDirectoryFromScim(base, {
      ...scim,
      users: scim.users.filter((u) => u.userName !== 'bob'),
    });
    expect(onlySession.members.find((m) => m.username === 'bob')).toEqual(base.members[1]);
    const org = directoryOf(base.members);
    expect(fillDirectoryFromScim(org, scim)).toBe(org);
    const team = { ...base, scope: { kind: 'team' as const, team: 'vision', org: 'acme' } };
    expect(fillDirectoryFromScim(team, scim)).toBe(team);
  });
});

describe('fillSummaryFromScim', () => {
  it("counts every SCIM user and team for the bar, and the viewer's org role settles whether they are an admin", () => {
    const base: DirectorySummary = {
      scope: { kind: 'org', org: 'acme' },
      source: 'per-team',
      fallbackReason: 'W&B refused the org query.',
      memberCount: 2,
      pendingInvites: 1,
      seats: null,
      viewer: { username: 'alice', isOrgAdmin: null, isTeamAdmin: true },
      visibleTeams: 1,
      complete: false,
      org: { id: 'org-1', name: 'acme' },
    };
    expect(
      fillSummaryFromScim(base, { users: 3, groups: 2, viewerOrgRole: 'admin', readAt: READ_AT }),
    ).toEqual({
      ...base,
      memberCount: 3,
      visibleTeams: 2,
      complete: true,
      fallbackReason: SCIM_FILL_NOTE,
      viewer: { username: 'alice', isOrgAdmin: true, isTeamAdmin: true },
      filledFromScim: { users: 3, groups: 2, readAt: READ_AT },
    });
    const unknownRole = fillSummaryFromScim(base, {
      users: 3,
      groups: 2,
      viewerOrgRole: null,
      readAt: READ_AT,
    });
    expect(unknownRole.viewer.isOrgAdmin).toBeNull();
    expect(
      fillSummaryFromScim(base, { users: 3, groups: 2, viewerOrgRole: 'member', readAt: READ_AT }).viewer
        .isOrgAdmin,
    ).toBe(false);
  });
});
