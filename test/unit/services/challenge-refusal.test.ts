jest.mock('../../../lambdas/http/metrics', () => {
  const actual = jest.requireActual<typeof import('../../../lambdas/http/metrics')>(
    '../../../lambdas/http/metrics',
  );
  return { ...actual, countMetric: jest.fn() };
});

import type { Challenge } from '../../../lambdas/adapters/challenge-store';
import { ApiError } from '../../../lambdas/domain/errors';
import { countMetric } from '../../../lambdas/http/metrics';
import {
  assertUnlocked,
  isLive,
  liveOf,
  resendLimits,
  resendRefusal,
  verifyRefusal,
} from '../../../lambdas/services/codes/challenge-refusal';
import { timesOf } from '../../../lambdas/services/codes/challenges';
import { testConfig } from '../helpers/config';

/**
 * The refusals of a challenge as pure rules: which error a stale, used, exhausted or expired challenge
 * gets, and what the answers say about time. The conditional writes that race them are tested against
 * DynamoDB Local (test/integration/verify.test.ts, resend-and-lockout.test.ts).
 */
const metrics = countMetric as jest.MockedFunction<typeof countMetric>;
beforeEach(() => metrics.mockClear());

const config = testConfig({
  MFA_RESEND_COOLDOWN_SECONDS: '30',
  MFA_MAX_SENDS_PER_CHALLENGE: '5',
});
const deps = { config, now: () => new Date(0) };

const NOW = 1_000_000;
const challenge = (overrides: Partial<Challenge> = {}): Challenge => ({
  key: 'k',
  purpose: 'login',
  userId: 'u',
  accountId: 'a',
  locale: 'en',
  channel: 'sms',
  destination: '+34612345678',
  codeDigest: 'digest',
  codeExpiresAt: NOW + 300,
  attempts: 0,
  sends: 1,
  lastSentAt: NOW - 10,
  createdAt: NOW - 10,
  expiresAt: NOW + 900,
  consumedAt: undefined,
  ...overrides,
});
const gone = () => new ApiError(400, 'SESSION_EXPIRED', 'gone');
const codeOf = (error: ApiError | undefined) => error?.code;

describe('a live challenge', () => {
  test('is stored, unused and before its end (its last second is already past)', () => {
    expect(isLive(challenge(), NOW)).toBe(true);
    expect(isLive(challenge({ expiresAt: NOW + 1 }), NOW)).toBe(true);
    expect(isLive(challenge({ expiresAt: NOW }), NOW)).toBe(false);
    expect(isLive(challenge({ consumedAt: NOW - 1 }), NOW)).toBe(false);
    expect(isLive(undefined, NOW)).toBe(false);
  });

  test('of another purpose looks gone, like one that is not live', () => {
    const live = challenge({ purpose: 'phone-validation' });
    expect(liveOf(live, NOW, 'phone-validation', gone)).toBe(live);
    expect(() => liveOf(live, NOW, 'login', gone)).toThrow(
      expect.objectContaining({ code: 'SESSION_EXPIRED' }),
    );
    expect(() => liveOf(challenge({ expiresAt: NOW }), NOW, 'login', gone)).toThrow(
      expect.objectContaining({ code: 'SESSION_EXPIRED' }),
    );
  });
});

