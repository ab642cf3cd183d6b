/**
 * A formula hidden behind whitespace, NBSP, zero-width characters or a BOM, or written with
 * full-width / compatibility characters that NFKC folds to `= + - @`, is neutralised too; bidi
 * controls are made visible.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BIDI_CONTROLS,
  hasBidiControls,
  neutraliseFormula,
  restoreFormula,
  revealBidiControls,
} from '@/lib/csv/neutralise';

const IGNORABLE = [' ', '\u00A0', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u3000', '\n'];
const TRIGGERS = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  '\uFE66',
  '\uFE62',
  '\uFE63',
  '\uFE6B',
];

describe('neutraliseFormula with hidden triggers', () => {
  it.each([
    [' =1+1', "' =1+1"],
    ['\u00A0=1+1', "'\u00A0=1+1"],
    ['\u200B=1+1', "'\u200B=1+1"],
    ['\uFEFF=1+1', "'\uFEFF=1+1"],
    ['\uFF1DSUM(A1)', "'\uFF1DSUM(A1)"],
    ['\uFF0B1', "'\uFF0B1"],
    [' \u200B\u00A0@x', "' \u200B\u00A0@x"],
    ["'\u00A0=1", "''\u00A0=1"],
    [' Ann', ' Ann'],
    ['\u00A0', '\u00A0'],
    ['Ann =1', 'Ann =1'],
  ])('%j becomes %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it('property: after any run of ignorable characters, a trigger never starts the cell unprefixed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...IGNORABLE), { maxLength: 6 }),
        fc.constantFrom(...TRIGGERS),
        fc.string(),
        (prefix, trigger, rest) => {
          const cell = `${prefix.join('')}${trigger}${rest}`;
          expect(neutraliseFormula(cell).startsWith("'")).toBe(true);
          expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
        },
      ),
    );
  });

  it('property: a cell that does not start with an apostrophe is prefixed exactly when its first visible character folds (NFKC) to a trigger', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (cell) => {
        fc.pre(!cell.startsWith("'"));
        const visible = [...cell].find(
          (c) =>
            !/^[\s\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u061C]$/u.test(c) || c === '\t' || c === '\r',
        );
        const shouldPrefix = visible !== undefined && /^[=+\-@\t\r]/.test(visible.normalize('NFKC'));
        expect(neutraliseFormula(cell).startsWith("'")).toBe(shouldPrefix);
        expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
      }),
    );
  });
});

describe('bidi controls', () => {
  it('lists U+202A–202E and U+2066–2069', () => {
    expect(BIDI_CONTROLS.map((c) => c.codePointAt(0)!.toString(16))).toEqual([
      '202a',
      '202b',
      '202c',
      '202d',
      '202e',
      '2066',
      '2067',
      '2068',
      '2069',
    ]);
  });

  it('are made visible as [U+XXXX] and detected', () => {
    const name = 'Ann \u202Egnp.exe\u202C';
    expect(hasBidiControls(name)).toBe(true);
    expect(revealBidiControls(name)).toBe('Ann [U+202E]gnp.exe[U+202C]');
    expect(hasBidiControls('Ann')).toBe(false);
    expect(revealBidiControls('\u200Fשלום')).toBe('\u200Fשלום');
  });

  it('property: the revealed text contains no bidi control', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', ...BIDI_CONTROLS) }), (text) => {
        expect(hasBidiControls(revealBidiControls(text))).toBe(false);
      }),
    );
  });
});
