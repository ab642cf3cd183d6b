import { describe, expect, it } from 'vitest';
import { mergeReports, splitArgs } from '@/scripts/mutation-module';

const mutant = (id: string, status: 'Killed' | 'Survived', coveredBy: string[]) => ({
  id,
  mutatorName: 'ConditionalExpression',
  replacement: 'true',
  status,
  coveredBy,
  location: { start: { line: 1, column: 1 } },
});

describe('mutation-module merge', () => {
  it('replaces the re-run module, keeps every other module and knows the tests of both runs', () => {
    const base = {
      files: {
        'lib/a.ts': { mutants: [mutant('1', 'Survived', ['t.test.ts#old'])] },
        'lib/b.ts': { mutants: [mutant('2', 'Killed', ['u.test.ts#keep'])] },
      },
      testFiles: {
        't.test.ts': { source: 'old', tests: [{ id: 't.test.ts#old' }] },
        'u.test.ts': { source: 'u', tests: [{ id: 'u.test.ts#keep' }] },
      },
    };
    const run = {
      files: { 'lib/a.ts': { mutants: [mutant('1', 'Killed', ['t.test.ts#new'])] } },
      testFiles: { 't.test.ts': { source: 'new', tests: [{ id: 't.test.ts#new' }] } },
    };
    const merged = mergeReports(base, run);
    expect(merged.files).toEqual({ 'lib/a.ts': run.files['lib/a.ts'], 'lib/b.ts': base.files['lib/b.ts'] });
    expect(merged.testFiles).toEqual({
      't.test.ts': { source: 'new', tests: [{ id: 't.test.ts#old' }, { id: 't.test.ts#new' }] },
      'u.test.ts': base.testFiles['u.test.ts'],
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