describe('why an answer cannot be checked', () => {
  test('none for a live challenge with attempts and a live code', () => {
    expect(verifyRefusal(challenge({ attempts: 4 }), NOW, 5, gone)).toBeUndefined();
  });

  test('gone when not live or already verified', () => {
    expect(codeOf(verifyRefusal(challenge({ consumedAt: NOW }), NOW, 5, gone))).toBe('SESSION_EXPIRED');
    expect(codeOf(verifyRefusal(challenge({ verifiedAt: NOW - 1 }), NOW, 5, gone))).toBe('SESSION_EXPIRED');
  });

  test('TOO_MANY_ATTEMPTS from the last allowed attempt on, before the code is looked at', () => {
    expect(codeOf(verifyRefusal(challenge({ attempts: 5 }), NOW, 5, gone))).toBe('TOO_MANY_ATTEMPTS');
    expect(codeOf(verifyRefusal(challenge({ attempts: 6, codeDigest: undefined }), NOW, 5, gone))).toBe(
      'TOO_MANY_ATTEMPTS',
    );
  });

  test('CODE_EXPIRED at the code end exactly, or when the code was discarded', () => {
    expect(codeOf(verifyRefusal(challenge({ codeExpiresAt: NOW }), NOW, 5, gone))).toBe('CODE_EXPIRED');
    expect(verifyRefusal(challenge({ codeExpiresAt: NOW + 1 }), NOW, 5, gone)).toBeUndefined();
    expect(codeOf(verifyRefusal(challenge({ codeDigest: undefined }), NOW, 5, gone))).toBe('CODE_EXPIRED');
  });

  test('an answer that is not our code (an app code, a recovery code) needs no live code', () => {
    const noCode = challenge({ codeDigest: undefined, codeExpiresAt: NOW });
    expect(verifyRefusal(noCode, NOW, 5, gone, { sentCode: false })).toBeUndefined();
  });
});

describe('a refused resend', () => {
  test('in the cooldown: RESEND_TOO_SOON with the wait, counted as resend-cooldown', () => {
    const error = resendRefusal({ allowed: false, reason: 'cooldown', retryAfter: 12 }, 'login');
    expect(error).toMatchObject({ status: 429, code: 'RESEND_TOO_SOON', fields: { retryAfter: 12 } });
    expect(error.headers).toEqual({ 'Retry-After': '12' });
    expect(metrics.mock.calls).toEqual([['RateLimited', { Reason: 'resend-cooldown' }]]);
  });

  test('with no sends left: TOO_MANY_SENDS, sign in again for a sign-in, start again for a validation', () => {
    const signIn = resendRefusal({ allowed: false, reason: 'max-sends' }, 'login');
    expect(signIn).toMatchObject({ code: 'TOO_MANY_SENDS', fields: { limit: 'sends-per-challenge' } });
    expect(signIn.message).toContain('Please sign in again.');
    expect(resendRefusal({ allowed: false, reason: 'max-sends' }, 'phone-validation').message).toContain(
      'Please start again.',
    );
    expect(metrics.mock.calls).toEqual([
      ['RateLimited', { Reason: 'sends-per-challenge' }],
      ['RateLimited', { Reason: 'sends-per-challenge' }],
    ]);
  });

  test('the limits come from the settings', () => {
    expect(resendLimits(deps)).toEqual({ cooldownSeconds: 30, maxSends: 5 });
  });
});

describe('the consecutive-failure lock', () => {
  test('while locked: MFA_LOCKED with the wait, counted as locked', () => {
    expect(() => assertUnlocked({ locked: true, retryAfter: 600, failures: 10 })).toThrow(
      expect.objectContaining({ code: 'MFA_LOCKED', fields: { retryAfter: 600 } }),
    );
    expect(metrics.mock.calls).toEqual([['RateLimited', { Reason: 'locked' }]]);
  });

  test('when not locked: nothing, and nothing counted', () => {
    expect(() => assertUnlocked({ locked: false, retryAfter: 0, failures: 3 })).not.toThrow();
    expect(metrics).not.toHaveBeenCalled();
  });
});

describe('what the answers say about time', () => {
  test('seconds from now, never below 0; a resend is never offered past the challenge end', () => {
    expect(timesOf(deps, NOW + 300, NOW + 900, NOW - 10, NOW)).toEqual({
      expiresIn: 300,
      sessionExpiresIn: 900,
      resendAvailableIn: 20,
    });
    expect(timesOf(deps, NOW - 1, NOW - 1, NOW - 100, NOW)).toEqual({
      expiresIn: 0,
      sessionExpiresIn: 0,
      resendAvailableIn: 0,
    });
    expect(timesOf(deps, NOW + 5, NOW + 10, NOW, NOW)).toMatchObject({ resendAvailableIn: 10 });
  });
});
