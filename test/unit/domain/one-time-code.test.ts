import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  challengeDigest,
  codeDigest,
  digestsMatch,
  generateCode,
  type RandomInt,
} from '../../../lambdas/domain/one-time-code';
import { filesUnder } from '../helpers/files';

const SAMPLES = 200_000;
/**
 * Chi-square critical values for 9 degrees of freedom. p = 0.001 is the checklist's bar; with six
 * positions a sound generator trips it in about 0.6 % of runs. The extra 10-digit check uses p = 1e-5.
 */
const CHI_SQUARE_9DOF_P001 = 27.88;
const CHI_SQUARE_9DOF_P00001 = 39.34;

/** Chi-square statistic of the digit counts at each position of equal-length codes. */
function chiSquarePerPosition(codes: readonly string[], length: number): number[] {
  const counts = Array.from({ length }, () => new Array<number>(10).fill(0));
  for (const code of codes) {
    for (let i = 0; i < length; i++) counts[i]![code.charCodeAt(i) - 48]! += 1;
  }
  const expected = codes.length / 10;
  return counts.map((bins) => bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0));
}

describe('generateCode (R-01)', () => {
  let codes: string[];

  beforeAll(() => {
    codes = Array.from({ length: SAMPLES }, () => generateCode(6));
  });

  test(`${SAMPLES} default codes are all exactly six ASCII digits`, () => {
    const bad = codes.filter((code) => !/^\d{6}$/.test(code));
    expect(bad).toEqual([]);
  });

  test('leading zeros occur in real codes (zero-padded, not dropped)', () => {
    // P(first digit is 0) = 1/10, so about 20 000 of them; none may be shorter than six characters.
    const leadingZero = codes.filter((code) => code.startsWith('0'));
    expect(leadingZero.length).toBeGreaterThan(SAMPLES / 20);
    expect(codes.filter((code) => code.startsWith('00')).length).toBeGreaterThan(0);
  });

  test('every digit position is uniform (chi-square, 9 dof, p > 0.001)', () => {
    const statistics = chiSquarePerPosition(codes, 6);
    expect(statistics).toHaveLength(6);
    for (const statistic of statistics) expect(statistic).toBeLessThan(CHI_SQUARE_9DOF_P001);
  });

  test('the chi-square check has power: a modulo-biased generator fails it', () => {
    // randomInt(0, 2^20) % 10^6 favours 0..48575, the classic modulo bias crypto.randomInt avoids.
    const biased: RandomInt = (min, max) => min + (randomInt(0, 2 ** 20) % (max - min));
    const biasedCodes = Array.from({ length: SAMPLES }, () => generateCode(6, biased));
    const statistics = chiSquarePerPosition(biasedCodes, 6);
    expect(Math.max(...statistics)).toBeGreaterThan(CHI_SQUARE_9DOF_P001);
  });

  test('codes are not repeated beyond the birthday bound', () => {
    // 200 000 draws from 10^6: expected distinct ≈ 10^6 (1 - e^-0.2) ≈ 181 269 (sd ≈ 170).
    const distinct = new Set(codes).size;
    expect(distinct).toBeGreaterThan(180_000);
    expect(distinct).toBeLessThan(182_500);
  });

  test('small draws are zero-padded ("000123")', () => {
    expect(generateCode(6, () => 123)).toBe('000123');
    expect(generateCode(6, () => 0)).toBe('000000');
    expect(generateCode(6, () => 7)).toBe('000007');
    expect(generateCode(8, () => 0)).toBe('00000000');
    expect(generateCode(10, () => 42)).toBe('0042000042');
  });

  test.each([6, 7, 8, 9, 10])('length %i gives exactly that many digits', (length) => {
    for (let i = 0; i < 2_000; i++) expect(generateCode(length)).toMatch(new RegExp(`^\\d{${length}}$`));
    // The largest draw fills every position with 9.
    expect(generateCode(length, (_min, max) => max - 1)).toBe('9'.repeat(length));
  });

  test('10-digit codes are uniform in every position (high and low halves combined)', () => {
    const long = Array.from({ length: 50_000 }, () => generateCode(10));
    for (const statistic of chiSquarePerPosition(long, 10))
      expect(statistic).toBeLessThan(CHI_SQUARE_9DOF_P00001);
  });

  test.each([5, 11, 0, -6, 6.5, Number.NaN, Number.POSITIVE_INFINITY])('length %p throws', (length) => {
    expect(() => generateCode(length)).toThrow(new RangeError('code length must be 6-10'));
  });

  test('uses the injected RandomInt for every digit (CSPRNG injection)', () => {
    const random = jest.fn<number, [number, number]>().mockReturnValueOnce(654_321);
    expect(generateCode(6, random)).toBe('654321');
    expect(random).toHaveBeenCalledTimes(1);
    expect(random).toHaveBeenCalledWith(0, 1_000_000);

    const random10 = jest.fn<number, [number, number]>().mockReturnValueOnce(9_876).mockReturnValueOnce(12);
    expect(generateCode(10, random10)).toBe('9876000012');
    expect(random10.mock.calls).toEqual([
      [0, 10_000],
      [0, 1_000_000],
    ]);
  });
});

