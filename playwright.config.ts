import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built extension (.output/chrome-mv3, made by `npm run build`) in
// real Chromium against the W&B simulator; each test gets its own simulator and browser profile
// (tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 45_000,
  expect: { timeout: 8_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
