/**
 * No product function a reader has to scroll and no product file that runs on (issue 12): every
 * function (declaration, expression, arrow, method, accessor, constructor — React components are
 * functions too) in `lib/`, `components/` and `entrypoints/` is at most 150 lines, every file at
 * most 400. Tests and the simulator live under `tests/` and are not measured.
 *
 * The allow-list names the offenders not split yet, each with why. It can only shrink: an entry
 * that is no longer over its limit fails the test until it is removed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const PRODUCT_DIRS = ['lib', 'components', 'entrypoints'];
const MAX_FUNCTION_LINES = 150;
const MAX_FILE_LINES = 400;

/** `path` for a file, `path#name` for a function; the value says why it is not split yet. */
// Empty since the job engine, the dry-run classifier and the export comparison were split.
const ALLOWED: Record<string, string> = {};

interface Offender {
  key: string;
  lines: number;
  limit: number;
}

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

function lineCount(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

/** The name a reader would search for: its own, else the variable, property or argument it is given to. */
function functionName(node: FunctionNode, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  let parent: ts.Node = node.parent;
  // `const X = memo(function () {…})`, `forwardRef((props) => …)`: name it after the variable.
  while (ts.isCallExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) {
    parent = parent.parent;
  }
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent)
  ) {
    return parent.name.getText(source);
  }
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  return `<anonymous at line ${line}>`;
}

/** Every function of one file with its length in lines, first line of its text to the last. */
function measureFunctions(fileName: string, text: string): { name: string; lines: number }[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ name: functionName(node, source), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function offenders(): Offender[] {
  const result: Offender[] = [];
  for (const path of PRODUCT_DIRS.flatMap((dir) => productFiles(join(ROOT, dir)))) {
    const file = relative(ROOT, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    const fileLines = lineCount(text);
    if (fileLines > MAX_FILE_LINES) result.push({ key: file, lines: fileLines, limit: MAX_FILE_LINES });
    for (const fn of measureFunctions(file, text)) {
      if (fn.lines > MAX_FUNCTION_LINES) {
        result.push({ key: `${file}#${fn.name}`, lines: fn.lines, limit: MAX_FUNCTION_LINES });
      }
    }
  }
  return result;
}

describe('product code size', () => {
  it('measures a function from its first line to its last, whatever its form', () => {
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      `function declared() {\n${body(151)}\n}`,
      `const arrow = () => {\n${body(150)}\n};`,
      `const Wrapped = memo(function () {\n${body(3)}\n});`,
      `class K {\n  method() {\n${body(5)}\n  }\n}`,
      `const tsx = () => <div>\n</div>;`,
    ].join('\n');
    expect(measureFunctions('sample.tsx', text)).toEqual([
      { name: 'declared', lines: 151 },
      { name: 'arrow', lines: 150 },
      { name: 'Wrapped', lines: 3 },
      { name: 'method', lines: 5 },
      { name: 'tsx', lines: 2 },
    ]);
  });

  it(`no product function is over ${MAX_FUNCTION_LINES} lines and no product file over ${MAX_FILE_LINES}, except those allowed`, () => {
    const unexpected = offenders()
      .filter((offender) => !(offender.key in ALLOWED))
      .map((offender) => `${offender.key}: ${offender.lines} lines (limit ${offender.limit})`);
    expect(unexpected).toEqual([]);
  });

  it('every allowed entry is still over its limit, so the allow-list only shrinks', () => {
    const current = new Set(offenders().map((offender) => offender.key));
    const stale = Object.keys(ALLOWED).filter((key) => !current.has(key));
    expect(stale).toEqual([]);
  });

  it('every allowed entry says why', () => {
    const unexplained = Object.entries(ALLOWED).filter(([, reason]) => reason.trim().length < 10);
    expect(unexplained).toEqual([]);
  });
});
