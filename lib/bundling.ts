/**
 * How every route's Lambda is bundled (lib/api-function.ts) and what each bundle may weigh. The bench
 * (`npm run bench`) bundles with the same options, and an infra test reads the synthesized assets
 * against the same budgets, so the figures cannot drift apart.
 */
import * as path from 'node:path';

/** The module that replaces the SDK's default credential chain in the bundles (see its comment). */
export const LAMBDA_CREDENTIALS = path.resolve(
  __dirname,
  '../lambdas/adapters/clients/lambda-credentials.ts',
);

/** The module that replaces the SDK's event-stream support in the bundles (see its comment). */
export const NO_EVENT_STREAMS = path.resolve(__dirname, '../lambdas/adapters/clients/no-event-streams.ts');

export const BUNDLING = {
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // ES module builds of the SDK clients tree-shake; their CommonJS builds (esbuild's default for
  // platform node) do not.
  mainFields: ['module', 'main'],
  minify: true,
  alias: {
    '@aws-sdk/credential-provider-node': LAMBDA_CREDENTIALS,
    '@smithy/core/event-streams': NO_EVENT_STREAMS,
  },
} as const;

/** Minified bundle budgets in KiB: the sign-in code step is the hottest path, health the smallest. */
const BUDGETS_KIB: Readonly<Record<string, number>> = { 'verify-mfa': 450, health: 100 };
const DEFAULT_BUDGET_KIB = 650;

export const bundleBudgetBytes = (routeId: string): number =>
  (BUDGETS_KIB[routeId] ?? DEFAULT_BUDGET_KIB) * 1024;
