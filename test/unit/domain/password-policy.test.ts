import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  COMMON_PASSWORDS_COUNT,
  COMMON_PASSWORDS_PACKED,
  COMMON_PASSWORDS_SOURCE,
} from '../../../lambdas/domain/common-passwords';
import {
  assertPasswordAllowed,
  commonPasswordSet,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  paddedCores,
  passwordProblem,
  weakPassword,
} from '../../../lambdas/domain/password-policy';
import {
  moduleText,
  pack,
  packageList,
  selectEntries,
  TOP,
} from '../../../scripts/generate-common-passwords';

const email = 'alice.ortega@example.com';
const reasonOf = (password: string, address = email) => passwordProblem(password, { email: address });

describe('each rule refuses with its own reason', () => {
  test.each<[string, string, string]>([
    ['too_short', 'eleven char', 'one character under the minimum'],
    ['too_long', `${'x y '.repeat(64)}z`, `${PASSWORD_MAX_LENGTH + 1} characters`],
    ['spaces_around', ' river stones at dawn', 'a leading space'],
    ['spaces_around', 'river stones at dawn\t', 'trailing white space'],
    ['common', 'qwerty123456', 'a password from the list, exactly'],
    ['common', 'QWERTY123456', 'in any letter case'],
    ['common', '1qaz2wsx3edc', 'a keyboard walk from the list'],
    ['common_padded', 'monkey!!!!!!', 'a common password with symbols after it'],
    ['common_padded', '2024dragon2024', 'digits on both sides'],
    ['common_padded', '!!1qaz2wsx!!', 'symbols around a common password that holds digits'],
    ['common_padded', 'Superman 12345', 'a space and digits'],
    ['repeated', 'aaaaaaaaaaaaaaa', 'one character'],
    ['repeated', 'abcabcabcabc', 'a short part'],
    ['repeated', 'dragondragon', 'a common word twice'],
    ['repeated', '#kzpq#kzpq#kzpq', 'an uncommon part three times'],
    ['repeated', 'zzzzzzzz1234', 'a repetition with digits after it'],
    ['repeated', '!!!!!!!!!!qq', 'two characters once the symbols come off'],
    ['repeated', 'qq1234567890', 'two characters once the digits come off'],
    ['contains_email', 'my alice.ortega key', 'the part of the email before the @'],
    ['contains_email', 'ALICE.ORTEGA rules ok', 'in any letter case'],
  ])('%s: %p (%s)', (reason, password) => {
    expect(reasonOf(password)).toBe(reason);
    expect(() => assertPasswordAllowed(password, { email })).toThrow(
      expect.objectContaining({ status: 400, code: 'WEAK_PASSWORD', fields: { reason } }),
    );
  });

  test.each([
    'correct horse battery',
    'quiet river stones at dawn',
    'correct horse!!', // ending in symbols is not by itself a repetition
    'Horse battery 1984!',
    'ñandú con acentos',
    '123456789x12',
    '🐴 battery staple', // characters, not UTF-16 units, are counted
  ])('%p is accepted, without any composition rule', (password) => {
    expect(reasonOf(password)).toBeUndefined();
    expect(() => assertPasswordAllowed(password, { email })).not.toThrow();
  });

  test('the bounds are exact, counted in characters', () => {
    expect(reasonOf('abcdefghijk')).toBe('too_short'); // 11
    expect(reasonOf('river stone!')).toBeUndefined(); // 12
    expect(reasonOf(`${'ñ'.repeat(6)}abcdef`)).toBeUndefined(); // 12 characters, 18 bytes
    const words = 'quiet river stones at dawn ';
    const atMax = `${words.repeat(10).slice(0, PASSWORD_MAX_LENGTH - 3)}end`;
    expect([...atMax]).toHaveLength(PASSWORD_MAX_LENGTH);
    expect(reasonOf(atMax)).toBeUndefined();
    expect(reasonOf(`${atMax}!`)).toBe('too_long');
  });

  test('the email rule needs 4 characters before the @', () => {
    expect(reasonOf('the bob fighter', 'bob@example.com')).toBeUndefined();
    expect(reasonOf('the anna fighter', 'anna@example.com')).toBe('contains_email');
    expect(reasonOf('the bobby fighter', 'bobby@example.com')).toBe('contains_email');
  });

  test('length comes first, then the list, then the email', () => {
    expect(reasonOf('aaaa')).toBe('too_short');
    expect(reasonOf('aaaa', 'aaaa@example.com')).toBe('too_short');
    expect(reasonOf('qwerty123456', 'qwerty@example.com')).toBe('common');
  });

  test('each reason has its own message, which names the rule', () => {
    const messages = {
      too_short: 'The password must have at least 12 characters.',
      too_long: 'The password must have at most 256 characters.',
      spaces_around: 'The password must not start or end with a space.',
      common: 'This password is known from data breaches; choose another.',
      common_padded: 'This is a common password with digits or symbols around it; choose another.',
      repeated: 'The password repeats the same characters; choose another.',
      contains_email: 'The password must not contain your email address.',
    } as const;
    for (const [reason, message] of Object.entries(messages)) {
      const error = weakPassword(reason as keyof typeof messages);
      expect({
        status: error.status,
        code: error.code,
        message: error.message,
        fields: error.fields,
      }).toEqual({
        status: 400,
        code: 'WEAK_PASSWORD',
        message,
        fields: { reason },
      });
    }
  });

  test('the unpacked list is built once and kept', () => {
    expect(commonPasswordSet()).toBe(commonPasswordSet());
  });

  test('every way of taking the padding off, and nothing else', () => {
    expect(paddedCores('!!12monkey34!!').sort()).toEqual(
      ['!!12monkey', '!!12monkey34', '12monkey34', '12monkey34!!', 'monkey', 'monkey34!!'].sort(),
    );
    // What is all padding leaves no empty core behind.
    expect(paddedCores('12!!')).toEqual(['12']);
    expect(paddedCores('!!!!')).toEqual([]);
  });

  test('padding comes off either side, digits and symbols or symbols alone', () => {
    expect(paddedCores('12monkey!!')).toEqual(expect.arrayContaining(['monkey!!', '12monkey', 'monkey']));
    expect(paddedCores('1qaz2wsx!!')).toContain('1qaz2wsx');
    expect(paddedCores('plain words')).toEqual([]);
  });
});

