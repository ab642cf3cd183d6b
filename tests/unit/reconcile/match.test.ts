/** Reconciliation's matching: the three lists, each member and each person in exactly one bucket, links. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyMapping } from '@/lib/invite/columns';
import { parseInviteInput } from '@/lib/invite/parse';
import { holdsSeat, idpBucket, memberBucket, memberEmailKey, reconcile } from '@/lib/reconcile/match';
import { reconcileMemberOf } from '@/lib/reconcile/members';
import { readIdpPeople } from '@/lib/reconcile/read';
import type { IdpPerson, ReconcileMember, SamePersonLink } from '@/lib/reconcile/types';
import { member as directoryMember } from '../export/fixtures';

function member(overrides: Partial<ReconcileMember> & { username: string }): ReconcileMember {
  return {
    ...(reconcileMemberOf(directoryMember({ username: overrides.username })) as ReconcileMember),
    ...overrides,
  };
}

function person(email: string, active = true, overrides: Partial<IdpPerson> = {}): IdpPerson {
  return {
    key: email.toLowerCase(),
    email,
    name: '',
    active,
    status: active ? 'ACTIVE' : 'SUSPENDED',
    line: 2,
    ...overrides,
  };
}

function people(csv: string): IdpPerson[] {
  const parsed = parseInviteInput({ text: csv });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return readIdpPeople(parsed, parsed.mapping).people;
}

const link = (username: string, idpEmail: string): SamePersonLink => ({
  username,
  idpEmail,
  memberEmail: `${username}@acme.test`,
  linkedAt: '2026-12-01T00:00:00.000Z',
});

describe('reconcile', () => {
  const members = [
    member({ username: 'ann' }), // ACTIVE in the export, written differently
    member({ username: 'bob' }), // not in the export: orphan
    member({ username: 'cat' }), // suspended, holds a seat
    member({ username: 'dan', modelsSeat: 'no-access', weaveAccess: 'no-access' }), // suspended, no seat: orphan
    member({ username: 'ci-bot', accountType: 'service' }), // not checked
    member({ username: 'eve', status: 'deactivated' }), // not checked, though ACTIVE in the export
    member({ username: 'fay', email: '' }), // no email: orphan
    member({ username: 'gus', email: 'gus.old@acme.test' }), // a different address in the export
  ];
  const idp = people(
    [
      'login,email,firstName,lastName,status',
      'ann, Ann@ACME.test ,Ann,Lee,ACTIVE',
      'cat,cat@acme.test,Cat,Ng,SUSPENDED',
      'dan,dan@acme.test,Dan,Oh,DEPROVISIONED',
      'eve,eve@acme.test,Eve,Li,ACTIVE',
      'gus,gus@acme.test,Gus,Ma,ACTIVE',
      'new,new.hire@acme.test,New,Hire,ACTIVE',
      'sub,sub@eu.acme.test,Sub,Domain,STAGED',
      'ext,contractor@other.test,Con,Tractor,ACTIVE',
      'gone,gone@acme.test,Gone,Away,SUSPENDED',
      'inv,invited@acme.test,In,Vited,ACTIVE',
    ].join('\n'),
  );
  const invites = [
    { email: 'INVITED@acme.test', team: 'vision' },
    { email: 'invited@acme.test', team: 'nlp' },
  ];

  it('lists orphans, suspended people holding a seat, and active people of the allowed domains who are not members', () => {
    const result = reconcile(members, idp, invites, { allowedDomains: ['acme.test'], links: [] });
    expect(result.orphans.map((row) => [row.username, row.reason])).toEqual([
      ['bob', 'not-in-export'],
      ['dan', 'suspended-no-seat'],
      ['fay', 'no-email'],
      ['gus', 'not-in-export'],
    ]);
    expect(result.suspendedWithSeat.map((row) => [row.username, row.idpStatus, row.idpLine])).toEqual([
      ['cat', 'SUSPENDED', 3],
    ]);
    // A subdomain is in the domain; an unrecognised status (Okta's STAGED) is not suspended.
    expect(result.notMembers.map((row) => [row.email, row.pendingInvite])).toEqual([
      ['gus@acme.test', ''],
      ['new.hire@acme.test', ''],
      ['sub@eu.acme.test', ''],
      ['invited@acme.test', 'vision; nlp'],
    ]);
    expect(result.counts).toEqual({
      members: 8,
      service: 1,
      deactivated: 1,
      matched: 1,
      matchedByLink: 0,
      orphans: 4,
      suspendedWithSeat: 1,
      people: 10,
      notMembers: 4,
      outsideDomain: 1,
      inactiveNotMembers: 1,
    });
  });

  it('with no allowed domains every active person who is not a member is listed', () => {
    const result = reconcile(members, idp, invites, { allowedDomains: [], links: [] });
    expect(result.notMembers.map((row) => row.email)).toContain('contractor@other.test');
    expect(result.counts.outsideDomain).toBe(0);
  });

  it('a same-person link matches a member whose address differs, and says how each link was used', () => {
    const links = [
      link('gus', 'gus@acme.test'),
      link('bob', 'nobody@acme.test'),
      link('left', 'new.hire@acme.test'),
    ];
    const result = reconcile(members, idp, invites, { allowedDomains: ['acme.test'], links });
    expect(result.orphans.map((row) => row.username)).toEqual(['bob', 'dan', 'fay']);
    expect(result.notMembers.map((row) => row.email)).not.toContain('gus@acme.test');
    expect(result.counts.matchedByLink).toBe(1);
    expect(result.links.map((use) => [use.link.username, use.state])).toEqual([
      ['gus', 'applied'],
      ['bob', 'not-in-export'],
      ['left', 'not-a-member'],
    ]);
    // The picker offers only people no member matched.
    expect(result.unmatched.map((p) => p.email)).not.toContain('gus@acme.test');
    expect(result.unmatched.map((p) => p.email)).toContain('new.hire@acme.test');
  });

  it('matches by the whole address lower-cased, never by folding dots or +tags', () => {
    const gmail = [
      member({ username: 'dot', email: 'a.b@gmail.com' }),
      member({ username: 'tag', email: 'ab+wandb@gmail.com' }),
    ];
    const result = reconcile(gmail, [person('ab@gmail.com')], [], { allowedDomains: [], links: [] });
    expect(result.orphans.map((row) => row.username)).toEqual(['dot', 'tag']);
    expect(memberEmailKey('  Mailto:Ann.Lee@Acme.TEST ')).toBe('ann.lee@acme.test');
  });

  it('holds a seat: any Models or Weave seat but No access; an active member W&B shows no seat for counts', () => {
    expect(holdsSeat({ modelsSeat: 'no-access', weaveAccess: 'no-access' })).toBe(false);
    expect(holdsSeat({ modelsSeat: 'no-access', weaveAccess: 'viewer' })).toBe(true);
    expect(holdsSeat({ modelsSeat: 'viewer', weaveAccess: '' })).toBe(true);
    expect(holdsSeat({ modelsSeat: '', weaveAccess: '' })).toBe(true);
    expect(holdsSeat({ modelsSeat: 'no-access', weaveAccess: '' })).toBe(false);
  });
});

const seatValue = fc.constantFrom('full', 'viewer', 'no-access', '');
const localPart = fc.stringMatching(/^[a-z][a-z0-9.]{0,6}[a-z0-9]$/).filter((s) => !s.includes('..'));
const domain = fc.constantFrom('acme.test', 'eu.acme.test', 'other.test');

/** A random org and export over a small address space, so matches, misses and links all happen. */
const scenario = fc
  .record({
    members: fc.uniqueArray(
      fc.record({
        username: fc.stringMatching(/^[a-z]{1,6}$/),
        local: localPart,
        domain,
        noEmail: fc.boolean(),
        modelsSeat: seatValue,
        weaveAccess: seatValue,
        status: fc.constantFrom('active', 'deactivated'),
        accountType: fc.constantFrom('user', 'user', 'user', 'service'),
      }),
      { selector: (m) => m.username, maxLength: 25 },
    ),
    people: fc.uniqueArray(
      fc.record({ local: localPart, domain, active: fc.boolean(), upper: fc.boolean() }),
      { selector: (p) => `${p.local}@${p.domain}`, maxLength: 25 },
    ),
    links: fc.array(fc.record({ member: fc.nat(), person: fc.nat() }), { maxLength: 5 }),
    allowed: fc.subarray(['acme.test', 'other.test']),
  })
  .map(({ members, people: idp, links, allowed }) => {
    const reconcileMembers = members.map((m) =>
      member({
        username: m.username,
        email: m.noEmail ? '' : `${m.local}@${m.domain}`,
        modelsSeat: m.modelsSeat,
        weaveAccess: m.weaveAccess,
        status: m.status as 'active' | 'deactivated',
        accountType: m.accountType as 'user' | 'service',
      }),
    );
    const idpPeople = idp.map((p) => {
      const email = `${p.local}@${p.domain}`;
      return person(p.upper ? email.toUpperCase() : email, p.active, { key: email });
    });
    const samePerson =
      reconcileMembers.length === 0 || idpPeople.length === 0
        ? []
        : links.map((l) =>
            link(
              reconcileMembers[l.member % reconcileMembers.length]!.username,
              idpPeople[l.person % idpPeople.length]!.key,
            ),
          );
    return { members: reconcileMembers, people: idpPeople, links: samePerson, allowed };
  });

