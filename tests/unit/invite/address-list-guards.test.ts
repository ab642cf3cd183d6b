/**
 * Guards of `lib/invite/address-list.ts` found by mutation testing (issue #17): pasted address
 * lists (`a@x.io, Ann <ann@x.io>; …`) and what is said of a piece that is not an address.
 */
import { describe, expect, it } from 'vitest';
import { parseAddress, parseAddressList } from '@/lib/invite/address-list';

const NOT_AN_ADDRESS = 'is not an email address (expected name@domain or Name <name@domain>).';

describe('one address', () => {
  it('guard "mailto: goes only at the start": an address holding mailto: later is kept whole', () => {
    expect(parseAddress('ann.mailto:x@y.io')).toEqual({ email: 'ann.mailto:x@y.io', name: '' });
    expect(parseAddress(' mailto:ann@x.io ')).toEqual({ email: 'ann@x.io', name: '' });
  });

  it('guard "a quoted name is trimmed": "  Ann Lee " <a@x.io> is Ann Lee', () => {
    expect(parseAddress('"  Ann Lee " <a@x.io>')).toEqual({ email: 'a@x.io', name: 'Ann Lee' });
  });
});

describe('a pasted list', () => {
  it('guard "a blank piece between separators is no row"', () => {
    expect(parseAddressList('a@x.io, , b@x.io')).toEqual([
      { line: 1, cells: ['a@x.io', ''] },
      { line: 1, cells: ['b@x.io', ''] },
    ]);
  });

  it('guard "a broken quote spoils only its line": the next line is split at its commas again', () => {
    expect(parseAddressList('"Ann <a@x.io>\nb@x.io, c@x.io')).toEqual([
      { line: 1, cells: ['"Ann <a@x.io>', ''], problem: `Line 1: ""Ann <a@x.io>" ${NOT_AN_ADDRESS}` },
      { line: 2, cells: ['b@x.io', ''] },
      { line: 2, cells: ['c@x.io', ''] },
    ]);
  });

  it('guard "a comma inside <…> does not split": the piece is shown whole as not an address', () => {
    expect(parseAddressList('Ann <ann@x.io, bob@x.io>\ncarl@x.io\ndan@x.io')).toEqual([
      {
        line: 1,
        cells: ['Ann <ann@x.io, bob@x.io>', ''],
        problem: `Line 1: "Ann <ann@x.io, bob@x.io>" ${NOT_AN_ADDRESS}`,
      },
      { line: 2, cells: ['carl@x.io', ''] },
      { line: 3, cells: ['dan@x.io', ''] },
    ]);
  });

  it('guard "a list needs addresses": text with <…> but no valid address, or one address in two lines, is not read as a list', () => {
    expect(parseAddressList('Ann <ann@x.io> extra')).toBeNull();
    expect(parseAddressList('a@x.io\nnot an address')).toBeNull();
  });

  it('guard "a long piece is quoted cut to 80 characters, an 80-character one whole"', () => {
    const long = 'x'.repeat(100);
    expect(parseAddressList(`a@x.io\nb@x.io\n${long}`)?.[2]?.problem).toBe(
      `Line 3: "${'x'.repeat(80)}…" ${NOT_AN_ADDRESS}`,
    );
    const eighty = 'y'.repeat(80);
    expect(parseAddressList(`a@x.io\nb@x.io\n${eighty}`)?.[2]?.problem).toBe(
      `Line 3: "${eighty}" ${NOT_AN_ADDRESS}`,
    );
  });
});
