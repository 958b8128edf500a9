import { createHmac } from 'node:crypto';
import {
  newRecoveryCodes,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeDigest,
} from '../../../lambdas/domain/recovery-codes';

const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/;

describe('recovery codes (look-up secrets)', () => {
  test('ten codes, grouped 4-4-5 in an alphabet without I, L, O or U', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    for (const code of codes) expect(code).toMatch(FORMAT);
  });

  test('13 symbols of a 32-letter alphabet: 65 bits each, every symbol reachable', () => {
    const seen = new Set<number>();
    const codes = newRecoveryCodes((max) => {
      expect(max).toBe(32);
      const value = seen.size % 32;
      seen.add(seen.size);
      return value;
    });
    expect(codes[0]!.replace(/-/g, '')).toHaveLength(13);
    expect(13 * Math.log2(32)).toBeGreaterThanOrEqual(64);
    const symbols = new Set(codes.join('').replace(/-/g, ''));
    expect(symbols.size).toBe(32);
  });

  test('codes from the CSPRNG do not repeat', () => {
    const all = Array.from({ length: 100 }, () => newRecoveryCodes()).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  test('a code as typed: case, spaces and dashes do not matter; I and L read as 1, O as 0', () => {
    expect(normalizeRecoveryCode('ABCD-EFGH-JKMNP')).toBe('ABCDEFGHJKMNP');
    expect(normalizeRecoveryCode(' abcd efgh jkmnp ')).toBe('ABCDEFGHJKMNP');
    expect(normalizeRecoveryCode('abcdefghjkmnp')).toBe('ABCDEFGHJKMNP');
    expect(normalizeRecoveryCode('ILO0-1234-56789')).toBe('1100123456789');
  });

  test('anything that cannot be a code is undefined', () => {
    for (const typed of [
      '',
      'ABCD-EFGH-JKMN',
      'ABCD-EFGH-JKMNPQ',
      'ABCD-EFGH-JKMNU',
      'ABCD-EFGH-JKMN!',
      '123456',
    ])
      expect(normalizeRecoveryCode(typed)).toBeUndefined();
  });

  test('the stored digest binds the code to the user and the key', () => {
    const key = Buffer.alloc(32, 7);
    const digest = recoveryCodeDigest(key, 'user-1', 'ABCDEFGHJKMNP');
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(recoveryCodeDigest(key, 'user-1', 'ABCDEFGHJKMNP')).toBe(digest);
    expect(recoveryCodeDigest(key, 'user-2', 'ABCDEFGHJKMNP')).not.toBe(digest);
    expect(recoveryCodeDigest(key, 'user-1', 'ABCDEFGHJKMNQ')).not.toBe(digest);
    expect(recoveryCodeDigest(Buffer.alloc(32, 8), 'user-1', 'ABCDEFGHJKMNP')).not.toBe(digest);
    expect(digest).not.toContain('ABCDEFGHJKMNP');
  });

  test('known answer: HMAC-SHA256(key, "recovery-code", NUL, user, NUL, code), base64url', () => {
    // A change here would make every recovery code a user holds stop working.
    const key = Buffer.alloc(32, 7);
    expect(recoveryCodeDigest(key, 'user-1', '0123456789ABC')).toBe(
      'Ka42guq_9EOL-EgvX9ACHKT-TcziII6Gn0noM68kfw8',
    );
    const byHand = createHmac('sha256', key).update('recovery-code\u0000user-1\u00000123456789ABC');
    expect(recoveryCodeDigest(key, 'user-1', '0123456789ABC')).toBe(byHand.digest('base64url'));
  });
});
