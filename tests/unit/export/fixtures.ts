import type { Directory, DirectoryInvite, DirectoryMember } from '@/lib/wandb/directory';

/** A member with defaults; override what the test is about. */
export function member(overrides: Partial<DirectoryMember> & { username: string }): DirectoryMember {
  return {
    id: `id-${overrides.username}`,
    name: overrides.username,
    email: `${overrides.username}@acme.test`,
    orgRole: 'member',
    modelsSeat: 'full',
    weaveAccess: 'full',
    status: 'active',
    accountType: 'user',
    teams: [],
    lastActiveAt: null,
    ...overrides,
  };
}

/** An invite with defaults. */
export function invite(overrides: Partial<DirectoryInvite> & { email: string }): DirectoryInvite {
  return { id: null, team: null, role: null, createdAt: null, ...overrides };
}

/** A directory around the given members and invites. */
export function directoryOf(
  members: DirectoryMember[],
  invites: DirectoryInvite[] = [],
  overrides: Partial<Directory> = {},
): Directory {
  const teamNames = new Set<string>();
  for (const entry of members) for (const pair of entry.teams) teamNames.add(pair.team);
  for (const entry of invites) if (entry.team) teamNames.add(entry.team);
  return {
    scope: { kind: 'org', org: 'acme' },
    org: { id: 'org-1', name: 'acme' },
    source: 'org-query',
    fallbackReason: null,
    members,
    invites,
    teams: [...teamNames].sort().map((name) => ({ name, memberCount: 1 })),
    seats: null,
    viewer: { username: 'alice', isOrgAdmin: true, isTeamAdmin: true },
    visibleTeams: teamNames.size,
    complete: true,
    requests: 1,
    ...overrides,
  };
}

/**
 * The shared fixture: an admin in three teams (given out of order), a deactivated viewer, a
 * service account, a hostile name with a custom role and no team, and pending invites (one
 * address invited to two teams, one hostile address to a hostile team name).
 */
export function acmeDirectory(): Directory {
  return directoryOf(
    [
      member({
        username: 'alice',
        name: 'Alice Álvarez 🚀',
        orgRole: 'admin',
        teams: [
          { team: 'vision', role: 'admin' },
          { team: 'Audio', role: 'view-only' },
          { team: 'nlp', role: 'member' },
        ],
        lastActiveAt: '2026-11-20T09:15:00Z',
      }),
      member({
        username: 'bob',
        name: 'Bob, "the builder"',
        modelsSeat: 'viewer',
        weaveAccess: 'no-access',
        status: 'deactivated',
        teams: [{ team: 'nlp', role: 'member' }],
        lastActiveAt: '2026-06-01T08:30:00.123Z',
      }),
      member({
        username: 'ci-bot',
        name: 'CI bot',
        email: null,
        modelsSeat: null,
        weaveAccess: null,
        accountType: 'service',
        teams: [{ team: 'vision', role: 'member' }],
        lastActiveAt: '2026-11-19T23:59:59',
      }),
      member({
        username: 'dana',
        name: '=HYPERLINK("http://evil.test","click")',
        email: '+dana@acme.test',
        orgRole: 'Auditor',
        teams: [],
        lastActiveAt: null,
      }),
    ],
    [
      invite({ email: 'new@acme.test', team: 'nlp', role: 'admin', createdAt: '2026-10-15T12:00:00Z' }),
      invite({ email: 'new@acme.test', team: 'vision', role: 'member', createdAt: '2026-11-01T00:00:00Z' }),
      invite({ email: '=2+3@evil.test', team: '@ops', role: null, createdAt: null }),
    ],
  );
}
