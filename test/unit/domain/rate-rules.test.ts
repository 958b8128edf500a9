import {
  admitToWindow,
  decideResend,
  epochSeconds,
  FAILURE_MEMORY_SECONDS,
  resendAvailableIn,
} from '../../../lambdas/domain/rate-rules';

const HOUR = 3600;

describe('admitToWindow (sliding window)', () => {
  test('under the cap admits and keeps the new timestamp', () => {
    expect(admitToWindow([1000, 2000], 3000, HOUR, 3)).toEqual({ admitted: true, kept: [1000, 2000, 3000] });
    expect(admitToWindow([], 3000, HOUR, 1)).toEqual({ admitted: true, kept: [3000] });
  });

  test('at the cap refuses with retryAfter = oldest + window - now', () => {
    const result = admitToWindow([1000, 2000, 3000], 3500, HOUR, 3);
    expect(result).toEqual({ admitted: false, retryAfter: 1000 + HOUR - 3500 });
  });

  test('entries older than the window are dropped (and the boundary entry is out)', () => {
    const now = 10_000;
    // now - window = 6400: 6000 is old, 6400 is exactly at the edge and leaves the window.
    const result = admitToWindow([6000, 6400, 7000, 9000], now, HOUR, 3);
    expect(result).toEqual({ admitted: true, kept: [7000, 9000, now] });
  });

  test('the refusal ends exactly when the oldest entry leaves the window', () => {
    const stamps = [1000, 2000, 3000];
    expect(admitToWindow(stamps, 1000 + HOUR - 1, HOUR, 3)).toEqual({ admitted: false, retryAfter: 1 });
    expect(admitToWindow(stamps, 1000 + HOUR, HOUR, 3)).toEqual({
      admitted: true,
      kept: [2000, 3000, 1000 + HOUR],
    });
  });

  test('unsorted input is sorted before deciding', () => {
    expect(admitToWindow([3000, 1000, 2000], 3500, HOUR, 3)).toEqual({ admitted: false, retryAfter: 1100 });
    expect(admitToWindow([3000, 1000], 3500, HOUR, 3)).toEqual({ admitted: true, kept: [1000, 3000, 3500] });
  });

  test('over the cap (e.g. after the cap was lowered) waits until enough entries leave', () => {
    // 5 in the window, max 3: three must leave, so the wait ends when the third oldest (3000) leaves.
    const result = admitToWindow([1000, 2000, 3000, 4000, 5000], 5500, HOUR, 3);
    expect(result).toEqual({ admitted: false, retryAfter: 3000 + HOUR - 5500 });
  });

  test('retryAfter is at least 1 second', () => {
    const result = admitToWindow([5000, 5000], 5000, HOUR, 2);
    expect(result).toEqual({ admitted: false, retryAfter: HOUR });
    const sameSecond = admitToWindow([5000 - HOUR + 0.5], 5000, HOUR, 1);
    expect(sameSecond).toEqual({ admitted: false, retryAfter: 1 });
  });
});

describe('decideResend', () => {
  const limits = { cooldownSeconds: 30, maxSends: 5 };

  test('inside the cooldown refuses with the seconds left', () => {
    expect(decideResend({ sends: 1, lastSentAt: 1000 }, 1010, limits)).toEqual({
      allowed: false,
      reason: 'cooldown',
      retryAfter: 20,
    });
    expect(decideResend({ sends: 1, lastSentAt: 1000 }, 1029, limits)).toEqual({
      allowed: false,
      reason: 'cooldown',
      retryAfter: 1,
    });
  });

  test('exactly at the cooldown edge is allowed', () => {
    expect(decideResend({ sends: 1, lastSentAt: 1000 }, 1030, limits)).toEqual({ allowed: true });
    expect(decideResend({ sends: 4, lastSentAt: 1000 }, 5000, limits)).toEqual({ allowed: true });
  });

  test('at max sends refuses, even after the cooldown and even inside it', () => {
    expect(decideResend({ sends: 5, lastSentAt: 1000 }, 9999, limits)).toEqual({
      allowed: false,
      reason: 'max-sends',
    });
    expect(decideResend({ sends: 5, lastSentAt: 1000 }, 1001, limits)).toEqual({
      allowed: false,
      reason: 'max-sends',
    });
    expect(decideResend({ sends: 6, lastSentAt: 1000 }, 9999, limits).allowed).toBe(false);
  });

  test('a zero cooldown allows an immediate resend', () => {
    expect(decideResend({ sends: 1, lastSentAt: 1000 }, 1000, { cooldownSeconds: 0, maxSends: 5 })).toEqual({
      allowed: true,
    });
  });
});

describe('resendAvailableIn', () => {
  test.each`
    lastSentAt | now     | cooldown | expected
    ${1000}    | ${1000} | ${30}    | ${30}
    ${1000}    | ${1010} | ${30}    | ${20}
    ${1000}    | ${1030} | ${30}    | ${0}
    ${1000}    | ${2000} | ${30}    | ${0}
    ${1000}    | ${1000} | ${0}     | ${0}
  `(
    'sent at $lastSentAt, now $now, cooldown $cooldown → $expected',
    ({ lastSentAt, now, cooldown, expected }) => {
      expect(resendAvailableIn(lastSentAt, now, cooldown)).toBe(expected);
    },
  );
});

test('epochSeconds floors milliseconds; failures are remembered for one day', () => {
  expect(epochSeconds(new Date(1_700_000_000_999))).toBe(1_700_000_000);
  expect(FAILURE_MEMORY_SECONDS).toBe(86_400);
});
