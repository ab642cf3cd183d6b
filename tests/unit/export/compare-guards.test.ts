/**
 * The access-review comparison (`lib/export/compare.ts`): how people are matched across exports,
 * how per-team rows fold, and the order every list comes out in (the file an auditor diffs).
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { compareExports, comparisonKey, foldRows } from '@/lib/export/compare';
import type { ExportTable } from '@/lib/export/previous';
import type { ExportRow } from '@/lib/export/rows';

function row(fields: Partial<ExportRow>): ExportRow {
  return {
    username: '',
    name: '',
    email: '',
    org_role: 'member',
    models_seat: 'full',
    weave_access: 'full',
    status: 'active',
    account_type: 'user',
    teams: '',
    last_active: '',
    invited_at: '',
    ...fields,
  };
}
const table = (...rows: ExportRow[]): ExportTable => ({ columns: EXPORT_COLUMNS, rows });
const user = (username: string, fields: Partial<ExportRow> = {}) =>
  row({ username, email: `${username}@acme.io`, ...fields });
const pending = (email: string, fields: Partial<ExportRow> = {}) =>
  row({ email, status: 'invite-pending', models_seat: '', weave_access: '', ...fields });

describe('comparison key guards', () => {
  it('guard "a person is matched by the right key": invite by lower-cased address, then username, then address, then name', () => {
    expect(comparisonKey(pending('Ann@ACME.io', { username: 'ann' }))).toBe('invite:ann@acme.io');
    expect(comparisonKey(user('ann', { email: 'Ann@ACME.io' }))).toBe('ann');
    expect(comparisonKey(row({ email: 'Bob@ACME.io', name: 'Bob' }))).toBe('email:bob@acme.io');
    expect(comparisonKey(row({ name: 'Cy' }))).toBe('name:Cy');
  });

  it('guard "members without a username still compare": matched by address, else by name', () => {
    const result = compareExports(
      table(row({ email: 'Bob@acme.io', org_role: 'member' }), row({ name: 'Cy', org_role: 'member' })),
      table(row({ email: 'bob@ACME.io', org_role: 'admin' }), row({ name: 'Cy', org_role: 'admin' })),
    );
    expect(result.joiners).toEqual([]);
    expect(result.leavers).toEqual([]);
    expect(result.changes.map((change) => [change.key, change.field, change.before, change.after])).toEqual([
      ['email:bob@acme.io', 'org_role', 'member', 'admin'],
      ['name:Cy', 'org_role', 'member', 'admin'],
    ]);
  });
});

describe('teams cell guards', () => {
  it('guard "hand re-ordering or padding is no change": teams cells compare in canonical form', () => {
    const result = compareExports(
      table(user('ann', { teams: 'vision:admin; nlp:member' }), user('bob', { teams: ' nlp:member ' })),
      table(user('ann', { teams: 'nlp:member; vision:admin' }), user('bob', { teams: 'nlp:member' })),
    );
    expect(result.changes).toEqual([]);
  });

  it('guard "a single team cell is shown as written": a team without a role is not rewritten in the change', () => {
    const result = compareExports(
      table(user('ann', { teams: 'vision' })),
      table(user('ann', { teams: 'nlp' })),
    );
    expect(result.changes).toEqual([
      { key: 'ann', username: 'ann', email: 'ann@acme.io', field: 'teams', before: 'vision', after: 'nlp' },
    ]);
  });
});

describe('folding guards', () => {
  it('guard "a person\'s first row wins": the role of a team listed twice is the first row\'s', () => {
    const folded = foldRows([
      user('ann', { teams: 'vision:admin' }),
      user('ann', { teams: 'vision:member' }),
      user('ann', { teams: 'nlp:member' }),
    ]);
    expect(folded.get('ann')?.teams).toBe('nlp:member; vision:admin');
  });

  it('guard "invited_at is the earliest known": a blank is filled, an earlier date wins, a blank or later one does not', () => {
    const folded = foldRows([
      pending('a@x.io', { teams: 'v:member', invited_at: '' }),
      pending('a@x.io', { teams: 'w:member', invited_at: '2026-03-02' }),
      pending('a@x.io', { teams: 'x:member', invited_at: '' }),
      pending('a@x.io', { teams: 'y:member', invited_at: '2026-03-05' }),
      pending('a@x.io', { teams: 'z:member', invited_at: '2026-03-01' }),
      pending('b@x.io', { teams: 'v:member', invited_at: '2026-04-02' }),
      pending('b@x.io', { teams: 'w:member', invited_at: '2026-04-03' }),
    ]);
    expect(folded.get('invite:a@x.io')?.invited_at).toBe('2026-03-01');
    const blankLast = foldRows([
      pending('c@x.io', { teams: 'v:member', invited_at: '2026-03-02' }),
      pending('c@x.io', { teams: 'w:member', invited_at: '' }),
    ]);
    expect(blankLast.get('invite:c@x.io')?.invited_at).toBe('2026-03-02');
    expect(folded.get('invite:b@x.io')?.invited_at).toBe('2026-04-02');
  });
});

describe('order and attribution guards', () => {
  it('guard "every list is sorted by key": joiners, leavers, invites and changes come out in key order, whatever the file order', () => {
    const previous = table(
      user('zed'),
      user('kim', { org_role: 'member', status: 'active' }),
      user('yan'),
      user('abe', { org_role: 'member', status: 'active' }),
      user('xia'),
      pending('q@x.io'),
      pending('c@x.io'),
      pending('m@x.io'),
    );
    const current = table(
      user('kim', { org_role: 'admin', status: 'deactivated' }),
      user('wes'),
      user('abe', { org_role: 'admin', status: 'deactivated' }),
      user('bea'),
      user('lou'),
      pending('t@x.io'),
      pending('d@x.io'),
      pending('s@x.io'),
    );
    const result = compareExports(previous, current);
    const keys = (entries: { key: string }[]) => entries.map((entry) => entry.key);
    expect(keys(result.joiners)).toEqual(['bea', 'lou', 'wes']);
    expect(keys(result.leavers)).toEqual(['xia', 'yan', 'zed']);
    expect(keys(result.invited)).toEqual(['invite:d@x.io', 'invite:s@x.io', 'invite:t@x.io']);
    expect(keys(result.invitesGone)).toEqual(['invite:c@x.io', 'invite:m@x.io', 'invite:q@x.io']);
    expect(result.changes.map((change) => `${change.key} ${change.field}`)).toEqual([
      'abe org_role',
      'abe status',
      'kim org_role',
      'kim status',
    ]);
  });

  it('guard "a change names the person": a member whose address is now blank is named by the earlier address', () => {
    const result = compareExports(
      table(user('ann', { org_role: 'member' })),
      table(user('ann', { email: '', org_role: 'admin' })),
    );
    expect(result.changes.map((change) => change.email)).toEqual(['ann@acme.io']);
  });

  it('guard "a joiner without an address accepts no invite": an invite without an address is still gone', () => {
    const result = compareExports(table(pending('')), table(user('ann', { email: '' })));
    expect(result.joiners.map((entry) => entry.key)).toEqual(['ann']);
    expect(result.invitesGone.map((entry) => entry.key)).toEqual(['invite:']);
  });
});