describe('the common-password list', () => {
  const { version, passwords } = packageList();

  test('the committed module is what the generator makes from the installed package', () => {
    const committed = readFileSync(resolve(__dirname, '../../../lambdas/domain/common-passwords.ts'), 'utf8');
    expect(committed).toBe(moduleText(version, passwords));
    expect(COMMON_PASSWORDS_SOURCE).toBe(`@zxcvbn-ts/language-common@${version}`);
  });

  test('it holds the most frequent entries and every entry long enough to be a password', () => {
    const set = commonPasswordSet();
    expect(set.size).toBe(COMMON_PASSWORDS_COUNT);
    expect(passwords.length).toBeGreaterThan(40_000);
    for (const entry of passwords.slice(0, TOP)) expect(set.has(entry.toLowerCase())).toBe(true);
    const long = passwords.filter((p) => [...p].length >= PASSWORD_MIN_LENGTH);
    expect(long.length).toBeGreaterThan(200);
    for (const entry of long) {
      expect(set.has(entry.toLowerCase())).toBe(true);
      expect(reasonOf(entry)).toBe('common');
    }
    // Entries past the top that are too short to be a password are left out.
    const rare = passwords.slice(TOP).find((p) => [...p].length < PASSWORD_MIN_LENGTH)!;
    expect(set.has(rare)).toBe(false);
  });

  test('front coding round-trips', () => {
    const entries = selectEntries(['zebra', 'apple', 'applesauce', 'APPLE', 'banana'], 10);
    expect(entries).toEqual(['apple', 'applesauce', 'banana', 'zebra']);
    expect(pack(entries)).toBe('AappleFsauceAbananaAzebra');
  });

  test('it stays small enough for the bundles that check passwords (≤ 40 KB)', () => {
    expect(Buffer.byteLength(COMMON_PASSWORDS_PACKED)).toBeLessThanOrEqual(40 * 1024);
  });
});
