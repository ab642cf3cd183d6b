import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkMutationReport,
  gatedFiles,
  hasCode,
  type MutationReport,
  scoreTable,
} from '@/scripts/mutation-check';

type Status = MutationReport['files'][string]['mutants'][number]['status'];

function mutants(line: number, statuses: Status[]) {
  return statuses.map((status, index) => ({
    id: `${line}-${index}`,
    mutatorName: 'ConditionalExpression',
    replacement: index % 2 === 0 ? 'true' : 'false',
    status,
    location: { start: { line: line + index, column: 1 } },
  }));
}

const report: MutationReport = {
  files: {
    'lib/b.ts': {
      mutants: mutants(10, ['Killed', 'Killed', 'Timeout', 'Killed', 'Killed', 'Killed', 'Survived']),
    },
    'lib/a.ts': { mutants: mutants(1, ['Killed', 'Survived', 'NoCoverage', 'Ignored', 'CompileError']) },
  },
};

describe('mutation check', () => {
  it('scores each file on its own and fails the one below 85 %, however good the others are', () => {
    const result = checkMutationReport(report, []);
    expect(result.files.map((f) => [f.file, f.score])).toEqual([
      ['lib/a.ts', 33.3],
      ['lib/b.ts', 85.7],
    ]);
    expect(result.failures).toEqual(['lib/a.ts: 33.3 % of mutants killed, below 85 %']);
    expect(result.unexplained).toEqual([
      'lib/a.ts:2 ConditionalExpression → false',
      'lib/a.ts:3 ConditionalExpression → true (no coverage)',
      'lib/b.ts:16 ConditionalExpression → true',
    ]);
  });

  it('lists an equivalent survivor as explained, and fails on an entry that matches no survivor', () => {
    const equivalent = {
      file: 'lib/b.ts',
      line: 16,
      mutator: 'ConditionalExpression',
      replacement: 'true',
      reason: 'r',
    };
    const stale = { ...equivalent, line: 11 };
    // A file this run did not mutate (a run of one module) has nothing to be stale against.
    const elsewhere = { ...equivalent, file: 'lib/c.ts' };
    const result = checkMutationReport(report, [equivalent, stale, elsewhere], { minScore: 30 });
    expect(result.files.find((f) => f.file === 'lib/b.ts')).toMatchObject({
      survived: 1,
      equivalent: 1,
      score: 85.7,
    });
    expect(result.unexplained).not.toContain('lib/b.ts:16 ConditionalExpression → true');
    expect(result.failures).toEqual([
      'stale equivalent (no such surviving mutant): lib/b.ts:11 ConditionalExpression → true',
    ]);
  });

  it('with --strict, fails while any survivor is neither killed nor listed', () => {
    const result = checkMutationReport(report, [], { strict: true, minScore: 30 });
    expect(result.failures).toEqual(['3 survivor(s) neither killed nor listed as equivalent']);
  });

  it('prints one table row per file with its counts and score', () => {
    expect(scoreTable(checkMutationReport(report, []).files).split('\n')).toEqual([
      '| file | mutants | killed + timeout | survived | no coverage | listed equivalent | score |',
      '|---|---|---|---|---|---|---|',
      '| lib/a.ts | 3 | 1 | 1 | 1 | 0 | 33.3 % |',
      '| lib/b.ts | 7 | 6 | 1 | 0 | 0 | 85.7 % |',
    ]);
  });

  it('fails on a gated file missing from the report: a module never measured does not pass unseen', () => {
    const result = checkMutationReport(report, [], {
      minScore: 30,
      gated: ['lib/a.ts', 'lib/b.ts', 'lib/c.ts'],
    });
    expect(result.failures).toEqual(['lib/c.ts: not in the report (never measured), so not gated']);
  });

  it('lets a gated file with no code to mutate (types and re-exports) be absent, and only such a file', () => {
    const result = checkMutationReport(report, [], {
      minScore: 30,
      gated: ['lib/a.ts', 'lib/types.ts', 'lib/c.ts'],
      hasCode: (file) => file !== 'lib/types.ts',
    });
    expect(result.failures).toEqual(['lib/c.ts: not in the report (never measured), so not gated']);
  });

  it('tells code from declarations: imports, re-exports, interfaces and type aliases are none', () => {
    expect(
      hasCode(
        [
          "import type { A } from './a';",
          "export * from './b';",
          "export { c } from './c';",
          'export type { A };',
          'export interface D { e: string }',
          'type F = A | D;',
        ].join('\n'),
      ),
    ).toBe(false);
    // Stryker does not mutate inside an `as` expression, so a constant that is one has no mutant.
    expect(hasCode("export const G = ['g'] as const;\nexport type G = (typeof G)[number];")).toBe(false);
    expect(hasCode("export const G = ['g'];")).toBe(true);
    expect(hasCode("export const G = ['g'] as const, H = 1;")).toBe(true);
    expect(hasCode('export function h() { return 1; }')).toBe(true);
    expect(hasCode("import './setup';\nconsole.log('side effect');")).toBe(true);
  });

  it("reads the gated files from Stryker's mutate patterns: a folder's .ts files, single files, exclusions", () => {
    const tree: Record<string, string[]> = {
      'lib/csv': ['lib/csv/write.ts', 'lib/csv/neutralise.ts'],
      'lib/wandb/scim': ['lib/wandb/scim/client.ts', 'lib/wandb/scim/types.ts'],
    };
    const files = gatedFiles(
      ['lib/csv/**/*.ts', 'lib/wandb/pages.ts', 'lib/wandb/scim/**/*.ts', '!lib/wandb/scim/types.ts'],
      (dir) => tree[dir] ?? [],
    );
    expect(files).toEqual([
      'lib/csv/neutralise.ts',
      'lib/csv/write.ts',
      'lib/wandb/pages.ts',
      'lib/wandb/scim/client.ts',
    ]);
    expect(() => gatedFiles(['lib/{a,b}.ts'], () => [])).toThrow(/not understood/);
  });

  it('the committed Stryker config gates every file of the domain modules the issue names', () => {
    const config = JSON.parse(readFileSync('stryker.config.json', 'utf8')) as { mutate: string[] };
    const gated = gatedFiles(config.mutate);
    // The job engine (once lib/jobs/) is lib/invite/job/.
    const modules = ['lib/csv', 'lib/invite', 'lib/export', 'lib/offboarding', 'lib/wandb/scim'];
    for (const dir of modules)
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
        if (name.endsWith('.ts')) expect(gated).toContain(`${dir}/${name}`);
    expect(gated).toContain('lib/wandb/pages.ts');
  });
});
