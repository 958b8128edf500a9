/**
 * npm run bench: speed and memory of the hot paths, measured here rather than asserted in tests.
 *   1. pure rules: code generation, code HMAC, token sealing (operations per second);
 *   2. a full MFA sign-in (password, code, verify) through the real adapters against the local stand-ins
 *      (DynamoDB Local on Java when present, else dynalite): p50/p95/p99 latency;
 *   3. the process's resident memory afterwards.
 * Prints one JSON document. Numbers from a 2-core machine with local stand-ins are for comparing changes,
 * not for predicting Lambda latency.
 */
import { exitWithUsageOnHelp, quietSdkNotices } from './cli';

exitWithUsageOnHelp(`
usage: npm run bench

Measures the pure rules (code generation, HMAC, sealing), a full MFA sign-in through the real adapters
against the local stand-ins (p50/p95/p99), and the process's memory; prints one JSON document.

  BENCH_SIGN_INS=<n>   sign-ins to time (default 200)
  -h, --help           this text
`);
quietSdkNotices();
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.MFA_RESEND_COOLDOWN_SECONDS = '0';
process.env.MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR = '1000';

import { randomUUID } from 'node:crypto';
import { codeDigest, generateCode } from '../lambdas/domain/one-time-code';
import { deriveKeys, seal, unseal } from '../lambdas/domain/secrets';
import { startStandIns } from '../local/standins';

const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 200);

function opsPerSecond(iterations: number, run: (i: number) => void): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(iterations / seconds);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
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
    sealTokensPerSecond: opsPerSecond(10_000, () => seal(keys.sealKey, tokens, 'key')),
    unsealTokensPerSecond: opsPerSecond(10_000, () => unseal(keys.sealKey, sealed, 'key')),
  };

  const standIns = await startStandIns({ dynamo: 'auto', log: () => undefined });
  try {
    Object.assign(process.env, standIns.env);
    const { allDeps } = await import('../lambdas/wiring/all');
    const { config } = await import('../lambdas/config');
    const { login } = await import('../lambdas/services/sign-in/login');
    const { verifyCode } = await import('../lambdas/services/sign-in/verify');
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
    const durations: { login: number[]; verify: number[] } = { login: [], verify: [] };
    for (let i = 0; i < SIGN_INS; i++) {
      const t0 = performance.now();
      const first = await login(services, { email, password });
      const t1 = performance.now();
      if (first.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
      const [message] = (await standIns.outbox(email)).slice(-1);
      const code = /(\d{6})/.exec(message?.body ?? '')?.[1] ?? '';
      const t2 = performance.now();
      await verifyCode(services, { session: first.session, code });
      durations.login.push(t1 - t0);
      durations.verify.push(performance.now() - t2);
    }
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        p50: +percentile(sorted, 50).toFixed(1),
        p95: +percentile(sorted, 95).toFixed(1),
        p99: +percentile(sorted, 99).toFixed(1),
      };
    };
    const memory = process.memoryUsage();
    console.log(
      JSON.stringify(
        {
          pure,
          signIns: SIGN_INS,
          dynamoEngine: standIns.dynamoEngine,
          loginMs: summary(durations.login),
          verifyMs: summary(durations.verify),
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
