import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormula } from '@/lib/csv/neutralise';

describe('neutraliseFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['=HYPERLINK("http://evil.test")', '\'=HYPERLINK("http://evil.test")'],
    ['a=b', 'a=b'],
    ['', ''],
    ['2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z'],
    ['2026-10-01', '2026-10-01'],
    ['42', '42'],
    ['3.14', '3.14'],
    ['🚀 launch', '🚀 launch'],
    ['\u200Fשלום', '\u200Fשלום'],
    ['山田太郎', '山田太郎'],
    [' =1', "' =1"],
    ["'Ohana", "'Ohana"],
    ["'=1+1", "''=1+1"],
    ['vision:admin; nlp:member', 'vision:admin; nlp:member'],
    ['@ops:member', "'@ops:member"],
  ])('%j becomes %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it('never leaves a cell starting with a formula trigger', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (cell) => {
        expect(/^[=+\-@\t\r]/.test(neutraliseFormula(cell))).toBe(false);
      }),
    );
  });

  it('is undone exactly by restoreFormula, for every string', () => {
    const tricky = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ') });
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary' })), (cell) => {
        expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
      }),
    );
  });

  it('restoreFormula leaves cells that we did not prefix alone', () => {
    expect(restoreFormula("'Ohana")).toBe("'Ohana");
    expect(restoreFormula("'")).toBe("'");
    expect(restoreFormula("'=1")).toBe('=1');
    expect(restoreFormula("''=1")).toBe("'=1");
  });
});
