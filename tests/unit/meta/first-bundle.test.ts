/**
 * Before any click an admin page runs only the bar (issue 12: at most 80 KB gzip, aim for 25): the
 * toolkit frame's first bundle — everything its entry imports statically, `import()` left out —
 * must not import React, which is fetched with the first tool opened (lib/toolkit/toolkit.ts).
 * `npm run bench` measures the bytes; this test names the import that would pull React back in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphOf, type ImportGraph, productGraph, ROOT, reachableFrom, readImports } from './import-graph';

const FRAME_ENTRY = 'entrypoints/toolkit-frame/main.ts';
const UI_LIBRARIES = /^(react|react-dom)(\/|$)/;

/** `file → package` for each value import of React in the files `entry` bundles statically. */
function reactImports(graph: ImportGraph, entry: string, text: (file: string) => string): string[] {
  const staticEdges = graph.edges.filter((edge) => edge.kind === 'value');
  const files = [entry, ...reachableFrom(entry, staticEdges)];
  return files.flatMap((file) =>
    readImports(file, text(file))
      .filter((found) => found.kind === 'value' && UI_LIBRARIES.test(found.specifier))
      .map((found) => `${file} → ${found.specifier}`),
  );
}

describe("the toolkit frame's first bundle", () => {
  it('the detector follows static imports, not import() or types', () => {
    const fixture: Record<string, string> = {
      'entry.ts': "import './bar';\nconst host = () => import('./host');",
      'bar.ts': "import type { FC } from 'react';\nimport { x } from './util';",
      'util.ts': "import { useState } from 'react';\nexport const x = useState;",
      'host.tsx': "import { createRoot } from 'react-dom/client';",
    };
    expect(reactImports(graphOf(fixture), 'entry.ts', (file) => fixture[file]!)).toEqual(['util.ts → react']);
  });

  it('imports no React: the bar is drawn without it, tools load it when opened', () => {
    const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
    expect(reactImports(productGraph(), FRAME_ENTRY, read)).toEqual([]);
  });
});
