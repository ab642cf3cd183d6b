/**
 * Guards of the export rows (`lib/export/rows.ts`) that `rows.test.ts` passes through: what a
 * cell holds when W&B did not say, the team order, the filters' edge cases, and the row cache and
 * slicing that keep a 50,000-member org responsive (found by mutation testing, issue #17).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  compareTeamNames,
  exportRows,
  filterOptions,
  filterRows,
  parseTeams,
  prepareExportRows,
  toIsoUtc,
} from '@/lib/export/rows';
import { directoryOf, invite, member } from './fixtures';

const NOW = new Date('2026-11-21T00:00:00Z');

describe('cell guards', () => {
  it('guard "nothing from W&B is an empty cell": a member W&B tells little about', () => {
    const sparse = directoryOf([
      {
        ...member({ username: 'x' }),
        username: null,
        name: 'Sparse',
        email: null,
        orgRole: null,
        modelsSeat: null,
        weaveAccess: null,
        lastActiveAt: null,
      },
    ]);
    expect(exportRows(sparse, { includeInvites: false, layout: 'per-member' })).toEqual([
      {
        username: '',
        name: 'Sparse',
        email: '',
        org_role: '',
        models_seat: '',
        weave_access: '',
        status: 'active',
        account_type: 'user',
        teams: '',
        last_active: '',
        invited_at: '',
      },
    ]);
  });

  it('guard "an invite row holds its address, team and date, nothing else": without a team or role W&B did not give', () => {
    const invites = directoryOf(
      [],
      [
        invite({ email: 'a@acme.test', team: null, createdAt: '2026-11-01 10:00:00' }),
        invite({ email: 'b@acme.test', team: 'vision', role: null, createdAt: null }),
      ],
    );
    const blank = {
      username: '',
      name: '',
      org_role: '',
      models_seat: '',
      weave_access: '',
      last_active: '',
    };
    expect(exportRows(invites, { includeInvites: true, layout: 'per-team' })).toEqual([
      {
        ...blank,
        email: 'a@acme.test',
        status: 'invite-pending',
        account_type: 'user',
        teams: '',
        invited_at: '2026-11-01T10:00:00Z',
      },
      {
        ...blank,
        email: 'b@acme.test',
        status: 'invite-pending',
        account_type: 'user',
        teams: 'vision:unknown',
        invited_at: '',
      },
    ]);
  });

  it('guard "a date that is missing or blank is an empty cell"', () => {
    expect(toIsoUtc(undefined)).toBe('');
    expect(toIsoUtc('   ')).toBe('');
  });

  it('guard "a pair starting with a colon is a role with no team", not a team named after the role', () => {
    expect(parseTeams(':admin; vision')).toEqual([
      { team: '', role: 'admin' },
      { team: 'vision', role: '' },
    ]);
  });

  it('guard "teams sort case-insensitively, then by code point; a name equals itself"', () => {
    expect(compareTeamNames('vision', 'vision')).toBe(0);
    expect(compareTeamNames('Audio', 'audio')).toBeLessThan(0);
    expect(compareTeamNames('audio', 'Audio')).toBeGreaterThan(0);
    expect(compareTeamNames('b', 'Audio')).toBeGreaterThan(0);
    expect(compareTeamNames('Zed', 'audio')).toBeGreaterThan(0);
    expect(compareTeamNames('audio', 'Zed')).toBeLessThan(0);
  });

  it('guard "per team, a member\'s rows follow the team order"', () => {
    const d = directoryOf([
      member({
        username: 'ann',
        teams: [
          { team: 'vision', role: 'member' },
          { team: 'Audio', role: 'admin' },
          { team: 'nlp', role: 'member' },
        ],
      }),
    ]);
    expect(exportRows(d, { includeInvites: false, layout: 'per-team' }).map((row) => row.teams)).toEqual([
      'Audio:admin',
      'nlp:member',
      'vision:member',
    ]);
  });
});

describe('filter guards', () => {
  const rows = exportRows(
    directoryOf([
      member({ username: 'old', lastActiveAt: '2020-01-01T00:00:00Z' }),
      member({ username: 'new', lastActiveAt: '2026-11-20T00:00:00Z' }),
    ]),
    { includeInvites: false, layout: 'per-member' },
  );

  it('guard "an endless inactivity period is no filter": Infinity days keeps every row', () => {
    expect(
      filterRows(rows, { inactiveDays: Number.POSITIVE_INFINITY }, NOW).map((row) => row.username),
    ).toEqual(['old', 'new']);
  });

  it('guard "a choice of more than 16 teams matches whole team names", as a short choice does', () => {
    const d = directoryOf([
      member({ username: 'a', teams: [{ team: 'team-3', role: 'member' }] }),
      member({
        username: 'b',
        teams: [
          { team: 'other', role: 'member' },
          { team: 'team-12', role: 'admin' },
        ],
      }),
      member({ username: 'c', teams: [{ team: 'team-1x', role: 'member' }] }),
      member({ username: 'd', teams: [] }),
    ]);
    const all = exportRows(d, { includeInvites: false, layout: 'per-member' });
    const many = Array.from({ length: 17 }, (_, n) => `team-${n}`);
    expect(filterRows(all, { teams: many }, NOW).map((row) => row.username)).toEqual(['a', 'b']);
    expect(filterRows(all, { teams: ['team-3', 'team-12'] }, NOW).map((row) => row.username)).toEqual([
      'a',
      'b',
    ]);
  });

  it('guard "filter choices list known values first, others by name, not set last; teams by name, never a missing one"', () => {
    const d = directoryOf(
      [
        member({
          username: 'a',
          modelsSeat: 'no-access',
          weaveAccess: 'custom',
          teams: [{ team: 'vision', role: 'x' }],
        }),
        member({ username: 'b', modelsSeat: 'custom', weaveAccess: 'viewer' }),
        member({ username: 'c', modelsSeat: 'viewer', weaveAccess: 'no-access' }),
        member({ username: 'd', modelsSeat: 'full', weaveAccess: null }),
      ],
      [invite({ email: 'x@acme.test', team: 'Zeta' }), invite({ email: 'y@acme.test', team: null })],
      { teams: [{ name: 'audio', memberCount: 0 }] },
    );
    const options = filterOptions(d);
    expect(options.modelsSeats).toEqual(['full', 'viewer', 'no-access', 'custom', '']);
    expect(options.weaveAccess).toEqual(['viewer', 'no-access', 'custom', '']);
    expect(options.teams).toEqual(['audio', 'vision', 'Zeta']);
  });
});

describe('row cache and slicing guards', () => {
  const many = (count: number) =>
    directoryOf(
      Array.from({ length: count }, (_, n) => member({ username: `u${String(n).padStart(4, '0')}` })),
    );

  it('guard "a directory is flattened once": the same rows object answers every later call', () => {
    const d = many(3);
    const first = exportRows(d, { includeInvites: true, layout: 'per-member' });
    expect(exportRows(d, { includeInvites: true, layout: 'per-member' })).toBe(first);
  });

  it('guard "a slice ends only after its time is up": a long slice builds 1,000 members without pausing', async () => {
    let pauses = 0;
    await prepareExportRows(
      many(1000),
      async () => {
        pauses++;
      },
      60_000,
    );
    expect(pauses).toBe(0);
  });

  it('guard "the clock is asked every 256 rows, not after the last": 512 members pause once per layout, and never again', async () => {
    const d = many(512);
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    await prepareExportRows(d, pause, -1);
    expect(pauses).toBe(2);
    const built = exportRows(d, { includeInvites: true, layout: 'per-team' });
    expect(built).toHaveLength(512);
    await prepareExportRows(d, pause, -1);
    expect(pauses).toBe(2);
    expect(exportRows(d, { includeInvites: true, layout: 'per-team' })).toBe(built);
  });

  it('guard "a slice ends when more than its time is spent in it": a clock that reads late but stands still never ends a slice', async () => {
    const clock = vi.spyOn(performance, 'now').mockReturnValue(1_000_000);
    try {
      let pauses = 0;
      await prepareExportRows(
        many(1000),
        async () => {
          pauses++;
        },
        0,
      );
      expect(pauses).toBe(0);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('guards found by the second mutation run', () => {
  it('guard "a W&B timestamp is cut to the second as sent": an impossible date is kept, not moved to another day', () => {
    const d = directoryOf([member({ username: 'ann', lastActiveAt: '2026-02-30T10:00:00.5Z' })]);
    expect(exportRows(d, { includeInvites: false, layout: 'per-member' })[0]?.last_active).toBe(
      '2026-02-30T10:00:00Z',
    );
  });

  it('guard "org roles list admin, member, viewer, then custom roles, then not set"', () => {
    const d = directoryOf([
      member({ username: 'a', orgRole: 'viewer' }),
      member({ username: 'b', orgRole: 'Auditor' }),
      member({ username: 'c', orgRole: null }),
      member({ username: 'd', orgRole: 'member' }),
      member({ username: 'e', orgRole: 'admin' }),
    ]);
    expect(filterOptions(d, { includeInvites: false }).orgRoles).toEqual([
      'admin',
      'member',
      'viewer',
      'Auditor',
      '',
    ]);
  });

  it('guard "a custom role holding a semicolon is not read as another team", whether up to 16 teams or more are chosen', () => {
    const d = directoryOf([
      member({ username: 'ann', teams: [{ team: 'ops', role: 'a;vision:b' }] }),
      member({ username: 'bea', teams: [{ team: 'vision', role: 'member' }] }),
    ]);
    const all = exportRows(d, { includeInvites: false, layout: 'per-member' });
    const sixteen = ['vision', ...Array.from({ length: 15 }, (_, n) => `team-${n}`)];
    expect(filterRows(all, { teams: sixteen }, NOW).map((row) => row.username)).toEqual(['bea']);
    const seventeen = ['vision', ...Array.from({ length: 16 }, (_, n) => `team-${n}`)];
    expect(filterRows(all, { teams: seventeen }, NOW).map((row) => row.username)).toEqual(['bea']);
  });

  it('guard "a team is named only before a colon": a role ending in "; visio" does not select the member for team "visi", whatever the number of teams chosen', () => {
    const d = directoryOf([member({ username: 'ann', teams: [{ team: 'ops', role: 'a; visio' }] })]);
    const all = exportRows(d, { includeInvites: false, layout: 'per-member' });
    expect(filterRows(all, { teams: ['visi'] }, NOW)).toEqual([]);
    const seventeen = ['visi', ...Array.from({ length: 16 }, (_, n) => `team-${n}`)];
    expect(filterRows(all, { teams: seventeen }, NOW)).toEqual([]);
  });

  it('guard "with more than 16 teams chosen, a name is matched against whole team names": one holding a colon (no W&B team can) selects no member', () => {
    const d = directoryOf([
      member({ username: 'ann', teams: [{ team: 'ops', role: 'a:x' }] }),
      member({ username: 'bea', teams: [{ team: 'team-3', role: 'member' }] }),
    ]);
    const all = exportRows(d, { includeInvites: false, layout: 'per-member' });
    const seventeen = ['ops:a', ...Array.from({ length: 16 }, (_, n) => `team-${n}`)];
    expect(filterRows(all, { teams: seventeen }, NOW).map((row) => row.username)).toEqual(['bea']);
  });
  it('guard "team choices are listed by name, case-insensitively, whatever order W&B gave them in"', () => {
    const d = directoryOf(
      [
        member({
          username: 'a',
          teams: [
            { team: 'vision', role: 'member' },
            { team: 'Audio', role: 'admin' },
          ],
        }),
        member({ username: 'b', teams: [{ team: 'nlp', role: 'member' }] }),
      ],
      [invite({ email: 'x@acme.test', team: 'Zeta' }), invite({ email: 'y@acme.test', team: 'ci' })],
    );
    expect(filterOptions(d).teams).toEqual(['Audio', 'ci', 'nlp', 'vision', 'Zeta']);
  });
});
