/**
 * The test run Stryker uses (`stryker.config.json`): the project's unit and simulator tests, less
 * the meta tests of `tests/unit/meta/`. Those read the source tree (file sizes, import cycles,
 * storage declarations, swallowed errors by line number), not behaviour, so they can kill no
 * mutant; and in Stryker's sandbox the sources they read are instrumented (every mutant woven into
 * the code), so they fail there — `storage.test.ts` counts a storage item more — and Stryker's
 * initial test run stops on them. `npm test` still runs them on the real tree.
 *
 * The per-test time limit is three times the project's: every mutant is woven into the sandbox's
 * code, which runs slower, and Stryker runs several test processes side by side on two cores — the
 * 10,000-row parser test took over 20 s there and stopped the initial test run. (Stryker sets each
 * mutant's own time limit from the initial run's timings, so this does not slow the mutants.)
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export const STRYKER_EXCLUDED = ['tests/unit/meta/**'];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...STRYKER_EXCLUDED],
      testTimeout: 60_000,
    },
  }),
);
