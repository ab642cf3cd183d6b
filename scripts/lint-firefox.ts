/**
 * `web-ext lint` for the Firefox package: runs Mozilla's addons-linter (what `web-ext lint` and
 * addons.mozilla.org run) on the built `.output/firefox-mv2`, from `npm test` and `npm run zip`.
 *
 * Fails on every error, and on every warning except the three below, each recognised by the code at
 * the reported position, not by file name or rule alone, so that a new `eval`, `Function(...)` or
 * `innerHTML` anywhere else (ours or a dependency's) fails the run:
 * - DANGEROUS_EVAL at zod 4's `allowsEval` probe, `if (config.jitless || …) return false; try {
 *   Function(''); …`. Every bundle that parses sets `z.config({ jitless: true })` before any schema
 *   exists (tests/unit/build/zod-jitless.test.ts counts the calls), so the probe never runs.
 * - UNSAFE_VAR_ASSIGNMENT at React DOM's `case 'dangerouslySetInnerHTML': … e.innerHTML = n`, its
 *   implementation of that prop. It runs only for an element given the prop, and no code of ours
 *   uses it: this script fails when `dangerouslySetInnerHTML` appears in components/, lib/ or
 *   entrypoints/.
 * - UNSAFE_VAR_ASSIGNMENT at lit-html's `static createElement(html) { const el =
 *   document.createElement('template'); el.innerHTML = html; … }`, where the toolkit bar's template
 *   is parsed. `html` is joined from the static parts of a tagged template literal (lit-html refuses
 *   strings that are not one); values go in as text. This script fails when lit-html's
 *   `unsafeHTML`/`unsafeSVG` directives appear in components/, lib/ or entrypoints/.
 * Notices are printed, not failed (they are informational on AMO).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGE_DIR = resolve(ROOT, '.output/firefox-mv2');
const OUR_SOURCES = ['components', 'lib', 'entrypoints'];

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

interface KnownFinding {
  code: string;
  why: string;
  /** The code at the reported position (1-based line and column) must start with this… */
  at: RegExp;
  /** …and the 300 characters before it must match this. */
  before: RegExp;
}

export const KNOWN_FINDINGS: KnownFinding[] = [
  {
    code: 'DANGEROUS_EVAL',
    why: "zod's eval probe, skipped because zod is jitless",
    at: /^Function\(``\)/,
    before:
      /\.jitless\|\|typeof navigator<`u`&&navigator\?\.userAgent\?\.includes\(`Cloudflare`\)\)return!1;try\{return $/,
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "React DOM's dangerouslySetInnerHTML, a prop no code of ours uses",
    at: /^\w+\.innerHTML=\w+\)\}\}break;/,
    before:
      /case`dangerouslySetInnerHTML`:if\(\w+!=null\)\{if\(typeof \w+!=`object`\|\|!\(`__html`in \w+\)\)throw Error\(\w+\(61\)\);if\(\w+=\w+\.__html,\w+!=null\)\{if\(\w+\.children!=null\)throw Error\(\w+\(60\)\);\w+\?\.__html!==\w+&&\($/,
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "lit-html parsing the bar's template literal (developer-written markup, values go in as text)",
    at: /^\w+\.innerHTML=\w+,\w+\}\};/,
    before: /static createElement\(\w+,\w+\)\{let \w+=\w+\.createElement\(`template`\);return $/,
  },
];

/** Markup from data: what each allowance above assumes no code of ours uses. */
const UNSAFE_MARKUP = /dangerouslySetInnerHTML|unsafeHTML|unsafeSVG|unsafe-html|unsafe-svg/;

/** The known finding that explains `warning`, given the built file's text, or undefined. */
export function explain(warning: LintMessage, fileText: string | undefined): KnownFinding | undefined {
  if (fileText === undefined || !warning.line || !warning.column) return undefined;
  const line = fileText.split('\n')[warning.line - 1];
  if (line === undefined) return undefined;
  const start = warning.column - 1;
  const at = line.slice(start, start + 200);
  const before = line.slice(Math.max(0, start - 300), start);
  return KNOWN_FINDINGS.find(
    (known) => known.code === warning.code && known.at.test(at) && known.before.test(before),
  );
}

/** Every reason the package fails the lint, in words (empty: it passes). */
export function lintProblems(report: LintReport, readBuilt: (file: string) => string | undefined): string[] {
  const where = (m: LintMessage) => `${m.file ?? '(package)'}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}`;
  return [
    ...report.errors.map((m) => `error ${m.code} at ${where(m)}: ${m.message}`),
    ...report.warnings
      .filter((m) => !explain(m, m.file ? readBuilt(m.file) : undefined))
      .map((m) => `warning ${m.code} at ${where(m)}: ${m.message}`),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  if (!existsSync(join(PACKAGE_DIR, 'manifest.json'))) {
    console.error(`${PACKAGE_DIR} is missing: run \`npm run build:firefox\` first.`);
    process.exit(1);
  }
  const bin = resolve(ROOT, 'node_modules/addons-linter/bin/addons-linter');
  const run = spawnSync(process.execPath, [bin, '--output', 'json', PACKAGE_DIR], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout) as LintReport;
  } catch {
    console.error(`addons-linter gave no report (exit ${run.status}):\n${run.stderr}${run.stdout}`);
    process.exit(1);
  }
  const readBuilt = (file: string) => {
    const path = resolve(PACKAGE_DIR, file);
    return path.startsWith(PACKAGE_DIR) && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  const problems = lintProblems(report, readBuilt);
  const ours = OUR_SOURCES.flatMap((dir) => filesUnder(resolve(ROOT, dir))).filter((path) =>
    UNSAFE_MARKUP.test(readFileSync(path, 'utf8')),
  );
  for (const path of ours)
    problems.push(
      `${path} writes markup from data (dangerouslySetInnerHTML or lit-html's unsafeHTML/unsafeSVG), which this lint's React DOM and lit-html allowances assume nothing does`,
    );
  for (const notice of report.notices)
    console.log(`notice ${notice.code} at ${notice.file ?? '(package)'}: ${notice.message}`);
  if (problems.length > 0) {
    console.error(`lint-firefox: addons-linter on .output/firefox-mv2 found ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log(
    `lint-firefox: addons-linter on .output/firefox-mv2: 0 errors; ${report.warnings.length} warning(s), each a known one (zod's skipped eval probe, React DOM's unused dangerouslySetInnerHTML, lit-html's template parse); ${report.notices.length} notice(s).`,
  );
}
