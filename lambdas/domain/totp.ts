import { createHmac } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * Authenticator apps (TOTP, RFC 6238 as design §4.2 fixes it: SHA-1, 6 digits, 30-second steps, one
 * step either side), through the `otpauth` library. A code is accepted at most once per user: the
 * caller keeps the last accepted time step and takes a code only for a later step.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
const WINDOW_STEPS = 1;

// Stryker disable next-line StringLiteral: issuer and label name the code in apps; they are no part of it
const totp = (secretBase32: string, issuer = '', label = '') =>
  new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });

/** A new 160-bit secret (RFC 4226 recommends 160 bits), base32 as authenticator apps take it. */
// Stryker disable next-line ObjectLiteral: 20 bytes is also otpauth's default; the test counts them
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/**
 * The secret of an enrolment in progress: derived from the service's HMAC key, the user and the
 * enrolment's random id, so nothing secret is stored until the app has answered with a right code (only
 * then is it sealed into the user's record). Without the key, the id alone gives nothing away.
 */
export function enrollmentSecret(hmacKey: Buffer, userId: string, enrollmentId: string): string {
  const digest = createHmac('sha256', hmacKey)
    .update('totp-enrollment\u0000')
    .update(userId)
    .update('\u0000')
    .update(enrollmentId)
    .digest();
  return new Secret({ buffer: Uint8Array.from(digest.subarray(0, 20)).buffer }).base32;
}

/** The sealing context of a user's authenticator secret: a sealed secret cannot move to another user. */
export const totpSealContext = (userId: string) => `totp:${userId}`;

/** What the QR code holds: `otpauth://totp/<issuer>:<account>?secret=…&issuer=…`. */
export const otpauthUri = (secretBase32: string, issuer: string, account: string): string =>
  totp(secretBase32, issuer, account).toString();

/** The code an app shows at `epochSeconds` (tests and the local demo). */
export const totpCodeAt = (secretBase32: string, epochSeconds: number): string =>
  totp(secretBase32).generate({ timestamp: epochSeconds * 1000 });

/**
 * The time step a code belongs to, when it is right within one step of `now`; undefined otherwise (a
 * wrong code, a code of another shape, or one too old or too new).
 */
export function totpStep(secretBase32: string, code: string, now: number): number | undefined {
  const delta = totp(secretBase32).validate({ token: code, timestamp: now * 1000, window: WINDOW_STEPS });
  return delta === null ? undefined : Math.floor(now / TOTP_PERIOD_SECONDS) + delta;
}
