import { randomBytes } from 'node:crypto';
import { deriveKeys, hashId, seal } from '../../../lambdas/domain/secrets';
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
  [{ alg: 'RS256', kid: 'key-1' }, claims]
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.') + `.${b64(256)}`;

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
});
