/**
 * npm run bench: the figures of the budgets, measured here rather than asserted in timed tests.
 *   1. bundles: every route bundled as the stack bundles it (lib/bundling.ts), bytes against budget;
 *   2. cold start: wall time of a fresh `node` that `require()`s the verify or login bundle, against a
 *      bare `node` start on this machine in this run, the median of 5 rounds with the lowest and highest
 *      round beside it (budgets: 2.0× and 2.5×);
 *   3. one metric (an EMF record): CPU per call (budget 20 µs);
 *   4. pure rules: code generation, code HMAC, session sealing (operations per second);
 *   5. full MFA sign-ins through the route handlers (middy, validation, logging at INFO, metrics on)
 *      against the local stand-ins: wall time and this process's CPU per handler, p50/p95/p99;
 *   6. the process's resident memory afterwards.
 * Prints one JSON document, each figure beside its budget where it has one. Numbers from a 2-core machine
 * with local stand-ins are for comparing changes, not for predicting Lambda latency.
 */
import { exitWithUsageOnHelp, quietSdkNotices } from './cli';

exitWithUsageOnHelp(`
usage: npm run bench

Measures, each figure beside its budget where it has one: every route's bundle size, require() of the
verify and login bundles against a bare node start, CPU per metric record, the pure rules (code
generation, HMAC, sealing), full MFA sign-ins through the route handlers against the local stand-ins
(p50/p95/p99), and the process's memory; prints one JSON document.

  BENCH_SIGN_INS=<n>   sign-ins to time (default 100)
  -h, --help           this text
`);
quietSdkNotices();
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
process.env.MFA_RESEND_COOLDOWN_SECONDS = '0';
process.env.MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR = '1000';

import { randomUUID } from 'node:crypto';
import { codeDigest, generateCode } from '../lambdas/domain/one-time-code';
import { deriveKeys, seal, unseal } from '../lambdas/domain/secrets';
import { startStandIns } from '../local/standins';
import { bundleRoutes, bundleSizes, REFERENCE, removeBundles, requireRatios } from './bench/bundles';
import { signInThroughHandlers } from './bench/handlers';
import { metricCpuMicros } from './bench/metrics';

const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 100);
const REQUIRE_BUDGETS = { 'verify-mfa': 2.0, login: 2.5 } as const;
const METRIC_BUDGET_MICROS = 20;

function opsPerSecond(iterations: number, run: (i: number) => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(iterations / seconds);
}

async function main() {
  const { dir, files, reference } = await bundleRoutes();
  let bundles: ReturnType<typeof bundleSizes>;
  let requireRatio: ReturnType<typeof requireRatios>;
  try {
    bundles = bundleSizes(files);
    requireRatio = requireRatios({ ...files, [REFERENCE]: reference }, [
      REFERENCE,
      ...Object.keys(REQUIRE_BUDGETS),
    ]);
  } finally {
    removeBundles(dir);
  }
  const requireBudget = Object.fromEntries(
    Object.entries(REQUIRE_BUDGETS).map(([id, budget]) => {
      const measured = requireRatio.bundles[id]!;
      return [id, { ...measured, budgetRatio: budget, ok: measured.ratio <= budget }];
    }),
  );
  const metricMicros = metricCpuMicros();

  const keys = deriveKeys('b'.repeat(64));
  const tokens = JSON.stringify({
    idToken: 'x'.repeat(1200),
    accessToken: 'y'.repeat(1100),
    refreshToken: 'z'.repeat(1800),
  });
  const sealed = seal(keys.sealKey, tokens, 'key');
  const pure = {
    generateCodePerSecond: opsPerSecond(100_000, () => generateCode(6)),
    codeHmacPerSecond: opsPerSecond(100_000, (i) => codeDigest(keys.hmacKey, 'challenge', String(i))),
    sealSessionPerSecond: opsPerSecond(10_000, () => seal(keys.sealKey, tokens, 'key')),
    unsealSessionPerSecond: opsPerSecond(10_000, () => unseal(keys.sealKey, sealed, 'key')),
  };

  const standIns = await startStandIns({ dynamo: 'auto', log: () => undefined });
  try {
    Object.assign(process.env, standIns.env);
    const { allDeps } = await import('../lambdas/wiring/all');
    const { config } = await import('../lambdas/config');
    const services = allDeps(config());
    const accountId = randomUUID();
    await services.accounts.create({
      accountId,
      name: 'Bench',
      mfaEnabled: true,
      updatedAt: '',
      updatedBy: 'bench',
    });
    const email = `bench-${accountId}@example.test`;
    const password = 'a long benchmark passphrase';
    await services.identity.createUser({
      email,
      name: 'Bench',
      password,
      phoneNumber: undefined,
      locale: 'en',
      accountId,
      role: 'member',
      mfaRequired: true,
    });
    const latestCode = async () =>
      /(\d{6})/.exec((await standIns.outbox(email)).at(-1)?.body ?? '')?.[1] ?? '';
    const signIns = await signInThroughHandlers({ email, password }, latestCode, SIGN_INS);
    const memory = process.memoryUsage();
    console.log(
      JSON.stringify(
        {
          bundles,
          requireVsBareNode: {
            bareNodeMs: requireRatio.bareNodeMs,
            [REFERENCE]: requireRatio.bundles[REFERENCE],
            ...requireBudget,
          },
          metricCpu: {
            micros: metricMicros,
            budgetMicros: METRIC_BUDGET_MICROS,
            ok: metricMicros <= METRIC_BUDGET_MICROS,
          },
          pure,
          signIns: { count: SIGN_INS, dynamoEngine: standIns.dynamoEngine, ...signIns },
          rssMiB: Math.round(memory.rss / 2 ** 20),
          heapUsedMiB: Math.round(memory.heapUsed / 2 ** 20),
        },
        null,
        2,
      ),
    );
  } finally {
    await standIns.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
