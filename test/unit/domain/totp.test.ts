import { createHmac } from 'node:crypto';
import { Secret } from 'otpauth';
import {
  enrollmentSecret,
  newTotpSecret,
  otpauthUri,
  TOTP_PERIOD_SECONDS,
  totpCodeAt,
  totpSealContext,
  totpStep,
} from '../../../lambdas/domain/totp';

/** RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('authenticator codes (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  // The RFC gives 8 digits; 6-digit codes are their last six (RFC 4226 §5.3, modulo 10^6).
  test.each`
    time           | rfcCode
    ${59}          | ${'94287082'}
    ${1111111109}  | ${'07081804'}
    ${1111111111}  | ${'14050471'}
    ${1234567890}  | ${'89005924'}
    ${2000000000}  | ${'69279037'}
    ${20000000000} | ${'65353130'}
  `('at $time the code is the last six digits of $rfcCode', ({ time, rfcCode }) => {
    expect(totpCodeAt(RFC_SECRET, time)).toBe(rfcCode.slice(2));
  });

  test('a code is right in its own step and one step either side, and names its step', () => {
    const now = 1_800_000_015; // in step 60_000_000
    const step = Math.floor(now / TOTP_PERIOD_SECONDS);
    expect(totpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now), now)).toBe(step);
    expect(totpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now - 30), now)).toBe(step - 1);
    expect(totpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now + 30), now)).toBe(step + 1);
  });

  test('a code two steps away, of another secret, or of another shape is refused', () => {
    const now = 1_800_000_015;
    expect(totpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now - 60), now)).toBeUndefined();
    expect(totpStep(RFC_SECRET, totpCodeAt(RFC_SECRET, now + 60), now)).toBeUndefined();
    const other = newTotpSecret();
    expect(totpStep(RFC_SECRET, totpCodeAt(other, now), now)).toBeUndefined();
    const right = totpCodeAt(RFC_SECRET, now);
    for (const shaped of [` ${right}`, `${right}0`, right.slice(1), 'abcdef', ''])
      expect(totpStep(RFC_SECRET, shaped, now)).toBeUndefined();
  });
});

describe('secrets and the QR code', () => {
  test('a new secret has 160 bits (32 base32 characters) and is never the same twice', () => {
    const secrets = Array.from({ length: 50 }, newTotpSecret);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(new Set(secrets).size).toBe(50);
  });

  test('an enrolment secret is fixed by key, user and enrolment id, and changes with each', () => {
    const key = Buffer.alloc(32, 1);
    const secret = enrollmentSecret(key, 'user-1', 'enrolment-a');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollmentSecret(key, 'user-1', 'enrolment-a')).toBe(secret);
    expect(enrollmentSecret(key, 'user-2', 'enrolment-a')).not.toBe(secret);
    expect(enrollmentSecret(key, 'user-1', 'enrolment-b')).not.toBe(secret);
    expect(enrollmentSecret(Buffer.alloc(32, 2), 'user-1', 'enrolment-a')).not.toBe(secret);
    // The separator keeps ("user-1", "x") and ("user-1x", "") apart.
    expect(enrollmentSecret(key, 'user-1x', '')).not.toBe(enrollmentSecret(key, 'user-1', 'x'));
  });

  test('known answer: the first 20 bytes of HMAC-SHA256(key, "totp-enrollment", NUL, user, NUL, id)', () => {
    // A change here would break every enrolment in progress (the app holds the old secret).
    const key = Buffer.alloc(32, 7);
    const secret = enrollmentSecret(key, 'user-1', 'enrol-1');
    expect(secret).toBe('DNGHOGUN6QVAVW6K5Z3NYUUL5GBRPSP5');
    const byHand = createHmac('sha256', key).update('totp-enrollment\u0000user-1\u0000enrol-1').digest();
    expect(Buffer.from(Secret.fromBase32(secret).bytes).equals(byHand.subarray(0, 20))).toBe(true);
  });

  test('the URI names the issuer and the account and carries the parameters apps read', () => {
    const uri = new URL(otpauthUri(RFC_SECRET, 'Account MFA', 'ana@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Account MFA:ana@example.com');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Account MFA',
      secret: RFC_SECRET,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  test('the sealing context binds a secret to its user', () => {
    expect(totpSealContext('user-1')).toBe('totp:user-1');
    expect(totpSealContext('user-1')).not.toBe(totpSealContext('user-2'));
  });
});
