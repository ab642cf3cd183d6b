/**
 * The import graph of the product code (`lib/`, `components/`, `entrypoints/`), for the layering and
 * cycle meta-tests. Imports are read with TypeScript's parser and resolved with TypeScript's own
 * module resolution and the project's tsconfig (so `./x`, `../x/index.ts`, `@/lib/x` and `~/lib/x`
 * all land on the same file); packages, CSS and anything outside the product folders are left out.
 *
 * The same code reads a tiny in-memory fixture (`graphOf`), so each test can show its detector fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(import.meta.dirname, '../../..');
export const PRODUCT_DIRS = ['lib', 'components', 'entrypoints'] as const;

/** `value`: code that runs (and is bundled); `type`: erased at build; `dynamic`: `import()`, its own chunk. */
export type ImportKind = 'value' | 'type' | 'dynamic';

export interface ImportEdge {
  /** Repository-relative, `/`-separated paths. */
  from: string;
  to: string;
  kind: ImportKind;
  specifier: string;
}

export interface ImportGraph {
  files: string[];
  edges: ImportEdge[];
}

interface RawImport {
  specifier: string;
  kind: ImportKind;
}

const isTypeOnlyImport = (node: ts.ImportDeclaration): boolean => {
  const clause = node.importClause;
  if (!clause) return false; // `import './x'`: runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
};

const isTypeOnlyExport = (node: ts.ExportDeclaration): boolean =>
  node.isTypeOnly ||
  (node.exportClause !== undefined &&
    ts.isNamedExports(node.exportClause) &&
    node.exportClause.elements.length > 0 &&
    node.exportClause.elements.every((element) => element.isTypeOnly));

/** Every module specifier of one file with how it is used. */
export function readImports(fileName: string, text: string): RawImport[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: RawImport[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, kind: isTypeOnlyImport(node) ? 'type' : 'value' });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, kind: isTypeOnlyExport(node) ? 'type' : 'value' });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, kind: 'dynamic' });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, kind: 'type' }); // `import('./x').T`
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const isSource = (name: string) => /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$|\.d\.ts$/.test(name);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return isSource(entry.name) ? [path] : [];
  });
}

/** The compiler options of the project's tsconfig (which extends WXT's, with the `@/` and `~/` paths). */
function projectOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return parsed.options;
}

/**
 * Builds the graph of `files` (absolute path → text) under `root`: one edge per import that
 * resolves to another of `files`.
 */
export function buildGraph(
  root: string,
  files: ReadonlyMap<string, string>,
  options: ts.CompilerOptions,
  host: ts.ModuleResolutionHost,
): ImportGraph {
  const name = (path: string) => relative(root, path).split('\\').join('/');
  const edges: ImportEdge[] = [];
  for (const [path, text] of files) {
    for (const { specifier, kind } of readImports(path, text)) {
      const resolved = ts.resolveModuleName(specifier, path, options, host).resolvedModule?.resolvedFileName;
      if (resolved === undefined || !files.has(resolved)) continue;
      edges.push({ from: name(path), to: name(resolved), kind, specifier });
    }
  }
  return { files: [...files.keys()].map(name).sort(), edges };
}

/** Every product source file (absolute path → text), tests and `.d.ts` files left out. */
export function productSources(): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of PRODUCT_DIRS) {
    for (const path of sourceFiles(join(ROOT, dir))) files.set(path, readFileSync(path, 'utf8'));
  }
  return files;
}

/** A repository-relative, `/`-separated path. */
export const repoPath = (path: string) => relative(ROOT, path).split('\\').join('/');

let cached: ImportGraph | undefined;

/** The product code's import graph, read from disk (once per test file). */
export function productGraph(): ImportGraph {
  cached ??= buildGraph(ROOT, productSources(), projectOptions(), ts.sys);
  return cached;
}

/**
 * The graph of an in-memory fixture (repository-relative path → text), resolved like the product:
 * relative paths, index files, and the `@/` alias to the fixture's root.
 */
export function graphOf(fixture: Record<string, string>): ImportGraph {
  const root = '/fixture';
  const files = new Map(Object.entries(fixture).map(([path, text]) => [posix.join(root, path), text]));
  const host: ts.ModuleResolutionHost = {
    fileExists: (path) => files.has(path),
    readFile: (path) => files.get(path),
    directoryExists: (dir) => [...files.keys()].some((path) => path.startsWith(`${dir}/`)),
  };
  const options: ts.CompilerOptions = {
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    allowImportingTsExtensions: true,
    baseUrl: root,
    paths: { '@/*': ['./*'] },
  };
  return buildGraph(root, files, options, host);
}

/** Glob over repository-relative paths: `**` any folders, `*` any name part. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else pattern += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

export const matchesAny = (path: string, globs: readonly string[]) =>
  globs.some((glob) => globToRegExp(glob).test(path));

/**
 * The strongly connected components with more than one file (or a file that imports itself): each
 * is one or more import cycles. Tarjan's algorithm, iterative.
 */
export function cyclicGroups(graph: ImportGraph, edges: readonly ImportEdge[] = graph.edges): string[][] {
  const next = new Map<string, string[]>(graph.files.map((file) => [file, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const start of graph.files) {
    if (index.has(start)) continue;
    const work: { file: string; child: number }[] = [{ file: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const children = next.get(frame.file) ?? [];
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ file: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.file, Math.min(low.get(frame.file)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === index.get(frame.file)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.file);
        const selfLoop = edges.some((edge) => edge.from === frame.file && edge.to === frame.file);
        if (group.length > 1 || selfLoop) groups.push(group.sort());
      }
    }
  }
  return groups.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** One shortest cycle through `file` within `edges`, as `a → b → … → a`, for a readable failure. */
export function cycleThrough(file: string, edges: readonly ImportEdge[]): string | null {
  const previous = new Map<string, string>();
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const edge of edges) {
      if (edge.from !== current) continue;
      if (edge.to === file) {
        const path = [file];
        for (let at: string | undefined = current; at !== undefined && at !== file; at = previous.get(at)) {
          path.splice(1, 0, at);
        }
        return [...path, file].join(' → ');
      }
      if (!previous.has(edge.to) && edge.to !== file) {
        previous.set(edge.to, current);
        queue.push(edge.to);
      }
    }
  }
  return null;
}

/** The files reachable from `file` along `edges` (not counting `file` unless a cycle returns to it). */
export function reachableFrom(file: string, edges: readonly ImportEdge[]): Set<string> {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const edge of edges) {
      if (edge.from === current && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}
