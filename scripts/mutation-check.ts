/**
 * `npx tsx scripts/mutation-check.ts [report]` — the per-file gate on Stryker's JSON report
 * (default `reports/mutation/mutation.json`). Stryker's own `thresholds.break` is one global
 * score, so a weak file can hide behind strong ones; this fails when any mutated file scores
 * below 85 %, and prints a table.
 *
 * Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it.
 * Survivors listed in `tests/mutation-equivalents.json` (file, line, mutator, replacement and a
 * one-line reason why no test can tell the mutant from the code) are shown as equivalent and
 * left out of the "unexplained" count; they still count as survived in the score. The check
 * also fails when the list names a mutant of a file in the report that no longer survives (a
 * stale entry), when a gated file (one the `mutate` patterns of `stryker.config.json` name) is
 * missing from the report — a module nobody measured must not pass for one that scored; a file of
 * types and re-exports only has nothing to mutate, and Stryker leaves it out of its report — and,
 * with `--strict`, when any survivor is unexplained.
 */
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';

export const MIN_SCORE = 85;

type Status = 'Killed' | 'Timeout' | 'Survived' | 'NoCoverage' | 'Ignored' | 'CompileError' | 'RuntimeError';

interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: Status;
  location: { start: { line: number; column: number } };
  /** Ids of the tests that ran the mutant / killed it (ids index the report's `testFiles`). */
  coveredBy?: string[] | null;
  killedBy?: string[] | null;
}

export interface MutationReport {
  files: Record<string, { mutants: ReportMutant[] }>;
}

export interface Equivalent {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  reason: string;
}

export interface FileScore {
  file: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  equivalent: number;
  /** Percent, one decimal; null when nothing was mutated. */
  score: number | null;
}

export interface CheckResult {
  files: FileScore[];
  /** Survived or not covered, and not listed as equivalent: `file:line mutator → replacement`. */
  unexplained: string[];
  /** Entries of the equivalents list that match no surviving mutant. */
  stale: Equivalent[];
  failures: string[];
}

const keyOf = (file: string, line: number, mutator: string, replacement: string) =>
  `${file}:${line} ${mutator} → ${replacement}`;

/** Scores every file of the report and applies the gate. */
export function checkMutationReport(
  report: MutationReport,
  equivalents: readonly Equivalent[],
  options: {
    strict?: boolean;
    minScore?: number;
    gated?: readonly string[];
    /** Whether a gated file holds code to mutate (see `hasCode`); a file without any may be absent. */
    hasCode?: (file: string) => boolean;
  } = {},
): CheckResult {
  const minScore = options.minScore ?? MIN_SCORE;
  const listed = new Map(
    equivalents.map((entry) => [keyOf(entry.file, entry.line, entry.mutator, entry.replacement), entry]),
  );
  const used = new Set<string>();
  const unexplained: string[] = [];
  const files: FileScore[] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const score: FileScore = {
      file,
      killed: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      equivalent: 0,
      score: null,
    };
    for (const mutant of mutants) {
      if (mutant.status === 'Killed') score.killed++;
      else if (mutant.status === 'Timeout') score.timeout++;
      else if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        if (mutant.status === 'Survived') score.survived++;
        else score.noCoverage++;
        const key = keyOf(file, mutant.location.start.line, mutant.mutatorName, mutant.replacement ?? '');
        if (listed.has(key)) {
          score.equivalent++;
          used.add(key);
        } else unexplained.push(`${key}${mutant.status === 'NoCoverage' ? ' (no coverage)' : ''}`);
      }
    }
    const detected = score.killed + score.timeout;
    const valid = detected + score.survived + score.noCoverage;
    score.score = valid === 0 ? null : Math.floor((detected / valid) * 1000) / 10;
    files.push(score);
  }
  // Only entries of files in this report can be stale: a run of some modules says nothing of the others.
  const stale = [...listed]
    .filter(([key, entry]) => !used.has(key) && entry.file in report.files)
    .map(([, entry]) => entry);
  const failures: string[] = [];
  const holdsCode = options.hasCode ?? (() => true);
  for (const file of options.gated ?? [])
    if (!(file in report.files) && holdsCode(file))
      failures.push(`${file}: not in the report (never measured), so not gated`);
  for (const file of files)
    if (file.score !== null && file.score < minScore)
      failures.push(`${file.file}: ${file.score} % of mutants killed, below ${minScore} %`);
  for (const entry of stale)
    failures.push(
      `stale equivalent (no such surviving mutant): ${keyOf(entry.file, entry.line, entry.mutator, entry.replacement)}`,
    );
  if (options.strict && unexplained.length > 0)
    failures.push(`${unexplained.length} survivor(s) neither killed nor listed as equivalent`);
  return { files, unexplained, stale, failures };
}

