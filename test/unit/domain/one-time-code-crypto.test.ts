/**
 * The production defaults, proven with spies on node:crypto: codes come from crypto.randomInt and
 * digests are compared with crypto.timingSafeEqual.
 */
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return {
    ...actual,
    randomInt: jest.fn(actual.randomInt),
    timingSafeEqual: jest.fn(actual.timingSafeEqual),
  };
});

import { randomInt, timingSafeEqual } from 'node:crypto';
import { codeDigest, digestsMatch, generateCode } from '../../../lambdas/domain/one-time-code';

const randomIntSpy = randomInt as unknown as jest.Mock;
const timingSafeEqualSpy = timingSafeEqual as unknown as jest.Mock;

beforeEach(() => {
  randomIntSpy.mockClear();
  timingSafeEqualSpy.mockClear();
});

test('the default RandomInt is crypto.randomInt(0, 10 ** 6)', () => {
  randomIntSpy.mockReturnValueOnce(4_321);
  expect(generateCode(6)).toBe('004321');
  expect(randomIntSpy).toHaveBeenCalledTimes(1);
  expect(randomIntSpy).toHaveBeenCalledWith(0, 1_000_000);
});

test('longer codes draw both halves from crypto.randomInt', () => {
  const code = generateCode(9);
  expect(code).toMatch(/^\d{9}$/);
  expect(randomIntSpy.mock.calls).toEqual([
    [0, 1_000],
    [0, 1_000_000],
  ]);
});

test('digests of equal length are compared with crypto.timingSafeEqual', () => {
  const key = Buffer.alloc(32, 1);
  const digest = codeDigest(key, 'challenge', '123456');
  expect(digestsMatch(digest, codeDigest(key, 'challenge', '654321'))).toBe(false);
  expect(digestsMatch(digest, digest)).toBe(true);
  expect(timingSafeEqualSpy).toHaveBeenCalledTimes(2);
});