describe('reconcile, for any org and export', () => {
  it('every member lands in exactly one bucket, and the lists are those buckets', () => {
    fc.assert(
      fc.property(scenario, ({ members, people: idp, links, allowed }) => {
        const result = reconcile(members, idp, [], { allowedDomains: allowed, links });
        const { counts } = result;
        expect(
          counts.service + counts.deactivated + counts.matched + counts.orphans + counts.suspendedWithSeat,
        ).toBe(members.length);
        const listed = [...result.orphans, ...result.suspendedWithSeat].map((row) => row.username);
        expect(new Set(listed).size).toBe(listed.length);
        // Orphans and suspended-with-seat are exactly the checked members without an active account.
        const byKey = new Map(idp.map((p) => [p.key, p]));
        const linkOf = new Map(links.map((l) => [l.username, l.idpEmail]));
        for (const m of members) {
          const accounts = [
            byKey.get(memberEmailKey(m.email)),
            byKey.get(linkOf.get(m.username) ?? ''),
          ].filter((p): p is IdpPerson => p !== undefined);
          const bucket = memberBucket(m, accounts);
          expect(result.orphans.some((row) => row.username === m.username)).toBe(bucket === 'orphan');
          expect(result.suspendedWithSeat.some((row) => row.username === m.username)).toBe(
            bucket === 'suspended-with-seat',
          );
          if (m.accountType === 'user' && m.status === 'active' && !accounts.some((p) => p.active))
            expect(['orphan', 'suspended-with-seat']).toContain(bucket);
        }
      }),
    );
  });

  it('every person of the export lands in exactly one bucket', () => {
    fc.assert(
      fc.property(scenario, ({ members, people: idp, links, allowed }) => {
        const result = reconcile(members, idp, [], { allowedDomains: allowed, links });
        const { counts } = result;
        const matchedPeople = idp.length - result.unmatched.length;
        expect(matchedPeople + counts.notMembers + counts.outsideDomain + counts.inactiveNotMembers).toBe(
          idp.length,
        );
        for (const p of result.unmatched)
          expect(idpBucket(p, false, result.allowedDomains)).not.toBe('member');
        for (const row of result.notMembers)
          expect(idp.find((p) => p.email === row.email)?.active).toBe(true);
      }),
    );
  });

  it('linking an orphan to an active person no member matched takes them off the orphans, and only them', () => {
    fc.assert(
      fc.property(scenario, ({ members, people: idp, allowed }) => {
        const before = reconcile(members, idp, [], { allowedDomains: allowed, links: [] });
        const orphan = before.orphans[0];
        const free = before.unmatched.find((p) => p.active);
        if (!orphan || !free) return;
        const after = reconcile(members, idp, [], {
          allowedDomains: allowed,
          links: [link(orphan.username, free.key)],
        });
        expect(after.orphans.map((row) => row.username)).toEqual(
          before.orphans.map((row) => row.username).filter((username) => username !== orphan.username),
        );
        expect(after.counts.matched).toBe(before.counts.matched + 1);
        expect(after.notMembers.map((row) => row.email)).not.toContain(free.email);
      }),
    );
  });

  it('the same export written in other cases and with spaces gives the same lists', () => {
    fc.assert(
      fc.property(scenario, ({ members, people: idp }) => {
        if (idp.length === 0) return;
        const csv = (shout: boolean) =>
          [
            'email,status',
            ...idp.map(
              (p) => `${shout ? ` ${p.email.toUpperCase()} ` : p.email},${p.active ? 'Active' : 'Suspended'}`,
            ),
          ].join('\n');
        const options = { allowedDomains: [], links: [] };
        const plain = reconcile(members, people(csv(false)), [], options);
        const shouted = reconcile(members, people(csv(true)), [], options);
        expect(shouted.orphans).toEqual(plain.orphans);
        expect(shouted.suspendedWithSeat.map((row) => row.username)).toEqual(
          plain.suspendedWithSeat.map((row) => row.username),
        );
        expect(shouted.counts).toEqual(plain.counts);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the alternate address column', () => {
  it('stands in for an empty email cell, never for a missing email column', () => {
    const parsed = parseInviteInput({ text: 'email,status\nann@x.io,Active\n' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const read = readIdpPeople(parsed, emptyMapping());
    expect(read.people).toEqual([]);
    expect(read.problems).toEqual([{ line: 2, asRead: '', message: 'Bad email: the email is empty.' }]);
  });
});
