/**
 * End-to-end tests synchronise on states (a visible text, a request the simulator received, a gate
 * holding requests), never on elapsed time: a fixed sleep makes a test pass on a quiet machine and
 * fail on a busy one. The one exception is a window that shows something does *not* happen, which
 * has to say so in the comment line right above it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const E2E = join(ROOT, 'tests/e2e');
// `test.setTimeout(ms)` sets a test's time limit; it is not a sleep.
const SLEEP = /\bwaitForTimeout\s*\(|(?<!test\.)\bsetTimeout\s*\(/;
const WINDOW_COMMENT = /^\s*\/\/ A window, to show that something does not happen: \S/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** `file:line` of every sleep without a window comment on the line above. */
function unexplainedSleeps(files: { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) => {
    const lines = text.split('\n');
    return lines.flatMap((line, index) =>
      SLEEP.test(line) && !WINDOW_COMMENT.test(lines[index - 1] ?? '') ? [`${path}:${index + 1}`] : [],
    );
  });
}

describe('end-to-end waits', () => {
  it('no end-to-end file sleeps for a fixed time, except a commented window', () => {
    const files = sourceFiles(E2E).map((path) => ({
      path: relative(ROOT, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(5);
    expect(unexplainedSleeps(files)).toEqual([]);
  });

  it('the check finds a bare sleep, and one whose comment is not a window', () => {
    const text = [
      'await page.waitForTimeout(500);',
      '// A window, to show that something does not happen: no request.',
      'await page.waitForTimeout(1000);',
      '// wait for the job',
      'await new Promise((r) => setTimeout(r, 200));',
      'test.setTimeout(45_000);',
      'await new Promise((r) => globalThis.setTimeout(r, 200));',
    ].join('\n');
    expect(unexplainedSleeps([{ path: 'x.spec.ts', text }])).toEqual([
      'x.spec.ts:1',
      'x.spec.ts:5',
      'x.spec.ts:7',
    ]);
  });
});
