/**
 * `npx tsx scripts/mutation-module.ts <glob>…` — Stryker on some of the gated files only (e.g.
 * `'lib/csv/**\/*.ts'`), incremental against the committed `reports/stryker-incremental.json`,
 * whose entries for those files are then replaced by the new results; the per-file gate
 * (`scripts/mutation-check.ts`) runs on the whole merged report.
 *
 * Why: `stryker run --incremental --mutate <glob>` rewrites the incremental file with the files of
 * that run alone, so running one module that way throws away every other module's results.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { MutationReport } from './mutation-check';

const COMMITTED = 'reports/stryker-incremental.json';
const RUN_FILE = 'reports/mutation/module-incremental.json';

interface TestFile {
  source?: string;
  tests: { id: string }[];
}
type Report = MutationReport & { testFiles?: Record<string, TestFile> };

/** `base` with the files of `run` replaced by the run's results, and the run's test files added. */
export function mergeReports(base: Report, run: Report): Report {
  const testFiles: Record<string, TestFile> = { ...(base.testFiles ?? {}) };
  for (const [file, fresh] of Object.entries(run.testFiles ?? {})) {
    const known = new Map((testFiles[file]?.tests ?? []).map((test) => [test.id, test]));
    for (const test of fresh.tests) known.set(test.id, test);
    testFiles[file] = { ...fresh, tests: [...known.values()] };
  }
  return { ...base, ...run, files: { ...base.files, ...run.files }, testFiles };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const globs = process.argv.slice(2);
  if (globs.length === 0) {
    console.error("usage: npx tsx scripts/mutation-module.ts 'lib/csv/**/*.ts' […]");
    process.exit(2);
  }
  mkdirSync('reports/mutation', { recursive: true });
  if (existsSync(COMMITTED)) copyFileSync(COMMITTED, RUN_FILE);
  else rmSync(RUN_FILE, { force: true });
  const stryker = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      '--incremental',
      '--ignoreStatic',
      '--incrementalFile',
      RUN_FILE,
      '--mutate',
      globs.join(','),
    ],
    { stdio: 'inherit' },
  );
  if (stryker.status !== 0) process.exit(stryker.status ?? 1);
  const run = JSON.parse(readFileSync(RUN_FILE, 'utf8')) as Report;
  const base: Report = existsSync(COMMITTED)
    ? (JSON.parse(readFileSync(COMMITTED, 'utf8')) as Report)
    : { files: {} };
  writeFileSync(COMMITTED, `${JSON.stringify(mergeReports(base, run), null, 2)}\n`);
  const check = spawnSync('npx', ['tsx', 'scripts/mutation-check.ts', COMMITTED], { stdio: 'inherit' });
  process.exit(check.status ?? 1);
}
