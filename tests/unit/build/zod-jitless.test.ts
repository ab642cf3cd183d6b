/**
 * No eval attempt: zod is set jitless before any schema exists in each bundle that parses, so it
 * never calls `new Function` (which the extension's CSP refuses, logging an error).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Counts `new Function(...)` while a module graph is loaded and used. */
async function functionCallsWhile(load: () => Promise<void>): Promise<number> {
  let calls = 0;
  const RealFunction = Function;
  vi.stubGlobal(
    'Function',
    new Proxy(RealFunction, {
      construct(target, args) {
        calls++;
        return Reflect.construct(target, args);
      },
    }),
  );
  try {
    await load();
  } finally {
    vi.unstubAllGlobals();
  }
  return calls;
}

async function defineAndParse(): Promise<void> {
  const { z } = await import('zod');
  const schema = z.object({ name: z.string(), teams: z.array(z.object({ team: z.string() })) });
  expect(schema.parse({ name: 'ann', teams: [{ team: 'vision' }] }).name).toBe('ann');
}

describe('zod without eval', () => {
  it('without the setup zod does construct one (so the check below can fail); runs first, as zod is set once per process', async () => {
    expect(await functionCallsWhile(defineAndParse)).toBeGreaterThan(0);
  });

  it('after lib/zod-setup, defining and parsing object schemas never constructs a Function', async () => {
    const calls = await functionCallsWhile(async () => {
      await import('@/lib/zod-setup');
      await defineAndParse();
    });
    expect(calls).toBe(0);
  });

  it('every entrypoint that parses with zod imports the setup first', () => {
    for (const entry of [
      'entrypoints/background.ts',
      'entrypoints/toolkit.content/index.ts',
      'entrypoints/options/main.tsx',
    ]) {
      const first = readFileSync(resolve(ROOT, entry), 'utf8')
        .split('\n')
        .find((line) => line.startsWith('import '));
      expect(first, entry).toMatch(/^import '(?:(\.\.\/)+|@\/)lib\/zod-setup';$/);
    }
  });
});
