import { describe, expect, it } from 'vitest';
import { mergeReports, splitArgs } from '@/scripts/mutation-module';

const mutant = (id: string, status: 'Killed' | 'Survived', coveredBy: string[], killedBy: string[] = []) => ({
  id,
  mutatorName: 'ConditionalExpression',
  replacement: 'true',
  status,
  coveredBy,
  killedBy,
  location: { start: { line: 1, column: 1 } },
});

describe('mutation-module merge', () => {
  it('replaces the re-run module and its test files, keeps every other module and its tests', () => {
    const base = {
      files: {
        'lib/a.ts': { mutants: [mutant('1', 'Survived', ['0'])] },
        'lib/b.ts': { mutants: [mutant('2', 'Killed', ['1'], ['1'])] },
      },
      testFiles: {
        't.test.ts': { source: 'old', tests: [{ id: '0', name: 'a old' }] },
        'u.test.ts': { source: 'u', tests: [{ id: '1', name: 'b keep' }] },
      },
    };
    const run = {
      files: { 'lib/a.ts': { mutants: [mutant('1', 'Killed', ['0'], ['0'])] } },
      testFiles: { 't.test.ts': { source: 'new', tests: [{ id: '0', name: 'a new' }] } },
    };
    const merged = mergeReports(base, run);
    expect(merged.files).toEqual({
      'lib/a.ts': { mutants: [mutant('1', 'Killed', ['2'], ['2'])] },
      'lib/b.ts': base.files['lib/b.ts'],
    });
    expect(merged.testFiles).toEqual({
      't.test.ts': { source: 'new', tests: [{ id: '2', name: 'a new' }] },
      'u.test.ts': base.testFiles['u.test.ts'],
    });
  });

  it('guard "a run\'s test ids never collide with the base\'s": ids are per-run indexes, so they are renumbered; a test the base knows keeps its id', () => {
    const base = {
      files: { 'lib/b.ts': { mutants: [mutant('9', 'Killed', ['0', '1'], ['1'])] } },
      testFiles: {
        'b.test.ts': {
          source: 'b',
          tests: [
            { id: '0', name: 'b one' },
            { id: '1', name: 'b two' },
          ],
        },
        'shared.test.ts': { source: 's', tests: [{ id: '2', name: 'shared' }] },
      },
    };
    const run = {
      files: {
        'lib/a.ts': { mutants: [mutant('1', 'Killed', ['0', '1'], ['1']), mutant('2', 'Survived', [])] },
      },
      testFiles: {
        'a.test.ts': { source: 'a', tests: [{ id: '0', name: 'a one' }] },
        'shared.test.ts': { source: 's2', tests: [{ id: '1', name: 'shared' }] },
      },
    };
    const merged = mergeReports(base, run);
    expect(merged.files['lib/a.ts']?.mutants.map((m) => [m.coveredBy, m.killedBy])).toEqual([
      [['3', '2'], ['2']],
      [[], []],
    ]);
    expect(merged.files['lib/b.ts']).toEqual(base.files['lib/b.ts']);
    expect(merged.testFiles).toEqual({
      'b.test.ts': base.testFiles['b.test.ts'],
      'a.test.ts': { source: 'a', tests: [{ id: '3', name: 'a one' }] },
      'shared.test.ts': { source: 's2', tests: [{ id: '2', name: 'shared' }] },
    });
  });
});

describe('mutation-module merge of the mutated files only', () => {
  it('keeps the committed row of a file the run did not mutate, even when the run carries a cut-down copy of it', () => {
    const base = {
      files: {
        'lib/a.ts': { mutants: [mutant('1', 'Survived', ['t.test.ts#a'])] },
        'lib/b.ts': {
          mutants: [mutant('2', 'Killed', ['t.test.ts#b']), mutant('3', 'Survived', ['t.test.ts#b'])],
        },
      },
    };
    const run = {
      files: {
        'lib/a.ts': { mutants: [mutant('1', 'Killed', ['t.test.ts#a'])] },
        'lib/b.ts': { mutants: [mutant('2', 'Killed', ['t.test.ts#b'])] },
      },
    };
    expect(mergeReports(base, run, ['lib/a.ts']).files).toEqual({
      'lib/a.ts': run.files['lib/a.ts'],
      'lib/b.ts': base.files['lib/b.ts'],
    });
  });
});

describe('mutation-module arguments', () => {
  it('passes everything from the first --option on to Stryker, so --concurrency 1 is not read as a glob', () => {
    expect(splitArgs(['lib/a.ts,lib/b.ts', 'lib/c.ts', '--concurrency', '1', '--logLevel', 'info'])).toEqual({
      globs: ['lib/a.ts,lib/b.ts', 'lib/c.ts'],
      options: ['--concurrency', '1', '--logLevel', 'info'],
    });
  });

  it('keeps every argument a glob when no option is given', () => {
    expect(splitArgs(['lib/a.ts'])).toEqual({ globs: ['lib/a.ts'], options: [] });
    expect(splitArgs(['--concurrency', '1'])).toEqual({ globs: [], options: ['--concurrency', '1'] });
  });
});
