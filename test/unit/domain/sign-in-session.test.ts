import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { deriveKeys, hashId, seal, sealBytes } from '../../../lambdas/domain/secrets';
import {
  newSession,
  openSession,
  type SessionContents,
  tokensAt,
} from '../../../lambdas/domain/sign-in-session';
import { pack, unpack } from '../../../lambdas/domain/token-packing';

const keys = deriveKeys('k'.repeat(64));
const other = deriveKeys('o'.repeat(64));
const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');
const jwt = (claims: object) =>
  `${[{ alg: 'RS256', kid: 'key-1' }, claims]
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.')}.${b64(256)}`;

const CONTENTS: SessionContents = {
  userId: 'user-1',
  accountId: 'acct-1',
  phoneNumber: '+34612345678',
  email: 'alice@example.com',
  phoneTrusted: false,
  rememberDeviceDays: 0,
  locale: 'es',
  issuedAt: 1_700_000_000,
  tokens: {
    idToken: jwt({ sub: 'user-1', token_use: 'id', email: 'alice@example.com' }),
    accessToken: jwt({ sub: 'user-1', token_use: 'access' }),
    // A JWE as Cognito's refresh tokens are: five segments, the second one empty-able.
    refreshToken: [b64(30), b64(256), b64(12), b64(1200), b64(16)].join('.'),
    expiresIn: 3600,
    tokenType: 'Bearer',
  },
};

describe('the sealed sign-in session', () => {
  test('round-trips exactly, and its id names the challenge (the table keeps only the hash)', () => {
    const { id, key, session } = newSession(keys.sealKey, CONTENTS);
    expect(session.startsWith(`${id}.`)).toBe(true);
    expect(key).toBe(hashId(id));
    expect(openSession(keys.sealKey, session)).toEqual({ id, key, contents: CONTENTS });
  });

  test('carries no token, email or phone in readable form, and is a fifth smaller than sealed JSON would be', () => {
    const { key, session } = newSession(keys.sealKey, CONTENTS);
    for (const secret of [
      CONTENTS.tokens.idToken.split('.')[1]!,
      CONTENTS.tokens.refreshToken,
      'alice',
      '612345678',
    ])
      expect(session).not.toContain(secret);
    const asJson = seal(keys.sealKey, JSON.stringify(CONTENTS), key);
    expect(session.length).toBeLessThan(asJson.length * 0.8);
  });

  test.each([
    ['another service key', (s: string) => ({ key: other.sealKey, session: s })],
    [
      'an id swapped for another',
      (s: string) => ({ key: keys.sealKey, session: `${'A'.repeat(43)}${s.slice(s.indexOf('.'))}` }),
    ],
    [
      'a flipped ciphertext character',
      (s: string) => ({
        key: keys.sealKey,
        session: `${s.slice(0, -30)}${s.at(-30) === 'A' ? 'B' : 'A'}${s.slice(-29)}`,
      }),
    ],
    ['the tag cut short', (s: string) => ({ key: keys.sealKey, session: s.slice(0, -6) })],
    ['an extra part', (s: string) => ({ key: keys.sealKey, session: `${s}.AAAA` })],
    ['another version', (s: string) => ({ key: keys.sealKey, session: s.replace('.v1.', '.v2.') })],
    ['no sealed part', (s: string) => ({ key: keys.sealKey, session: s.slice(0, s.indexOf('.')) })],
    ['an id too short', (s: string) => ({ key: keys.sealKey, session: `abc${s.slice(s.indexOf('.'))}` })],
  ])('opens to nothing with %s', (_what, change) => {
    const { session } = newSession(keys.sealKey, CONTENTS);
    const { key, session: changed } = change(session);
    expect(openSession(key, changed)).toBeUndefined();
  });

  /** A session sealed the way newSession seals one, with an id and contents of the test's choosing. */
  const sealedAs = (id: string, json: object, strings: string[]) =>
    `${id}.${sealBytes(keys.sealKey, pack(json, strings), hashId(id))}`;
  const { tokens, ...rest } = CONTENTS;
  const json = { ...rest, expiresIn: tokens.expiresIn };
  const strings = [tokens.idToken, tokens.accessToken, tokens.refreshToken];

  test('an id of 16 URL-safe characters or more opens; shorter or other characters never do', () => {
    expect(openSession(keys.sealKey, sealedAs('A'.repeat(16), json, strings))?.contents).toEqual(CONTENTS);
    expect(openSession(keys.sealKey, sealedAs('A'.repeat(15), json, strings))).toBeUndefined();
    for (const id of [`+${'A'.repeat(20)}`, `${'A'.repeat(20)}/`, `${'A'.repeat(10)} ${'A'.repeat(10)}`])
      expect(openSession(keys.sealKey, sealedAs(id, json, strings))).toBeUndefined();
  });

  test.each([
    ['no user id', { ...json, userId: undefined }, strings],
    ['a user id that is no string', { ...json, userId: 42 }, strings],
    ['no id token', json, ['', strings[1]!, strings[2]!]],
    ['no access token', json, [strings[0]!, '', strings[2]!]],
    ['no refresh token', json, [strings[0]!, strings[1]!, '']],
    ['only two tokens', json, strings.slice(0, 2)],
  ])('well sealed but with %s, it opens to nothing', (_what, contents, tokenStrings) => {
    expect(openSession(keys.sealKey, sealedAs('B'.repeat(43), contents, tokenStrings))).toBeUndefined();
  });

  test("the tokens' lifetime counts from the password step", () => {
    expect(tokensAt(CONTENTS, CONTENTS.issuedAt + 600).expiresIn).toBe(3000);
    expect(tokensAt(CONTENTS, CONTENTS.issuedAt + 9_999).expiresIn).toBe(0);
  });
});

