import { createHmac, randomInt } from 'node:crypto';

/**
 * Recovery codes (NIST 800-63B-4 §3.1.2: look-up secrets): 10 codes, each 65 bits from the CSPRNG,
 * written in Crockford's base32 (no I, L, O or U to misread) as three groups, `ABCD-EFGH-JKMNP`. Only
 * an HMAC of each is stored, bound to the user; each works once.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 13 symbols of 5 bits: 65 bits, above the 64 that NIST asks for. */
const SYMBOLS = 13;

export function newRecoveryCodes(random: (max: number) => number = (max) => randomInt(0, max)): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const symbols = Array.from({ length: SYMBOLS }, () => ALPHABET[random(ALPHABET.length)]).join('');
    return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
  });
}

/**
 * A code as typed, in its one canonical form: case, spaces and dashes do not matter, and the letters
 * people confuse with digits read as those digits (Crockford: I and L are 1, O is 0). Undefined when it
 * cannot be a recovery code.
 */
export function normalizeRecoveryCode(typed: string): string | undefined {
  const canonical = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return canonical.length === SYMBOLS && [...canonical].every((c) => ALPHABET.includes(c))
    ? canonical
    : undefined;
}

/** What is stored for a code: an HMAC keyed by the server secret and bound to the user. */
export const recoveryCodeDigest = (hmacKey: Buffer, userId: string, canonical: string): string =>
  createHmac('sha256', hmacKey)
    .update('recovery-code\u0000')
    .update(userId)
    .update('\u0000')
    .update(canonical)
    .digest('base64url');