/**
 * The files the `mutate` patterns name, as Stryker would find them: `dir/**\/*.ts` is every `.ts`
 * file under `dir`, anything else one file (a pattern starting with `!` leaves files out).
 */
export function gatedFiles(patterns: readonly string[], listDir = listTsFiles): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    const tree = /^(.*)\/\*\*\/\*\.ts$/.exec(pattern);
    if (tree?.[1]) for (const file of listDir(tree[1])) files.add(file);
    else if (/[*?{[]/.test(pattern)) throw new Error(`mutate pattern not understood by the gate: ${pattern}`);
    else files.add(pattern);
  }
  for (const pattern of patterns) if (pattern.startsWith('!')) files.delete(pattern.slice(1));
  return [...files].sort();
}

function listTsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => `${dir}/${name.split('\\').join('/')}`);
}

/**
 * True when a TypeScript source holds code Stryker can mutate: anything but imports, exports of
 * names (`export … from`, `export { … }`), interfaces, type aliases, and constants whose value is
 * an `as` expression (`export const STATUSES = ['new', …] as const`) — Stryker's instrumenter
 * treats a `TSAsExpression` as a type node and does not go inside it (`isTypeNode` in
 * @stryker-mutator/instrumenter), so such a file has no mutant and is left out of the report.
 */
export function hasCode(source: string): boolean {
  const file = ts.createSourceFile('gated.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const asConstant = (statement: ts.Statement) =>
    ts.isVariableStatement(statement) &&
    statement.declarationList.declarations.every(
      (declaration) => declaration.initializer !== undefined && ts.isAsExpression(declaration.initializer),
    );
  return file.statements.some(
    (statement) =>
      !ts.isImportDeclaration(statement) &&
      !ts.isExportDeclaration(statement) &&
      !ts.isInterfaceDeclaration(statement) &&
      !ts.isTypeAliasDeclaration(statement) &&
      !asConstant(statement),
  );
}

/** The result as a Markdown table, one row per file. */
export function scoreTable(files: readonly FileScore[]): string {
  const lines = [
    '| file | mutants | killed + timeout | survived | no coverage | listed equivalent | score |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of files) {
    const total = f.killed + f.timeout + f.survived + f.noCoverage;
    const score = f.score === null ? '—' : `${f.score.toFixed(1)} %`;
    lines.push(
      `| ${f.file} | ${total} | ${f.killed + f.timeout} | ${f.survived} | ${f.noCoverage} | ${f.equivalent} | ${score} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const path = args.find((arg) => !arg.startsWith('--')) ?? 'reports/mutation/mutation.json';
  const report = JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
  const equivalents = JSON.parse(readFileSync('tests/mutation-equivalents.json', 'utf8')) as Equivalent[];
  const config = JSON.parse(readFileSync('stryker.config.json', 'utf8')) as { mutate: string[] };
  const result = checkMutationReport(report, equivalents, {
    strict,
    gated: gatedFiles(config.mutate),
    hasCode: (file) => hasCode(readFileSync(file, 'utf8')),
  });
  console.log(scoreTable(result.files));
  if (result.unexplained.length > 0) {
    console.log(
      `\nSurvivors neither killed nor listed in tests/mutation-equivalents.json (${result.unexplained.length}):`,
    );
    for (const line of result.unexplained) console.log(`  ${line}`);
  }
  if (result.failures.length > 0) {
    console.error(`\nMutation check failed:\n${result.failures.map((line) => `  ${line}`).join('\n')}`);
    process.exit(1);
  }
  const explained = strict ? ', every survivor killed or listed as equivalent' : '';
  console.log(`\nMutation check passed: every file at or above ${MIN_SCORE} %${explained}.`);
}
