import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, RESULTS_DIR } from '../../playwright.config';
import { startLocalStack } from '../e2e/local-stack';

/**
 * Starts `npm start` (node --import tsx local/start.ts, which builds the web app when stale) on a free port with a short
 * resend cooldown, and hands its URL to the tests (BROWSER_BASE_URL). Returns the teardown.
 */
export const RESEND_COOLDOWN_SECONDS = 3;

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  const stack = await startLocalStack(
    { MFA_RESEND_COOLDOWN_SECONDS: String(RESEND_COOLDOWN_SECONDS) },
    120_000,
  );
  process.env.BROWSER_BASE_URL = stack.url;
  return async () => {
    await stack.stop('SIGTERM');
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'local-stack.log'), stack.output());
    console.log(`Browser test artifacts (failure screenshots, local-stack.log): ${RESULTS_DIR}`);
  };
}
