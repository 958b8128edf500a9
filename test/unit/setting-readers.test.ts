import {
  httpUrl,
  list,
  matches,
  maxLength,
  minLength,
  optional,
  text,
  upperCaseOneOf,
  wholeNumber,
  withDefault,
} from '../../lambdas/setting-readers';

const value = (v: unknown) => ({ ok: true, value: v });
const problem = (p: string) => ({ ok: false, problem: p });

describe('wholeNumber', () => {
  const read = wholeNumber(6, 6, 10);

  test('unset takes the default; the limits are inclusive', () => {
    expect(read(undefined)).toEqual(value(6));
    expect(read('6')).toEqual(value(6));
    expect(read('10')).toEqual(value(10));
    expect(read(' 8 ')).toEqual(value(8));
  });

  test.each(['5', '11', '7.5', 'abc', '  ', '0x7', '7e0', 'NaN', '-'])(
    '%p is refused with the range',
    (raw) => {
      expect(read(raw)).toEqual(problem('must be a whole number from 6 to 10'));
    },
  );

  test('a zero minimum still refuses blank text', () => {
    expect(wholeNumber(30, 0, 600)('  ')).toEqual(problem('must be a whole number from 0 to 600'));
    expect(wholeNumber(30, 0, 600)('0')).toEqual(value(0));
  });
});

describe('text', () => {
  test('unset is missing; with no rules any text is kept as written', () => {
    expect(text()(undefined)).toEqual(problem('is missing'));
    expect(text()(' pool ')).toEqual(value(' pool '));
  });

  test('the first failed rule is the problem', () => {
    const read = text(minLength(3), maxLength(5), matches(/^[a-z]+$/, 'must be lower-case letters'));
    expect(read('ab')).toEqual(problem('must be at least 3 characters'));
    expect(read('abcdef')).toEqual(problem('must have at most 5 characters'));
    expect(read('ABC')).toEqual(problem('must be lower-case letters'));
    expect(read('abc')).toEqual(value('abc'));
    expect(read('abcde')).toEqual(value('abcde'));
  });
});

describe('optional and withDefault', () => {
  test('unset is undefined or the default; set text is still read', () => {
    expect(optional(text(minLength(2)))(undefined)).toEqual(value(undefined));
    expect(optional(text(minLength(2)))('a')).toEqual(problem('must be at least 2 characters'));
    expect(withDefault(text(), 'Account MFA')(undefined)).toEqual(value('Account MFA'));
    expect(withDefault(text(), 'Account MFA')('Acme')).toEqual(value('Acme'));
  });
});

describe('httpUrl', () => {
  const read = httpUrl('must be an http(s) URL');

  test('http and https, trimmed, without trailing slashes', () => {
    expect(read(' https://app.example.com/ ')).toEqual(value('https://app.example.com'));
    expect(read('http://localhost:3000//')).toEqual(value('http://localhost:3000'));
    expect(read('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x')).toEqual(
      value('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x'),
    );
  });

  test.each([
    'not-a-url',
    'ftp://files.example.com',
    'mailto:a@example.com',
    'https://',
    'file:///etc/passwd',
  ])('%p is refused', (raw) => {
    expect(read(raw)).toEqual(problem('must be an http(s) URL'));
  });

  test('unset is missing', () => {
    expect(read(undefined)).toEqual(problem('is missing'));
  });
});

describe('list', () => {
  const region = upperCaseOneOf(['US', 'ES', 'IT'], 'must be region codes');

  test('entries are trimmed, empty ones dropped, each read', () => {
    expect(list(region)(' us, it ,,Es ')).toEqual(value(['US', 'IT', 'ES']));
  });

  test("an entry's problem is the list's", () => {
    expect(list(region)('US,usa')).toEqual(problem('must be region codes'));
  });

  test('an empty list is allowed unless atLeastOne says otherwise', () => {
    expect(list(region)(',')).toEqual(value([]));
    expect(list(region, 'must name one')(' , ')).toEqual(problem('must name one'));
  });

  test('unset is missing', () => {
    expect(list(region)(undefined)).toEqual(problem('is missing'));
  });
});
