/**
 * Address and allowed-domain normalising (`lib/invite/email.ts`) beyond the checks of
 * classify-guards.test.ts: what is unwrapped, how addresses are keyed, and what an allowed-domain
 * entry is reduced to.
 */
import { describe, expect, it } from 'vitest';
import { emailKey, isDomainAllowed, normaliseDomains, normaliseEmail } from '@/lib/invite/email';

describe('address unwrapping guards', () => {
  it('guard "only a leading mailto: is a scheme": the text inside a local part is kept', () => {
    expect(normaliseEmail('MAILTO:ann@x.io')).toEqual({ ok: true, email: 'ann@x.io' });
    expect(normaliseEmail('ann.mailto:b@x.io')).toEqual({ ok: true, email: 'ann.mailto:b@x.io' });
  });

  it('guard "a display-name wrapper ends the cell": <address> is unwrapped (spaces inside trimmed) only at the end', () => {
    expect(normaliseEmail('"Ann Lee" < ann@x.io >')).toEqual({ ok: true, email: 'ann@x.io' });
    expect(normaliseEmail('<ann@x.io> bob@y.io')).toEqual({
      ok: false,
      problem: '"<ann@x.io> bob@y.io" contains a space',
    });
    expect(normaliseEmail('<ann@x.io>bob')).toMatchObject({ ok: false });
  });

  it('guard "keys are lower-cased, not upper-cased": ß and ss stay different people, case does not', () => {
    expect(emailKey('Ann@X.io')).toBe('ann@x.io');
    expect(emailKey('straße@x.io')).not.toBe(emailKey('strasse@x.io'));
  });
});

describe('allowed-domain entry guards', () => {
  it('guard "an entry is reduced to its domain": spaces, case, a leading *., . or @ go; blank entries are dropped', () => {
    expect(normaliseDomains([' Acme.io ', '*.b.io', '.c.io', '@d.io', '', '   ', '@'])).toEqual([
      'acme.io',
      'b.io',
      'c.io',
      'd.io',
    ]);
    expect(normaliseDomains(undefined)).toEqual([]);
  });

  it('guard "only a leading @ is removed": an address given as a domain does not become another domain', () => {
    const domains = normaliseDomains(['ann@acme.io']);
    expect(domains).toEqual(['ann@acme.io']);
    expect(isDomainAllowed('bob@annacme.io', domains)).toBe(false);
  });
});
