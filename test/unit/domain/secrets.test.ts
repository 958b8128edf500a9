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

  test('a secret shorter than 32 characters throws; exactly 32 is accepted', () => {
    expect(() => deriveKeys('x'.repeat(31))).toThrow(RangeError);
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
