import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests: Playwright's runner driving the system's Chromium (Debian's /usr/bin/chromium, or
 * CHROMIUM_PATH) against `npm start` on a free port (test/browser/global-setup.ts). Playwright's own
 * browser download is not used. Failure screenshots go to a temp folder (printed at the end).
 *
 *   npx playwright test --project=browser       the seed story, every language, accessibility
 *   npm run screenshots                         re-takes docs/screenshots/*.png
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const RESULTS_DIR = join(tmpdir(), 'account-mfa-browser-results');

export default defineConfig({
  testDir: 'test/browser',
  outputDir: RESULTS_DIR,
  globalSetup: './test/browser/global-setup.ts',
  // One stack, one story: the tests run in order, one browser at a time (2 cores are shared).
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.BROWSER_BASE_URL,
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'browser', testIgnore: /screenshots\.spec\.ts$/ },
    { name: 'screenshots', testMatch: /screenshots\.spec\.ts$/ },
  ],
});
