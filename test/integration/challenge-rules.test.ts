/**
 * The parts that sign-in and phone validation share, against DynamoDB Local: taking send quotas (all or
 * nothing, given back once), and "Resend code" (refused before any write while the rules say no, switching
 * channel only when asked).
 */
jest.mock('../../lambdas/http/metrics', () => {
  const actual = jest.requireActual<typeof import('../../lambdas/http/metrics')>(
    '../../lambdas/http/metrics',
  );
  return { ...actual, countMetric: jest.fn() };
});

import { randomUUID } from 'node:crypto';
import { ApiError } from '../../lambdas/domain/errors';
import { challengeDigest } from '../../lambdas/domain/one-time-code';
import { logger } from '../../lambdas/http/logger';
import { countMetric } from '../../lambdas/http/metrics';
import { explainRefusal } from '../../lambdas/services/codes/challenge-refusal';
import { replaceCode } from '../../lambdas/services/codes/challenges';
import { takeQuotas } from '../../lambdas/services/codes/quota';
import { seedChallenge, testDeps } from './fixtures';

const metrics = countMetric as jest.MockedFunction<typeof countMetric>;
beforeEach(() => metrics.mockClear());
afterEach(() => jest.restoreAllMocks());

const gone = () => new ApiError(400, 'SESSION_EXPIRED', 'gone');
const epoch = (deps: ReturnType<typeof testDeps>) => Math.floor(deps.now().getTime() / 1000);

describe('send quotas', () => {
  test('a refusal is logged and counted by the limit it hit, and answered TOO_MANY_SENDS naming it', async () => {
    const deps = testDeps();
    const warn = jest.spyOn(logger, 'warn');
    const subject = `+1202555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}-${randomUUID()}`;
    const wanted = [{ name: 'validation-sends' as const, subject }];
    for (let i = 0; i < 3; i++) await takeQuotas(deps, wanted, epoch(deps));
    await expect(takeQuotas(deps, wanted, epoch(deps))).rejects.toMatchObject({
      code: 'TOO_MANY_SENDS',
      fields: expect.objectContaining({ limit: 'validation-sends' }),
    });
    expect(warn.mock.calls.filter(([message]) => message === 'mfa.rate_limited')).toEqual([
      ['mfa.rate_limited', { event: 'mfa.rate_limited', reason: 'validation-sends' }],
    ]);
    expect(metrics.mock.calls).toEqual([['RateLimited', { Reason: 'validation-sends' }]]);
  });

  test('a release given twice frees one use, not two (uses taken in the same second look alike)', async () => {
    const deps = testDeps();
    const wanted = [{ name: 'validation-sends' as const, subject: `release-${randomUUID()}` }];
    const now = epoch(deps);
    const first = await takeQuotas(deps, wanted, now);
    await takeQuotas(deps, wanted, now);
    await takeQuotas(deps, wanted, now);
    await first();
    await first();
    await takeQuotas(deps, wanted, now);
    await expect(takeQuotas(deps, wanted, now)).rejects.toMatchObject({ code: 'TOO_MANY_SENDS' });
  });
});

describe('Resend code', () => {
  test('inside the cooldown it is refused before any write', async () => {
    const deps = testDeps();
    const seeded = await seedChallenge(deps, { lastSentAgo: 5 });
    const challenge = (await deps.challenges.get(seeded.key))!;
    const write = jest.spyOn(deps.challenges, 'replaceCode');
    await expect(
      replaceCode(deps, challenge, epoch(deps), gone, { channel: 'sms', destination: seeded.phoneNumber }),
    ).rejects.toMatchObject({ code: 'RESEND_TOO_SOON' });
    expect(write).not.toHaveBeenCalled();
  });

  test('to another channel, the challenge remembers where the new code went; to the same, it stays', async () => {
    const deps = testDeps();
    const seeded = await seedChallenge(deps, { lastSentAgo: 60 });
    const now = epoch(deps);
    const switched = { channel: 'email' as const, destination: seeded.email };
    await replaceCode(deps, (await deps.challenges.get(seeded.key))!, now, gone, switched);
    expect(await deps.challenges.get(seeded.key)).toMatchObject(switched);

    const other = await seedChallenge(deps, { lastSentAgo: 60 });
    const otherNumber = { channel: 'sms' as const, destination: '+14155550142' };
    await replaceCode(deps, (await deps.challenges.get(other.key))!, now, gone, otherNumber);
    expect(await deps.challenges.get(other.key)).toMatchObject(otherNumber);

    const same = await seedChallenge(deps, { lastSentAgo: 60 });
    const write = jest.spyOn(deps.challenges, 'replaceCode');
    await replaceCode(deps, (await deps.challenges.get(same.key))!, now, gone, {
      channel: 'sms',
      destination: same.phoneNumber,
    });
    expect(write.mock.calls[0]?.[1]).not.toHaveProperty('channel');
    expect(write.mock.calls[0]?.[1]).not.toHaveProperty('destination');
  });
});

describe('why a refused write was refused (read again after the race)', () => {
  test('attempts used up: TOO_MANY_ATTEMPTS, for a resend too; one attempt left is no reason', async () => {
    const deps = testDeps();
    const seeded = await seedChallenge(deps, { lastSentAgo: 60 });
    const now = epoch(deps);
    for (let i = 0; i < 4; i++) await deps.challenges.takeAttempt(seeded.key, now, 5);
    await expect(explainRefusal(deps, seeded.key, now, 'resend', gone)).resolves.toMatchObject({
      code: 'SESSION_EXPIRED',
    });
    await deps.challenges.takeAttempt(seeded.key, now, 5);
    await expect(explainRefusal(deps, seeded.key, now, 'resend', gone)).resolves.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
  });

  test('a validation already verified is gone for a resend, even inside the cooldown', async () => {
    const deps = testDeps();
    const seeded = await seedChallenge(deps, { lastSentAgo: 1 });
    const now = epoch(deps);
    const keys = await deps.keys();
    const digest = challengeDigest(keys.hmacKey, { key: seeded.key, purpose: 'login' }, seeded.code);
    expect(await deps.challenges.markVerified(seeded.key, digest, now, now + 900, 5)).toBe(true);
    await expect(explainRefusal(deps, seeded.key, now, 'resend', gone)).resolves.toMatchObject({
      code: 'SESSION_EXPIRED',
    });
  });
});
