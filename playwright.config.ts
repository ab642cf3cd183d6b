import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built extension (.output/chrome-mv3, made by `npm run build`) in
// real Chromium against the W&B simulator; each test gets its own simulator and browser profile
// (tests/e2e/fixtures.ts). Tests wait for states, never for time; the timeouts only bound a hang:
// a test's own is a little above its slowest run seen on a loaded 2-core machine (most take 5–18 s).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Three workers on two cores: a test spends part of its time waiting on the browser and the
  // simulator, and a third worker fills those gaps (61 tests: 205 s with two, 186 s with three).
  workers: 3,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