describe('codeDigest (R-02)', () => {
  const key = Buffer.alloc(32, 7);

  test('is deterministic and never contains the code', () => {
    const digest = codeDigest(key, 'challenge-1', '123456');
    expect(codeDigest(key, 'challenge-1', '123456')).toBe(digest);
    expect(digest).not.toContain('123456');
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes of HMAC-SHA256, base64url
  });

  test('is bound to the challenge: same code, other challenge key → other digest', () => {
    expect(codeDigest(key, 'challenge-1', '123456')).not.toBe(codeDigest(key, 'challenge-2', '123456'));
  });

  test('challenge key and code cannot be shifted into each other', () => {
    expect(codeDigest(key, 'challenge-1', '123456')).not.toBe(codeDigest(key, 'challenge-11', '23456'));
  });

  test('depends on the key material: other key → other digest', () => {
    const otherKey = Buffer.alloc(32, 8);
    expect(codeDigest(key, 'challenge-1', '123456')).not.toBe(codeDigest(otherKey, 'challenge-1', '123456'));
  });

  test('different codes give different digests', () => {
    expect(codeDigest(key, 'challenge-1', '123456')).not.toBe(codeDigest(key, 'challenge-1', '123457'));
  });

  test('known answer: HMAC-SHA256(key, challenge key, NUL, code), base64url', () => {
    // A change here would make every code already sent stop matching its stored digest.
    expect(codeDigest(key, 'challenge-key', '123456')).toBe('V7FQLsFg_SyDbc-rkEheBcv1j5l6puJn0CGV4mpy8Jc');
    const byHand = createHmac('sha256', key).update('challenge-key\u0000123456').digest('base64url');
    expect(codeDigest(key, 'challenge-key', '123456')).toBe(byHand);
  });
});

describe('challengeDigest: bound to the purpose and the challenge', () => {
  const key = Buffer.alloc(32, 7);
  const login = { key: 'challenge-key', purpose: 'login' };

  test('known answers: the digest of "<purpose>:<challenge key>"', () => {
    expect(challengeDigest(key, login, '123456')).toBe('GP7TaRdYsxNJ-GtzTHE2NazbEIcBW1Ory-paMsciaCM');
    expect(challengeDigest(key, { ...login, purpose: 'phone-validation' }, '123456')).toBe(
      'hvvZRBu__sG3Ci8d3Yz0cGXhR5e9k3Dczb9xioQnykA',
    );
    expect(challengeDigest(key, login, '123456')).toBe(codeDigest(key, 'login:challenge-key', '123456'));
  });

  test('the same code on the same challenge key under another purpose gives another digest', () => {
    const digests = ['login', 'phone-validation', 'password-reset', 'totp-enrollment'].map((purpose) =>
      challengeDigest(key, { ...login, purpose }, '123456'),
    );
    expect(new Set(digests).size).toBe(4);
    expect(digestsMatch(digests[1], digests[0]!)).toBe(false);
  });

  test('the same code under the same purpose on another challenge gives another digest', () => {
    expect(challengeDigest(key, login, '123456')).not.toBe(
      challengeDigest(key, { ...login, key: 'other-challenge' }, '123456'),
    );
  });

  test('the digest is neither the bare challenge digest nor contains the code', () => {
    const digest = challengeDigest(key, login, '123456');
    expect(digest).not.toBe(codeDigest(key, 'challenge-key', '123456'));
    expect(digest).not.toContain('123456');
  });
});

describe('digestsMatch', () => {
  const key = randomBytes(32);
  const digest = codeDigest(key, 'challenge', '000123');

  test('equal digests match', () => {
    expect(digestsMatch(digest, codeDigest(key, 'challenge', '000123'))).toBe(true);
  });

  test('different digests do not match', () => {
    expect(digestsMatch(digest, codeDigest(key, 'challenge', '000124'))).toBe(false);
    expect(digestsMatch(digest, codeDigest(key, 'other-challenge', '000123'))).toBe(false);
  });

  test('a missing expected digest never matches', () => {
    expect(digestsMatch(undefined, digest)).toBe(false);
    expect(digestsMatch('', digest)).toBe(false);
    expect(digestsMatch('', '')).toBe(false);
  });

  test('digests of different lengths do not match and do not throw', () => {
    expect(() => digestsMatch(digest, digest.slice(0, 20))).not.toThrow();
    expect(digestsMatch(digest, digest.slice(0, 20))).toBe(false);
    expect(digestsMatch(digest, `${digest}AAAA`)).toBe(false);
    expect(digestsMatch(digest, '')).toBe(false);
  });
});

describe('static: no Math.random under lambdas/ (R-01)', () => {
  const root = join(__dirname, '..', '..', '..', 'lambdas');
  const sourceFiles = (dir: string): string[] =>
    filesUnder(dir).filter((file) => /\.(ts|js|mjs|cjs)$/.test(file));
  // Also catches `Math['random']` and `Math .random`.
  const forbidden = /Math\s*(\.\s*random|\[\s*['"`]random['"`]\s*\])/;

  test('the pattern recognises the forms it must forbid', () => {
    expect(forbidden.test('const x = Math.random();')).toBe(true);
    expect(forbidden.test("const x = Math['random']();")).toBe(true);
    expect(forbidden.test('const x = crypto.randomInt(0, 10);')).toBe(false);
  });

  test('no source file uses Math.random', () => {
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.endsWith(join('domain', 'one-time-code.ts')))).toBe(true);
    const offenders = files.filter((file) => forbidden.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
