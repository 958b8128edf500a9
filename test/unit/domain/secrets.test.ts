import { createHmac } from 'node:crypto';
import { deriveKeys, hashId, newOpaqueId, seal, unseal } from '../../../lambdas/domain/secrets';

const SECRET = 'a-server-secret-of-at-least-32-characters!';

describe('deriveKeys', () => {
  test('is deterministic for one secret', () => {
    const a = deriveKeys(SECRET);
    const b = deriveKeys(SECRET);
    expect(a.hmacKey.equals(b.hmacKey)).toBe(true);
    expect(a.sealKey.equals(b.sealKey)).toBe(true);
  });

  test('gives two distinct 32-byte keys, neither equal to the secret', () => {
    const { hmacKey, sealKey } = deriveKeys(SECRET);
    expect(hmacKey).toHaveLength(32);
    expect(sealKey).toHaveLength(32);
    expect(hmacKey.equals(sealKey)).toBe(false);
    const raw = Buffer.from(SECRET).subarray(0, 32);
    expect(hmacKey.equals(raw)).toBe(false);
    expect(sealKey.equals(raw)).toBe(false);
  });

  test('another secret gives other keys', () => {
    const a = deriveKeys(SECRET);
    const b = deriveKeys(`${SECRET}x`);
    expect(a.hmacKey.equals(b.hmacKey)).toBe(false);
    expect(a.sealKey.equals(b.sealKey)).toBe(false);
  });

  test('known answer: HKDF-SHA256 with salt "account-mfa/v1" and one info label per key (RFC 5869)', () => {
    // Changing the salt or a label would silently re-key every stored code digest and sealed token.
    const { hmacKey, sealKey } = deriveKeys(SECRET);
    expect(hmacKey.toString('hex')).toBe('f0ae4d7ee3a1b6a9856e2a312b66772adae974bd8ef56a80d68a909155c02496');
    expect(sealKey.toString('hex')).toBe('dc8590d65d92129f73c1bcd01dc292d432d4db5be6679d05e61e64f1f7d816bd');
    // The same numbers from RFC 5869 written out: extract with the salt, one expand block with the label.
    const rfc5869 = (info: string) => {
      const prk = createHmac('sha256', 'account-mfa/v1').update(SECRET).digest();
      return createHmac('sha256', prk)
        .update(info)
        .update(Buffer.from([1]))
        .digest();
    };
    expect(hmacKey.equals(rfc5869('one-time-code-hmac'))).toBe(true);
    expect(sealKey.equals(rfc5869('token-sealing'))).toBe(true);
  });

  test('a secret shorter than 32 characters throws; exactly 32 is accepted', () => {
    expect(() => deriveKeys('x'.repeat(31))).toThrow(
      new RangeError('the server secret must be at least 32 characters'),
    );
    expect(() => deriveKeys('')).toThrow(RangeError);
    expect(deriveKeys('x'.repeat(32)).hmacKey).toHaveLength(32);
  });
});

