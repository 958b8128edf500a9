import { test as base, expect } from '@playwright/test';

/**
 * Playwright's `test` with one automatic fixture: it records what the page asked of the API (method,
 * path, status; never bodies, which hold codes and tokens), failed requests and console errors, and
 * prints them when a test fails, so a failure on CI (where the screenshots stay on the CI machine) says
 * which call went wrong.
 */
export const test = base.extend<{ apiTrail: string[] }>({
  apiTrail: [
    async ({ context }, use, testInfo) => {
      const trail: string[] = [];
      const at = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
      const started = Date.now();
      context.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith('/v1/'))
          trail.push(`${at()} ${response.request().method()} ${url.pathname} ${response.status()}`);
      });
      context.on('requestfailed', (request) =>
        trail.push(
          `${at()} FAILED ${request.method()} ${new URL(request.url()).pathname}: ${request.failure()?.errorText}`,
        ),
      );
      context.on('console', (message) => {
        if (message.type() === 'error') trail.push(`${at()} console error: ${message.text()}`);
      });
      await use(trail);
      if (testInfo.status !== testInfo.expectedStatus)
        console.log(`API calls of "${testInfo.title}":\n  ${trail.join('\n  ') || '(none)'}`);
    },
    { auto: true },
  ],
});

export { expect };
