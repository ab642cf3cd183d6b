/**
 * `npx tsx scripts/mutation-module.ts <glob>… [--stryker-option value…]` — Stryker on some of the
 * gated files only (e.g. `'lib/csv/**\/*.ts'`), incremental against the committed
 * `reports/stryker-incremental.json`, whose entries for those files are then replaced by the new
 * results; the per-file gate (`scripts/mutation-check.ts`) runs on the whole merged report.
 * Everything from the first `--` argument on is passed to Stryker (e.g. `--concurrency 1` on a
 * shared machine).
 *
 * Why: `stryker run --incremental --mutate <glob>` rewrites the incremental file with the files of
 * that run alone, so running one module that way throws away every other module's results.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gatedFiles, type MutationReport } from './mutation-check';

const COMMITTED = 'reports/stryker-incremental.json';
const RUN_FILE = 'reports/mutation/module-incremental.json';

interface TestEntry {
  id: string;
  name?: string;
}
interface TestFile {
  source?: string;
  tests: TestEntry[];
}
type Report = MutationReport & { testFiles?: Record<string, TestFile> };

const testKey = (file: string, test: TestEntry) => `${file}\n${test.name ?? test.id}`;

/**
 * `base` with the files of `run` replaced by the run's results (only `mutated` ones when given),
 * and the run's test files replacing the base's. Stryker's incremental file also carries every
 * other file of the report it started from, and a file whose code changed since comes back cut
 * down to its unchanged mutants, none re-tested: taking it would give that file a partial row the
 * gate scores as if measured (lib/invite/job/model.ts lost 19 of 119 mutants that way). So only
 * the files the run mutated are taken.
 *
 * Test ids are per-run indexes (`'0'`, `'1'`, …), so the run's ids are renumbered into the base's:
 * a test the base knows (same file and name) keeps its id, which other files' mutants point to; a
 * new test gets an id no other test has. (Merged as they came, two runs' ids collided and a
 * mutant's `coveredBy` named tests of other files.) A test file the run read replaces the base's
 * entry: the run ran every test of it, so a test missing there was renamed or removed.
 */
export function mergeReports(base: Report, run: Report, mutated?: readonly string[]): Report {
  const taken = mutated
    ? Object.fromEntries(Object.entries(run.files).filter(([file]) => mutated.includes(file)))
    : run.files;
  const baseIds = new Map<string, string>();
  const used = new Set<string>();
  for (const [file, { tests }] of Object.entries(base.testFiles ?? {}))
    for (const test of tests) {
      baseIds.set(testKey(file, test), test.id);
      used.add(test.id);
    }
  let counter = 0;
  const freshId = () => {
    while (used.has(String(counter))) counter++;
    used.add(String(counter));
    return String(counter);
  };
  const idOf = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(run.testFiles ?? {}))
    for (const test of tests) idOf.set(test.id, baseIds.get(testKey(file, test)) ?? freshId());
  const remap = (ids: string[] | null | undefined) => (ids ? ids.map((id) => idOf.get(id) ?? id) : ids);
  const files = Object.fromEntries(
    Object.entries(taken).map(([file, entry]) => [
      file,
      {
        ...entry,
        mutants: entry.mutants.map((mutant) => ({
          ...mutant,
          ...(mutant.coveredBy === undefined ? {} : { coveredBy: remap(mutant.coveredBy) }),
          ...(mutant.killedBy === undefined ? {} : { killedBy: remap(mutant.killedBy) }),
        })),
      },
    ]),
  );
  const testFiles: Record<string, TestFile> = { ...(base.testFiles ?? {}) };
  for (const [file, fresh] of Object.entries(run.testFiles ?? {}))
    testFiles[file] = {
      ...fresh,
      tests: fresh.tests.map((test) => ({ ...test, id: idOf.get(test.id) ?? test.id })),
    };
  return { ...base, ...run, files: { ...base.files, ...files }, testFiles };
}

/** The globs (every argument before the first `--option`) and the options passed on to Stryker. */
export function splitArgs(args: readonly string[]): { globs: string[]; options: string[] } {
  const first = args.findIndex((arg) => arg.startsWith('--'));
  const end = first === -1 ? args.length : first;
  return { globs: args.slice(0, end), options: args.slice(end) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { globs, options } = splitArgs(process.argv.slice(2));
  if (globs.length === 0) {
    console.error("usage: npx tsx scripts/mutation-module.ts 'lib/csv/**/*.ts' […] [--concurrency 1 …]");
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
      ...options,
    ],
    { stdio: 'inherit' },
  );
  if (stryker.status !== 0) process.exit(stryker.status ?? 1);
  const run = JSON.parse(readFileSync(RUN_FILE, 'utf8')) as Report;
  const base: Report = existsSync(COMMITTED)
    ? (JSON.parse(readFileSync(COMMITTED, 'utf8')) as Report)
    : { files: {} };
  const mutated = gatedFiles(globs.flatMap((glob) => glob.split(',')));
  writeFileSync(COMMITTED, `${JSON.stringify(mergeReports(base, run, mutated), null, 2)}\n`);
  const check = spawnSync('npx', ['tsx', 'scripts/mutation-check.ts', COMMITTED, '--strict'], {
    stdio: 'inherit',
  });
  process.exit(check.status ?? 1);
}
