import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/simulator/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 20_000,
    // Vitest's run mode leaves one core free (one worker on a 2-core CI machine): 100 s → 70 s there.
    maxWorkers: availableParallelism(),
  },
});
