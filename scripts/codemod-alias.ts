/**
 * Rewrites `../` import chains into `@/…` imports (issue 12): `'../../lib/wandb/errors'` becomes
 * `'@/lib/wandb/errors'`. Same-folder imports (`./x`) stay, as does any path that leaves the
 * repository. `@/` is the repository root: WXT's alias, set for Vite and, through the tsconfig WXT
 * writes (`.wxt/tsconfig.json`), for TypeScript, tsx and Playwright; `vitest.firefox.config.ts`
 * sets it too.
 *
 *   npx tsx scripts/codemod-alias.ts [--check] [--min-depth N] [FOLDER_OR_FILE…]
 *   npm run format      # then: Biome sorts the rewritten imports into its alias group
 *
 * Default folders: lib, components, entrypoints, tests, scripts. Rewritten: static imports and
 * exports, `import()`, `import('…').Type`, and the first argument of `vi.mock`, `vi.doMock`,
 * `vi.unmock`, `vi.importActual` and `vi.importMock`. `--min-depth 2` rewrites only `../../` and
 * longer chains. `--check` writes nothing and exits 1 if anything would change.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_TARGETS = ['lib', 'components', 'entrypoints', 'tests', 'scripts'];
const SKIP_DIRS = new Set([
  'node_modules',
  '.output',
  '.wxt',
  'test-results',
  'playwright-report',
  'reports',
]);
const VI_CALLS = new Set(['mock', 'doMock', 'unmock', 'importActual', 'importMock']);

export interface Rewrite {
  /** Offsets of the specifier's text, inside its quotes. */
  start: number;
  end: number;
  from: string;
  to: string;
}

function moduleSpecifiers(source: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteralLike(node.moduleSpecifier)) found.push(node.moduleSpecifier);
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isVi =
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'vi' &&
        VI_CALLS.has(callee.name.text);
      if ((isImport || isVi) && first && ts.isStringLiteralLike(first)) found.push(first);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The `@/` form of `specifier` imported from `file` (repository-relative), or null to leave it. */
export function aliasFor(file: string, specifier: string, minDepth = 1): string | null {
  const depth = /^(?:\.\.\/)+/.exec(specifier)?.[0].length ?? 0;
  if (depth / 3 < Math.max(1, minDepth)) return null;
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  if (target.startsWith('../') || target === '..') return null; // leaves the repository
  if (SKIP_DIRS.has(target.split('/')[0]!)) return null;
  return `@/${target}`;
}

/** The rewrites of one file's text (`file` repository-relative, `/`-separated). */
export function rewritesOf(file: string, text: string, minDepth = 1): Rewrite[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  return moduleSpecifiers(source).flatMap((literal) => {
    const to = aliasFor(file, literal.text, minDepth);
    if (to === null) return [];
    const start = literal.getStart(source) + 1;
    return [{ start, end: literal.getEnd() - 1, from: literal.text, to }];
  });
}

export function applyRewrites(text: string, rewrites: readonly Rewrite[]): string {
  let out = text;
  for (const rewrite of [...rewrites].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, rewrite.start) + rewrite.to + out.slice(rewrite.end);
  }
  return out;
}

function sourceFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return /\.(ts|tsx|mts)$/.test(path) && !path.endsWith('.d.ts') ? [path] : [];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    SKIP_DIRS.has(entry.name) ? [] : sourceFiles(join(path, entry.name)),
  );
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const depthAt = argv.indexOf('--min-depth');
  const minDepth = depthAt >= 0 ? Number(argv[depthAt + 1]) : 1;
  if (!Number.isInteger(minDepth) || minDepth < 1) {
    console.error('--min-depth takes a whole number of 1 or more');
    return 2;
  }
  const targets = argv.filter((arg, i) => !arg.startsWith('--') && !(depthAt >= 0 && i === depthAt + 1));
  const files = (targets.length > 0 ? targets : DEFAULT_TARGETS).flatMap((t) =>
    sourceFiles(resolve(ROOT, t)),
  );
  let changedFiles = 0;
  let changedImports = 0;
  for (const path of files) {
    const file = relative(ROOT, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    const rewrites = rewritesOf(file, text, minDepth);
    if (rewrites.length === 0) continue;
    changedFiles++;
    changedImports += rewrites.length;
    if (check) console.log(`${file}: ${rewrites.map((r) => `${r.from} → ${r.to}`).join(', ')}`);
    else writeFileSync(path, applyRewrites(text, rewrites));
  }
  const verb = check ? 'would rewrite' : 'rewrote';
  console.log(`${verb} ${changedImports} imports in ${changedFiles} of ${files.length} files`);
  if (!check && changedFiles > 0)
    console.log('Now run `npm run format` to sort the imports Biome groups by alias.');
  return check && changedFiles > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
