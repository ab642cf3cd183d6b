import { describe, expect, test } from 'vitest';
import { foldForSearch, memberDetails, searchMembers } from '@/lib/offboarding/search';
import type { DirectoryMember } from '@/lib/wandb/directory';

function member(over: Partial<DirectoryMember> & { username: string | null }): DirectoryMember {
  return {
    id: over.username,
    name: over.username ?? 'no username',
    email: null,
    orgRole: null,
    modelsSeat: null,
    weaveAccess: null,
    status: 'active',
    accountType: 'user',
    teams: [],
    lastActiveAt: null,
    ...over,
  };
}

const zoe = member({ username: 'zoe1', name: 'Zoë Lee', email: 'zoe.lee@acme.test' });
const zoe2 = member({ username: 'zoe2', name: 'Zoë Lee', email: 'zlee@acme.test' });
const chloe = member({ username: 'chloe', name: 'Chloé Marchand', email: 'CHLOE@Acme.test' });
const ghost = member({ username: null, name: 'Zoë without username' });
const all = [zoe, zoe2, chloe, ghost];

describe('finding the member to offboard', () => {
  test.each([
    ['zoe', ['zoe1', 'zoe2']],
    ['Zoë', ['zoe1', 'zoe2']],
    ['ZOË LEE', ['zoe1', 'zoe2']],
    ['lee zoe', ['zoe1', 'zoe2']],
    ['zlee@', ['zoe2']],
    ['chloe', ['chloe']],
    ['chloé', ['chloe']],
    ['acme.test', ['zoe1', 'zoe2', 'chloe']],
    ['zoe chloe', []],
    ['', []],
    ['   ', []],
  ])('%j finds %j (case and accents ignored, every word must match)', (query, usernames) => {
    expect(searchMembers(all, query).map((m) => m.username)).toEqual(usernames);
  });

  test('a member without a username cannot be picked, so is never a result', () => {
    expect(searchMembers([ghost], 'without')).toEqual([]);
  });

  test('guard "a word matches inside one field": text spanning the name and the username is no match', () => {
    const ann = member({ username: 'lee', name: 'Ann', email: 'ann.lee@acme.test' });
    expect(searchMembers([ann], 'annlee')).toEqual([]);
    expect(searchMembers([ann], 'ann lee')).toEqual([ann]);
  });

  test('every match is returned: no cap at 20', () => {
    const many = Array.from({ length: 62 }, (_, i) =>
      member({ username: `zoe${i}`, name: 'Zoë', email: `zoe${i}@acme.test` }),
    );
    expect(searchMembers(many, 'Zoe')).toHaveLength(62);
  });

  test('folding keeps letters and digits, drops only accents and case', () => {
    expect(foldForSearch('Zoë Ångström-Ñuñez 42')).toBe('zoe angstrom-nunez 42');
  });
});

describe('telling namesakes apart', () => {
  test('org role, teams with their roles and last activity', () => {
    expect(
      memberDetails(
        member({
          username: 'zoe1',
          orgRole: 'admin',
          teams: [
            { team: 'robotics', role: 'member' },
            { team: 'vision', role: 'admin' },
          ],
          lastActiveAt: '2026-11-02T10:00:00Z',
        }),
      ),
    ).toBe('org admin · robotics (member), vision (admin) · last active 2026-11-02');
  });

  test('what W&B does not show is said, not left blank', () => {
    expect(memberDetails(member({ username: 'x' }))).toBe('no visible team · last activity not shown');
  });

  test('deactivated users and service accounts are marked', () => {
    expect(
      memberDetails(
        member({ username: 'bot', status: 'deactivated', accountType: 'service', orgRole: 'member' }),
      ),
    ).toBe('org member · deactivated · service account · no visible team · last activity not shown');
  });
});

describe('members without an email', () => {
  test('guard "a member without an email is found on name and username only": one letter finds no one it does not name', () => {
    const bob = member({ username: 'bob', name: 'Bob Ray', email: null });
    expect(searchMembers([bob], 'e')).toEqual([]);
    expect(searchMembers([bob], 'ray')).toEqual([bob]);
    expect(searchMembers([bob], 'bob')).toEqual([bob]);
  });
});
