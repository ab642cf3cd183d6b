/** The reconciliation's files: CSV neutralised, JSON whole at any size, names. */
import { describe, expect, it } from 'vitest';
import { reconcileCsvChunks, reconcileFileName, reconcileJsonChunks } from '@/lib/reconcile/export';
import { reconcile } from '@/lib/reconcile/match';
import type { IdpPerson, ReconcileMember, ReconcileResult } from '@/lib/reconcile/types';

function member(username: string, overrides: Partial<ReconcileMember> = {}): ReconcileMember {
  return {
    username,
    name: username,
    email: `${username}@acme.test`,
    orgRole: 'member',
    modelsSeat: 'full',
    weaveAccess: 'no-access',
    status: 'active',
    accountType: 'user',
    teams: 'vision:member',
    lastActiveAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}
const person = (email: string, active: boolean, name = ''): IdpPerson => ({
  key: email.toLowerCase(),
  email,
  name,
  active,
  status: active ? 'Active' : 'Suspended',
  line: 2,
});

const result: ReconcileResult = reconcile(
  [member('ann', { name: '=HYPERLINK("http://x")' }), member('bob'), member('cat')],
  [
    person('bob@acme.test', false),
    person('cat@acme.test', true),
    person('new@acme.test', true, '+new, hire'),
  ],
  [],
  { allowedDomains: ['acme.test'], links: [] },
);
const context = {
  org: 'acme',
  host: 'wandb.ai',
  source: 'okta.csv',
  format: 'Okta',
  exportedAt: new Date('2026-12-04T10:00:00Z'),
};

describe('reconciliation files', () => {
  it('writes each list as CSV with its own columns, every cell neutralised', () => {
    const csv = (list: Parameters<typeof reconcileCsvChunks>[1]) =>
      [...reconcileCsvChunks(result, list, { delimiter: ',', bom: false })].join('');
    expect(csv('orphans')).toBe(
      'username,name,email,org_role,seat,teams,last_active,reason\r\n' +
        `ann,"'=HYPERLINK(""http://x"")",ann@acme.test,member,Models full · Weave no-access,vision:member,2026-11-01T00:00:00Z,No account with this address in the export\r\n`,
    );
    expect(csv('suspended-with-seat')).toBe(
      'username,name,email,org_role,seat,teams,last_active,idp_email,idp_status,idp_line\r\n' +
        'bob,bob,bob@acme.test,member,Models full · Weave no-access,vision:member,2026-11-01T00:00:00Z,bob@acme.test,Suspended,2\r\n',
    );
    expect(csv('not-members')).toBe(
      `email,name,idp_status,idp_line,pending_invite\r\nnew@acme.test,"'+new, hire",Active,2,\r\n`,
    );
    const all = csv('all').split('\r\n');
    expect(all[0]).toBe(
      'list,username,name,email,org_role,seat,teams,last_active,reason,idp_email,idp_status,idp_line,pending_invite',
    );
    expect(all.slice(1, -1).map((line) => line.split(',')[0])).toEqual([
      'orphans',
      'suspended-with-seat',
      'not-members',
    ]);
  });

  it('writes JSON that parses, with values as read, whatever the size of the lists', () => {
    const parse = (r: ReconcileResult, list: Parameters<typeof reconcileJsonChunks>[1]) =>
      JSON.parse([...reconcileJsonChunks(r, list, context)].join(''));
    const all = parse(result, 'all');
    expect(all).toMatchObject({
      format: 'wandb-admin-toolkit/idp-reconciliation',
      version: 1,
      org: 'acme',
      host: 'wandb.ai',
      exportedAt: '2026-12-04T10:00:00.000Z',
      source: { file: 'okta.csv', format: 'Okta' },
      allowedDomains: ['acme.test'],
      counts: { orphans: 1, suspendedWithSeat: 1, notMembers: 1 },
      links: [],
    });
    expect(all.orphans).toEqual(result.orphans);
    expect(all.suspendedWithSeat).toEqual(result.suspendedWithSeat);
    expect(all.notMembers).toEqual(result.notMembers);
    const empty = { ...result, orphans: [], suspendedWithSeat: [], notMembers: [] };
    expect(parse(empty, 'all')).toMatchObject({ orphans: [], suspendedWithSeat: [], notMembers: [] });
    // 2,500 rows: over two chunks of 1,000.
    const many = {
      ...result,
      orphans: Array.from({ length: 2500 }, (_, i) => ({ ...result.orphans[0]!, username: `u${i}` })),
    };
    const orphans = parse(many, 'orphans');
    expect(orphans.orphans.map((row: { username: string }) => row.username)).toEqual(
      many.orphans.map((row) => row.username),
    );
    expect(orphans.notMembers).toBeUndefined();
  });

  it('names the files by organization, list and the admin’s date', () => {
    const date = new Date(2026, 11, 4, 23, 30);
    expect(reconcileFileName('acme', 'orphans', 'csv', date)).toBe('wandb-acme-idp-orphans-2026-12-04.csv');
    expect(reconcileFileName('a/b c', 'all', 'json', date)).toBe(
      'wandb-a-b-c-idp-reconciliation-2026-12-04.json',
    );
  });
});
