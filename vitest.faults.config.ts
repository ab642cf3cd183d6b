import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

/** The fault table (tests/faults/): its own command, `npm run test:faults`, which writes docs/RELIABILITY.md. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
