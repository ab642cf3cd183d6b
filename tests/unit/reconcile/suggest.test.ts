/** The same-person picker's suggestions: what looks like the member first, a query filters, slices merge. */
import { describe, expect, it } from 'vitest';
import { mergeSuggestions, suggestAccounts } from '@/lib/reconcile/suggest';
import type { IdpPerson } from '@/lib/reconcile/types';

const person = (email: string, name = ''): IdpPerson => ({
  key: email.toLowerCase(),
  email,
  name,
  active: true,
  status: 'ACTIVE',
  line: 2,
});
const zoe = { username: 'zmueller', name: 'Zoë Müller', email: 'zmueller@acme.test' };
// Sorted by address, as the engine gives them.
const people = [
  person('aaron@acme.test', 'Aaron A'),
  person('mueller.z@acme.test', 'Z. Mueller'),
  person('zoe.muller@acme.test', 'Zoe Muller'),
  person('zz@acme.test', 'Zoë Müller'),
];

describe('suggestAccounts', () => {
  it('puts the same name first (more shared words before fewer), then the rest by address', () => {
    expect(suggestAccounts(zoe, people, '').map((s) => s.person.email)).toEqual([
      'zoe.muller@acme.test',
      'zz@acme.test',
      'aaron@acme.test',
      'mueller.z@acme.test',
    ]);
  });

  it('filters by every word of the query, case- and accent-blind', () => {
    expect(suggestAccounts(zoe, people, 'MÜLLER zo').map((s) => s.person.email)).toEqual([
      'zoe.muller@acme.test',
      'zz@acme.test',
    ]);
    expect(suggestAccounts(zoe, people, 'nobody')).toEqual([]);
  });

  it('merges slices as if they were one list, keeping at most the limit', () => {
    const whole = suggestAccounts(zoe, people, '', 3);
    const merged = mergeSuggestions(
      suggestAccounts(zoe, people.slice(0, 2), '', 3),
      suggestAccounts(zoe, people.slice(2), '', 3),
      3,
    );
    expect(merged).toEqual(whole);
    expect(merged).toHaveLength(3);
  });
});
