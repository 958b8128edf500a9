import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * One-time codes: drawn from the CSPRNG (`crypto.randomInt` rejects samples, so no modulo bias),
 * stored only as an HMAC bound to the challenge, compared in constant time.
 */
export type RandomInt = (min: number, max: number) => number;

export function generateCode(length: number, random: RandomInt = randomInt): string {
  if (!Number.isInteger(length) || length < 6 || length > 10)
    throw new RangeError('code length must be 6-10');
  // randomInt needs max - min <= 2^48; 10 digits are drawn in two halves.
  const high = length > 6 ? random(0, 10 ** (length - 6)) : 0;
  const low = random(0, 10 ** 6);
  const digits = length > 6 ? `${high}${String(low).padStart(6, '0')}` : String(low);
  return digits.padStart(length, '0');
}

/** HMAC-SHA256 of the code, keyed by the server secret and bound to the challenge it was issued for. */
export function codeDigest(hmacKey: Buffer, challengeKey: string, code: string): string {
  return createHmac('sha256', hmacKey).update(challengeKey).update('\u0000').update(code).digest('base64url');
}

/**
 * The digest of a challenge's code: bound to the challenge's storage key and its purpose, so a code of
 * a phone validation can never pass as a sign-in code or the other way round.
 */
export const challengeDigest = (
  hmacKey: Buffer,
  challenge: { key: string; purpose: string },
  code: string,
): string => codeDigest(hmacKey, `${challenge.purpose}:${challenge.key}`, code);

/** Constant-time comparison of two digests; a missing digest never matches. */
export function digestsMatch(expected: string | undefined, actual: string): boolean {
  if (!expected) return false;
  const a = Buffer.from(expected, 'base64url');
  const b = Buffer.from(actual, 'base64url');
  return a.length === b.length && timingSafeEqual(a, b);
}
