import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The Firefox smoke suite (`npm run test:firefox`): Firefox ESR driven over WebDriver BiDi with the
 * built `.output/firefox-mv2`, against the simulator. One Firefox per file, one file at a time
 * (2-core machines).
 */
export default defineConfig({
  // `@/` is the repository root, as WXT sets it for the build and the other vitest configs (through
  // WxtVitest, which this suite does not load: it drives the built package, not the source).
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    globalSetup: ['tests/firefox/leftovers.ts'],
    // Bounds on a hang, a little above the slowest run seen on a loaded 2-core machine.
    testTimeout: 45_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