describe('seal / unseal (AES-256-GCM)', () => {
  const { sealKey } = deriveKeys(SECRET);
  const plaintext = JSON.stringify({ idToken: 'eyJ.id.token', refreshToken: 'refresh-ü-€' });
  const ad = 'CHALLENGE#abc';

  test('round trip returns the plaintext', () => {
    const sealed = seal(sealKey, plaintext, ad);
    expect(unseal(sealKey, sealed, ad)).toBe(plaintext);
  });

  test('the sealed form is v1.<iv>.<ciphertext>.<tag> and does not reveal the plaintext', () => {
    const sealed = seal(sealKey, plaintext, ad);
    const parts = sealed.split('.');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    expect(Buffer.from(parts[1]!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[3]!, 'base64url')).toHaveLength(16);
    expect(sealed).not.toContain('eyJ.id.token');
    expect(sealed).not.toContain(Buffer.from(plaintext).toString('base64url').slice(0, 12));
  });

  test('sealing twice uses a fresh IV (different outputs, both open)', () => {
    const a = seal(sealKey, plaintext, ad);
    const b = seal(sealKey, plaintext, ad);
    expect(a).not.toBe(b);
    expect(unseal(sealKey, b, ad)).toBe(plaintext);
  });

  test('other associated data (moved to another item) throws', () => {
    const sealed = seal(sealKey, plaintext, ad);
    expect(() => unseal(sealKey, sealed, 'CHALLENGE#other')).toThrow();
  });

  test('another key throws', () => {
    const sealed = seal(sealKey, plaintext, ad);
    expect(() => unseal(deriveKeys(`${SECRET}-other`).sealKey, sealed, ad)).toThrow();
  });

  test('a tampered ciphertext throws', () => {
    const [v, iv, ciphertext, tag] = seal(sealKey, plaintext, ad).split('.');
    const bytes = Buffer.from(ciphertext!, 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    expect(() => unseal(sealKey, [v, iv, bytes.toString('base64url'), tag].join('.'), ad)).toThrow();
  });

  test('a tampered tag or IV throws', () => {
    const [v, iv, ciphertext, tag] = seal(sealKey, plaintext, ad).split('.');
    const badTag = Buffer.from(tag!, 'base64url');
    badTag[15] = badTag[15]! ^ 0x80;
    expect(() => unseal(sealKey, [v, iv, ciphertext, badTag.toString('base64url')].join('.'), ad)).toThrow();
    const badIv = Buffer.from(iv!, 'base64url');
    badIv[0] = badIv[0]! ^ 0x01;
    expect(() => unseal(sealKey, [v, badIv.toString('base64url'), ciphertext, tag].join('.'), ad)).toThrow();
  });

  test.each(['', 'v1', 'v1.a.b', 'v2.a.b.c', 'not sealed at all'])('unknown format %p throws', (sealed) => {
    expect(() => unseal(sealKey, sealed, ad)).toThrow();
  });

  test('a well-formed seal under another format version is refused as an unknown format', () => {
    const [, iv, ciphertext, tag] = seal(sealKey, plaintext, ad).split('.');
    for (const version of ['v2', 'v0', 'V1', ''])
      expect(() => unseal(sealKey, [version, iv, ciphertext, tag].join('.'), ad)).toThrow(
        'unknown sealed format',
      );
  });

  test('a missing or an extra part is refused as an unknown format', () => {
    const sealed = seal(sealKey, plaintext, ad);
    const [v, iv, ciphertext, tag] = sealed.split('.');
    for (const broken of [
      `${sealed}.extra`,
      [v, '', ciphertext, tag].join('.'),
      [v, iv, '', tag].join('.'),
      [v, iv, ciphertext, ''].join('.'),
      [v, iv, ciphertext].join('.'),
    ])
      expect(() => unseal(sealKey, broken, ad)).toThrow('unknown sealed format');
  });

  test.each([4, 8, 12, 15])(
    'the true tag cut to %i bytes is refused (the tag length is pinned to 16)',
    (bytes) => {
      // GCM would accept a truncated tag if the decipher did not insist on the full 16 bytes.
      const [v, iv, ciphertext, tag] = seal(sealKey, plaintext, ad).split('.');
      const cut = Buffer.from(tag!, 'base64url').subarray(0, bytes).toString('base64url');
      expect(() => unseal(sealKey, [v, iv, ciphertext, cut].join('.'), ad)).toThrow();
    },
  );

  test('a tag altered in any byte is refused', () => {
    const [v, iv, ciphertext, tag] = seal(sealKey, plaintext, ad).split('.');
    for (let i = 0; i < 16; i++) {
      const altered = Buffer.from(tag!, 'base64url');
      altered[i] = altered[i]! ^ 0x01;
      expect(() =>
        unseal(sealKey, [v, iv, ciphertext, altered.toString('base64url')].join('.'), ad),
      ).toThrow();
    }
  });
});

describe('opaque ids', () => {
  test('newOpaqueId is 43 characters of base64url (256 bits)', () => {
    const id = newOpaqueId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
  });

  test('newOpaqueId is unique over 10 000 draws', () => {
    const ids = Array.from({ length: 10_000 }, () => newOpaqueId());
    expect(new Set(ids).size).toBe(10_000);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('hashId is deterministic, differs from its input and between inputs', () => {
    const id = newOpaqueId();
    expect(hashId(id)).toBe(hashId(id));
    expect(hashId(id)).not.toBe(id);
    expect(hashId(id)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashId(id)).not.toBe(hashId(newOpaqueId()));
    expect(hashId('session')).not.toContain('session');
  });
});