describe('token packing', () => {
  test('any string comes back byte for byte: canonical base64url segments as bytes, anything else as text', () => {
    const odd = [
      'a.b.c',
      'not base64!',
      '',
      '.',
      'A',
      'AB',
      'ABC',
      'ABCD',
      `${b64(10)}==`,
      'x'.repeat(70_000).slice(0, 100),
    ];
    const { json, strings } = unpack(pack({ n: 1 }, odd));
    expect(json).toEqual({ n: 1 });
    expect(strings).toEqual(odd);
  });

  test('refuses what it did not pack', () => {
    expect(() => unpack(Buffer.from('not deflated'))).toThrow();
    const packed = pack({}, ['abc']);
    expect(() => unpack(packed.subarray(0, packed.length - 2))).toThrow();
  });

  // Well-formed deflate streams whose contents break the format, each refused for its own reason.
  const raw = (...parts: number[][]) => deflateRawSync(Buffer.from(parts.flat()));
  const u32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const head = [...u32(2), ...Buffer.from('{}')];

  test('a length that runs past the end is refused as truncated', () => {
    expect(() => unpack(raw(head, [1, 1, 1], u32(10), [65, 66]))).toThrow('truncated');
    expect(() => unpack(raw(u32(3), [...Buffer.from('{}')]))).toThrow('truncated');
  });

  test('an unknown segment kind is refused', () => {
    expect(() => unpack(raw(head, [1, 1, 2], u32(1), [65]))).toThrow('unknown segment kind');
  });

  test('bytes after the last string are refused', () => {
    expect(unpack(raw(head, [1, 1, 0], u32(1), [65]))).toEqual({ json: {}, strings: ['A'] });
    expect(() => unpack(raw(head, [1, 1, 0], u32(1), [65], [0]))).toThrow('trailing bytes');
  });

  test('more than 64 KB once inflated is refused (a deflate bomb opens nothing)', () => {
    const bomb = deflateRawSync(Buffer.alloc(65 * 1024));
    expect(bomb.length).toBeLessThan(200);
    expect(() => unpack(bomb)).toThrow('larger than 65536 bytes');
  });

  test('segments that are canonical base64url are stored as their bytes, others as UTF-8 text', () => {
    const asBytes = inflateRawSync(pack(null, ['QUJD']));
    // head (4 + "null"), one string, one segment, kind 1, length 3, "ABC"
    expect([...asBytes]).toEqual([...u32(4), ...Buffer.from('null'), 1, 1, 1, ...u32(3), 65, 66, 67]);
    const asText = inflateRawSync(pack(null, ['é!']));
    expect([...asText]).toEqual([...u32(4), ...Buffer.from('null'), 1, 1, 0, ...u32(3), 0xc3, 0xa9, 0x21]);
  });
});
