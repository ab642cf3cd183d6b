/**
 * `lib/wandb` (the W&B client: pages, operations, schemas, transport, directory, SCIM) imports no
 * other `lib/` folder (issue 12), so every tool can use it and it can be tested on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const WANDB = join(ROOT, 'lib/wandb');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `file: specifier` for each relative or `@/` import of `text` that leaves `lib/wandb`. */
function importsLeaving(file: string, text: string): string[] {
  return [...text.matchAll(IMPORT)].flatMap((match) => {
    const specifier = match[1] ?? match[2] ?? '';
    const target = specifier.startsWith('.')
      ? resolve(dirname(file), specifier)
      : specifier.startsWith('@/')
        ? join(ROOT, specifier.slice(2))
        : null;
    if (target === null) return []; // a package
    const inside = relative(WANDB, target);
    return inside.startsWith('..') ? [`${relative(ROOT, file)}: ${specifier}`] : [];
  });
}

describe('lib/wandb layering', () => {
  it('finds an import that leaves the folder, and none that stays inside it', () => {
    const file = join(WANDB, 'directory/builder.ts');
    expect(
      importsLeaving(
        file,
        "import { a } from '../names';\nimport { b } from '../../csv/neutralise';\nimport { z } from 'zod';",
      ),
    ).toEqual(['lib/wandb/directory/builder.ts: ../../csv/neutralise']);
  });

  it('no file under lib/wandb imports another lib/ folder', () => {
    const leaving = sourceFiles(WANDB).flatMap((file) => importsLeaving(file, readFileSync(file, 'utf8')));
    expect(leaving).toEqual([]);
  });
});
