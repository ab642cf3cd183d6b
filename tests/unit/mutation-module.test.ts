import { describe, expect, it } from 'vitest';
import { mergeReports } from '@/scripts/mutation-module';

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
