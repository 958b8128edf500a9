/**
 * What checking a code tells operators: the log events and metrics that the dashboard, the alarms and the
 * runbooks name (docs/operations), and the writes it spares. The answers themselves are tested in
 * resend-and-lockout.test.ts; here the signals are.
 */
jest.mock('../../lambdas/http/metrics', () => {
  const actual = jest.requireActual<typeof import('../../lambdas/http/metrics')>(
    '../../lambdas/http/metrics',
  );
  return { ...actual, countMetric: jest.fn() };
});

import { randomUUID } from 'node:crypto';
import { logger } from '../../lambdas/http/logger';
import { countMetric } from '../../lambdas/http/metrics';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import { seedChallenge, testDeps } from './fixtures';

const metrics = countMetric as jest.MockedFunction<typeof countMetric>;
const metricsNamed = (name: string) => metrics.mock.calls.filter(([metric]) => metric === name);
let info: jest.SpiedFunction<typeof logger.info>;
let warn: jest.SpiedFunction<typeof logger.warn>;
const events = (spy: jest.SpiedFunction<typeof logger.warn>, event: string) =>
  spy.mock.calls.filter(([message]) => message === event).map(([, fields]) => fields);

beforeEach(() => {
  metrics.mockClear();
  info = jest.spyOn(logger, 'info');
  warn = jest.spyOn(logger, 'warn');
});
afterEach(() => jest.restoreAllMocks());

const wrong = (session: string) => ({ session, code: '000000' });

test('a right code: one success metric by channel and purpose, one log event naming user and purpose', async () => {
  const deps = testDeps();
  const seeded = await seedChallenge(deps);
  await verifyCode(deps, seeded);
  expect(metricsNamed('VerificationsSucceeded')).toEqual([
    ['VerificationsSucceeded', { Channel: 'sms', Purpose: 'login' }],
  ]);
  expect(events(info, 'mfa.verify.succeeded')).toEqual([
    { event: 'mfa.verify.succeeded', userId: seeded.userId, purpose: 'login' },
  ]);
});

test('a right code with no failure streak leaves the failure counter alone (no write)', async () => {
  const deps = testDeps();
  const reset = jest.spyOn(deps.failures, 'reset');
  await verifyCode(deps, await seedChallenge(deps));
  expect(reset).not.toHaveBeenCalled();
});

test('a wrong code: one failure metric by purpose and a warning with the attempt and the streak', async () => {
  const deps = testDeps();
  const seeded = await seedChallenge(deps);
  await expect(verifyCode(deps, wrong(seeded.session))).rejects.toMatchObject({ code: 'INVALID_CODE' });
  expect(metricsNamed('VerificationsFailed')).toEqual([['VerificationsFailed', { Purpose: 'login' }]]);
  expect(metricsNamed('ChallengesExhausted')).toEqual([]);
  expect(events(warn, 'mfa.verify.failed')).toEqual([
    {
      event: 'mfa.verify.failed',
      reason: 'wrong-code',
      attempt: 1,
      failures: 1,
      userId: seeded.userId,
      purpose: 'login',
    },
  ]);
});

test('the wrong code that uses up a challenge counts it exhausted, once', async () => {
  const deps = testDeps();
  const { session } = await seedChallenge(deps);
  for (let i = 0; i < 4; i++) await verifyCode(deps, wrong(session)).catch(() => undefined);
  expect(metricsNamed('ChallengesExhausted')).toEqual([]);
  await expect(verifyCode(deps, wrong(session))).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  expect(metricsNamed('ChallengesExhausted')).toEqual([['ChallengesExhausted', { Purpose: 'login' }]]);
});

test('the failure that locks the user: one mfa.locked event and one UsersLocked; later tries count as locked', async () => {
  const deps = testDeps();
  const userId = randomUUID();
  for (let round = 0; round < 2; round++) {
    const { session } = await seedChallenge(deps, { userId });
    for (let i = 0; i < 5; i++) await verifyCode(deps, wrong(session)).catch(() => undefined);
  }
  expect(events(warn, 'mfa.locked')).toEqual([{ event: 'mfa.locked', userId, lockSeconds: 900 }]);
  expect(metricsNamed('UsersLocked')).toEqual([['UsersLocked']]);
  metrics.mockClear();
  const { session, code } = await seedChallenge(deps, { userId });
  await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'MFA_LOCKED' });
  expect(metricsNamed('RateLimited')).toEqual([['RateLimited', { Reason: 'locked' }]]);
});

test('a wrong code after the code expired is CODE_EXPIRED and counts no failure', async () => {
  const deps = testDeps();
  const seeded = await seedChallenge(deps, { expiresIn: 60, sessionExpiresIn: 900 });
  deps.clock.advance(61);
  await expect(verifyCode(deps, wrong(seeded.session))).rejects.toMatchObject({ code: 'CODE_EXPIRED' });
  expect(metricsNamed('VerificationsFailed')).toEqual([]);
  await expect(verifyCode(deps, seeded)).rejects.toMatchObject({ code: 'CODE_EXPIRED' });
});

test('a wrong code whose reservation loses to the one that locked: MFA_LOCKED, counted as rate-limited "locked"', async () => {
  const deps = testDeps();
  const userId = randomUUID();
  for (const count of [5, 4]) {
    const { session } = await seedChallenge(deps, { userId });
    for (let i = 0; i < count; i++) await verifyCode(deps, wrong(session)).catch(() => undefined);
  }
  const first = await seedChallenge(deps, { userId });
  const second = await seedChallenge(deps, { userId });
  // The lock lands between this request's read (not locked yet) and its reservation.
  const racing = {
    ...deps,
    failures: {
      ...deps.failures,
      reserve: async (...args: Parameters<typeof deps.failures.reserve>) => {
        await verifyCode(deps, wrong(first.session)).catch(() => undefined);
        return deps.failures.reserve(...args);
      },
    },
  };
  metrics.mockClear();
  await expect(verifyCode(racing, wrong(second.session))).rejects.toMatchObject({
    code: 'MFA_LOCKED',
    fields: { retryAfter: 900 },
  });
  expect(metricsNamed('RateLimited')).toEqual([['RateLimited', { Reason: 'locked' }]]);
  expect(metricsNamed('UsersLocked')).toHaveLength(1);
});
