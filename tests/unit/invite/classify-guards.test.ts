import { describe, expect, it } from 'vitest';
import { classifyInviteRows } from '@/lib/invite/classify';
import { isDomainAllowed, normaliseEmail } from '@/lib/invite/email';
import { parseInviteInput } from '@/lib/invite/parse';
import { directoryOf, member } from '../export/fixtures';

const directory = directoryOf([
  member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] }),
]);

function statuses(text: string, allowedDomains: string[]): string[] {
  const parsed = parseInviteInput({ text });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return classifyInviteRows(parsed.records, parsed.mapping, directory, { allowedDomains }).map(
    (row) => `${row.email} ${row.status}`,
  );
}

describe('allowed domains guard', () => {
  it('guard "any allowed domain will do": with two allowed domains, an address of either (or a subdomain) is new', () => {
    expect(
      statuses(
        'email,team\nzed@acme.io,vision\nyu@acme.dev,vision\nxi@eu.acme.dev,vision\nwu@evil.io,vision\n',
        ['acme.io', 'acme.dev'],
      ),
    ).toEqual(['zed@acme.io new', 'yu@acme.dev new', 'xi@eu.acme.dev new', 'wu@evil.io outside-domain']);
  });

  it('guard "a subdomain, not a suffix": notacme.io is not under acme.io', () => {
    expect(isDomainAllowed('a@notacme.io', ['acme.io'])).toBe(false);
    expect(isDomainAllowed('a@eu.acme.io', ['acme.io'])).toBe(true);
    expect(isDomainAllowed('a@ACME.IO', ['acme.io'])).toBe(true);
  });
});

describe('email checks guard', () => {
  const local64 = 'a'.repeat(64);

  it.each([
    [`${local64}@x.io`, `${local64}@x.io`],
    ['ann.lee@x.io', 'ann.lee@x.io'],
    ['a@b.c', 'a@b.c'],
    ['ann@my-team.x.io', 'ann@my-team.x.io'],
    ['ann@x1.io', 'ann@x1.io'],
  ])('guard "valid addresses pass": %j is accepted', (raw, email) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, email });
  });

  it.each([
    [`${local64}a@x.io`, `the part before the @ of "${local64}a@x.io" is over 64 characters`],
    ['.ann@x.io', '".ann@x.io" has a misplaced dot before the @'],
    ['ann.@x.io', '"ann.@x.io" has a misplaced dot before the @'],
    ['ann..lee@x.io', '"ann..lee@x.io" has a misplaced dot before the @'],
    ['ann@', '"ann@" has nothing after the @'],
    ['ann@-x.io', 'the domain "-x.io" is not a valid domain name'],
    ['ann@x-.io', 'the domain "x-.io" is not a valid domain name'],
    ['ann@x_y.io', 'the domain "x_y.io" is not a valid domain name'],
    ['ann@x.io.', 'the domain "x.io." is not a valid domain name'],
    ['ann<b@x.io', '"ann<b@x.io" has a character not allowed in an address (, ; < > ( ) [ ] \\ ")'],
    ['a"b@x.io', '"a"b@x.io" has a character not allowed in an address (, ; < > ( ) [ ] \\ ")'],
  ])('guard "invalid addresses are refused with the problem": %j', (raw, problem) => {
    expect(normaliseEmail(raw)).toEqual({ ok: false, problem });
  });
});
