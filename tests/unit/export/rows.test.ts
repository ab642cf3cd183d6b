import { describe, expect, it } from 'vitest';
import {
  type ExportRow,
  exportRows,
  filterOptions,
  filterRows,
  formatTeams,
  parseTeams,
  prepareExportRows,
  selectExportRows,
  toIsoUtc,
} from '@/lib/export/rows';
import { syntheticDirectory } from '@/scripts/bench-csv';
import { acmeDirectory, directoryOf, member } from './fixtures';

const NOW = new Date('2026-11-21T00:00:00Z');

function column(rows: readonly ExportRow[], name: keyof ExportRow): string[] {
  return rows.map((row) => row[name]);
}

describe('toIsoUtc', () => {
  it.each([
    ['2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z'],
    ['2026-10-01T10:00:00.987Z', '2026-10-01T10:00:00Z'],
    ['2026-10-01T12:00:00+02:00', '2026-10-01T10:00:00Z'],
    ['2026-10-01T10:00:00', '2026-10-01T10:00:00Z'],
    ['2026-10-01 10:00:00.5', '2026-10-01T10:00:00Z'],
    ['2026-10-01', '2026-10-01T00:00:00Z'],
    ['  2026-10-01T10:00:00Z ', '2026-10-01T10:00:00Z'],
    ['not a date', 'not a date'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(toIsoUtc(value)).toBe(expected);
  });

  it('gives empty text for null', () => {
    expect(toIsoUtc(null)).toBe('');
  });
});

describe('teams cells', () => {
  it('sorts pairs by team name, case-insensitively', () => {
    expect(
      formatTeams([
        { team: 'vision', role: 'admin' },
        { team: 'Audio', role: 'view-only' },
        { team: 'nlp', role: 'member' },
      ]),
    ).toBe('Audio:view-only; nlp:member; vision:admin');
  });

  it('parses pairs back, splitting at the first colon so custom role names keep theirs', () => {
    expect(parseTeams('a:admin; b:Reviewer: read only;c')).toEqual([
      { team: 'a', role: 'admin' },
      { team: 'b', role: 'Reviewer: read only' },
      { team: 'c', role: '' },
    ]);
    expect(parseTeams('')).toEqual([]);
  });
});

describe('exportRows, one row per member', () => {
  const rows = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-member' });

  it('lists members first, then one row per invite', () => {
    expect(column(rows, 'username')).toEqual(['alice', 'bob', 'ci-bot', 'dana', '', '', '']);
    expect(column(rows, 'email')).toEqual([
      'alice@acme.test',
      'bob@acme.test',
      '',
      '+dana@acme.test',
      'new@acme.test',
      'new@acme.test',
      '=2+3@evil.test',
    ]);
  });

  it('fills every column of a member', () => {
    expect(rows[0]).toEqual({
      username: 'alice',
      name: 'Alice Álvarez 🚀',
      email: 'alice@acme.test',
      org_role: 'admin',
      models_seat: 'full',
      weave_access: 'full',
      status: 'active',
      account_type: 'user',
      teams: 'Audio:view-only; nlp:member; vision:admin',
      last_active: '2026-11-20T09:15:00Z',
      invited_at: '',
    });
  });

  it('keeps deactivated and service accounts, with unknown seats empty and naive dates as UTC', () => {
    expect(rows[1]).toMatchObject({ status: 'deactivated', last_active: '2026-06-01T08:30:00Z' });
    expect(rows[2]).toMatchObject({
      account_type: 'service',
      models_seat: '',
      weave_access: '',
      last_active: '2026-11-19T23:59:59Z',
    });
    expect(rows[3]).toMatchObject({ org_role: 'Auditor', teams: '', last_active: '' });
  });

  it('writes each invite as an invite-pending row with its team, role and date', () => {
    expect(rows[4]).toEqual({
      username: '',
      name: '',
      email: 'new@acme.test',
      org_role: '',
      models_seat: '',
      weave_access: '',
      status: 'invite-pending',
      account_type: 'user',
      teams: 'nlp:admin',
      last_active: '',
      invited_at: '2026-10-15T12:00:00Z',
    });
    expect(rows[5]).toMatchObject({ teams: 'vision:member', invited_at: '2026-11-01T00:00:00Z' });
    expect(rows[6]).toMatchObject({ teams: '@ops:unknown', invited_at: '' });
  });

  it('leaves invites out when asked', () => {
    const members = exportRows(acmeDirectory(), { includeInvites: false, layout: 'per-member' });
    expect(column(members, 'status')).toEqual(['active', 'deactivated', 'active', 'active']);
  });
});

describe('exportRows, one row per member and team', () => {
  const rows = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-team' });

  it('writes one row per (member, team) sorted by team, one empty-team row for a member in none, one row per invite', () => {
    expect(rows.map((row) => `${row.username || row.email}|${row.teams}`)).toEqual([
      'alice|Audio:view-only',
      'alice|nlp:member',
      'alice|vision:admin',
      'bob|nlp:member',
      'ci-bot|vision:member',
      'dana|',
      'new@acme.test|nlp:admin',
      'new@acme.test|vision:member',
      '=2+3@evil.test|@ops:unknown',
    ]);
    expect(column(rows, 'invited_at').slice(6)).toEqual(['2026-10-15T12:00:00Z', '2026-11-01T00:00:00Z', '']);
  });
});

describe('filterRows', () => {
  const rows = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-member' });
  const names = (filtered: ExportRow[]) => filtered.map((row) => row.username || row.email);

  it('keeps everything with an empty filter, and treats empty lists as no restriction', () => {
    expect(filterRows(rows, {}, NOW)).toHaveLength(7);
    expect(filterRows(rows, { orgRoles: [], teams: [] }, NOW)).toHaveLength(7);
  });

  it.each([
    [{ orgRoles: ['admin', 'Auditor'] }, ['alice', 'dana']],
    [{ orgRoles: [''] }, ['new@acme.test', 'new@acme.test', '=2+3@evil.test']],
    [{ modelsSeats: ['viewer'] }, ['bob']],
    [{ modelsSeats: [''] }, ['ci-bot', 'new@acme.test', 'new@acme.test', '=2+3@evil.test']],
    [{ weaveAccess: ['no-access'] }, ['bob']],
    [{ teams: ['vision'] }, ['alice', 'ci-bot', 'new@acme.test']],
    [{ teams: ['@ops', 'Audio'] }, ['alice', '=2+3@evil.test']],
    [
      { statuses: ['deactivated', 'invite-pending'] },
      ['bob', 'new@acme.test', 'new@acme.test', '=2+3@evil.test'],
    ],
    [{ accountTypes: ['service'] }, ['ci-bot']],
    [{ search: 'ÁLVAREZ' }, ['alice']],
    [{ search: 'evil' }, ['dana', '=2+3@evil.test']],
    [{ search: 'nlp:admin' }, ['new@acme.test']],
    [{ search: '  CI ' }, ['ci-bot']],
    [{ teams: ['nlp'], statuses: ['active'] }, ['alice']],
  ] as const)('%j keeps %j', (filter, expected) => {
    expect(names(filterRows(rows, filter as never, NOW))).toEqual(expected);
  });

  it('inactiveDays counts exactly N days as inactive, and never-active rows too', () => {
    const days = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
    const dated = directoryOf([
      member({ username: 'exactly-30', lastActiveAt: days(30) }),
      member({
        username: 'just-under-30',
        lastActiveAt: new Date(Date.parse(days(30)) + 1000).toISOString(),
      }),
      member({ username: 'long-ago', lastActiveAt: '2025-01-01T00:00:00Z' }),
      member({ username: 'never', lastActiveAt: null }),
      member({ username: 'yesterday', lastActiveAt: days(1) }),
    ]);
    const all = exportRows(dated, { includeInvites: false, layout: 'per-member' });
    expect(names(filterRows(all, { inactiveDays: 30 }, NOW))).toEqual(['exactly-30', 'long-ago', 'never']);
    expect(names(filterRows(all, { inactiveDays: 0 }, NOW))).toHaveLength(5);
    expect(names(filterRows(all, { inactiveDays: Number.NaN }, NOW))).toHaveLength(5);
  });

  it('filters per-team rows by their own team, for pivot tables', () => {
    const perTeam = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-team' });
    expect(filterRows(perTeam, { teams: ['nlp'] }, NOW).map((row) => row.teams)).toEqual([
      'nlp:member',
      'nlp:member',
      'nlp:admin',
    ]);
  });

  it('selectExportRows builds and filters in one go', () => {
    expect(
      selectExportRows(
        acmeDirectory(),
        { includeInvites: false, layout: 'per-team', filter: { teams: ['vision'] } },
        NOW,
      ).map((row) => row.username),
    ).toEqual(['alice', 'ci-bot']);
  });

  // Its speed is the bench's to show (a timed test fails on a busy machine); this checks the scale.
  it('builds and filters the rows of 50,000 members, finding exactly the matching ones', () => {
    const big = directoryOf(
      Array.from({ length: 50_000 }, (_, index) =>
        member({
          username: `user${index}`,
          teams: [{ team: `team${index % 200}`, role: 'member' }],
          lastActiveAt: '2026-01-01T00:00:00Z',
        }),
      ),
    );
    const all = exportRows(big, { includeInvites: true, layout: 'per-member' });
    const filtered = filterRows(all, { teams: ['team7'], inactiveDays: 90, search: 'USER42' }, NOW);
    // team7 holds users 7, 207, 407, …; of those, 4207 and 42007…42807 contain "user42".
    expect(filtered.map((row) => row.username)).toEqual([
      'user4207',
      'user42007',
      'user42207',
      'user42407',
      'user42607',
      'user42807',
    ]);
  });
});

describe('filterOptions', () => {
  it('lists the values present, known ones first and "not set" last', () => {
    expect(filterOptions(acmeDirectory())).toEqual({
      orgRoles: ['admin', 'member', 'Auditor', ''],
      modelsSeats: ['full', 'viewer', ''],
      weaveAccess: ['full', 'no-access', ''],
      teams: ['@ops', 'Audio', 'nlp', 'vision'],
      statuses: ['active', 'invite-pending', 'deactivated'],
      accountTypes: ['user', 'service'],
    });
  });

  it('leaves out what only invites contribute when invites are excluded', () => {
    const options = filterOptions(acmeDirectory(), { includeInvites: false });
    expect(options.statuses).toEqual(['active', 'deactivated']);
    expect(options.orgRoles).toEqual(['admin', 'member', 'Auditor']);
  });
});

describe('prepareExportRows', () => {
  it('builds in slices, pausing in between, the very rows exportRows gives for every option', async () => {
    const big = syntheticDirectory(6000, 40);
    const expected = {
      member: exportRows(syntheticDirectory(6000, 40), { includeInvites: true, layout: 'per-member' }),
      team: exportRows(syntheticDirectory(6000, 40), { includeInvites: false, layout: 'per-team' }),
    };
    let pauses = 0;
    await prepareExportRows(
      big,
      async () => {
        pauses++;
      },
      0,
    );
    expect(pauses).toBeGreaterThan(20);
    expect(exportRows(big, { includeInvites: true, layout: 'per-member' })).toEqual(expected.member);
    expect(exportRows(big, { includeInvites: false, layout: 'per-team' })).toEqual(expected.team);
    expect(exportRows(big, { includeInvites: false, layout: 'per-member' })).toHaveLength(big.members.length);
  });
});
