import { fitsOneSmsSegment, gsm7Length, SMS_SEGMENT_SEPTETS } from '../../../lambdas/domain/gsm7';
import { LOCALES, resolveLocale } from '../../../lambdas/domain/locale';
import { messagesFor } from '../../../lambdas/domain/messages';

/** The longest values the configuration allows: PRODUCT_NAME max 40, MFA_CODE_LENGTH max 10, TTL max 600 s. */
const LONGEST = { product: 'A'.repeat(40), code: '1234567890', minutes: 10 };
const TYPICAL = { product: 'Account MFA', code: '048213', minutes: 5 };

describe.each(LOCALES)('messages (%s)', (locale) => {
  const catalogue = messagesFor(locale);

  test('the login SMS with the longest values is GSM-7 and fits one 160-septet segment', () => {
    expect(LONGEST.product).toHaveLength(40);
    const sms = catalogue.loginCodeSms(LONGEST);
    expect(gsm7Length(sms)).toBeDefined();
    expect(gsm7Length(sms)).toBeLessThanOrEqual(SMS_SEGMENT_SEPTETS);
    expect(fitsOneSmsSegment(sms)).toBe(true);
  });

  test.each([LONGEST, TYPICAL])('every text contains the code ($code)', (input) => {
    expect(catalogue.loginCodeSms(input)).toContain(input.code);
    expect(catalogue.loginCodeEmail(input).text).toContain(input.code);
  });

  test.each([LONGEST, TYPICAL])('texts name the product and the lifetime ($minutes min)', (input) => {
    const sms = catalogue.loginCodeSms(input);
    const email = catalogue.loginCodeEmail(input);
    expect(sms).toContain(input.product);
    expect(sms).toContain(String(input.minutes));
    expect(email.subject).toContain(input.product);
    expect(email.text).toContain(String(input.minutes));
  });

  test.each([LONGEST, TYPICAL])('the email subject never contains the code ($code)', (input) => {
    const { subject } = catalogue.loginCodeEmail(input);
    expect(subject).not.toContain(input.code);
    expect(subject).not.toMatch(/\d{6,}/);
  });
});

describe.each(['es', 'it'] as const)('the %s catalogue is translated', (locale) => {
  const en = messagesFor('en');
  const translated = messagesFor(locale);

  test('SMS, subject and email text differ from English', () => {
    expect(translated.loginCodeSms(TYPICAL)).not.toBe(en.loginCodeSms(TYPICAL));
    expect(translated.loginCodeEmail(TYPICAL).subject).not.toBe(en.loginCodeEmail(TYPICAL).subject);
    expect(translated.loginCodeEmail(TYPICAL).text).not.toBe(en.loginCodeEmail(TYPICAL).text);
  });
});

test('every locale has its own catalogue', () => {
  const smsTexts = new Set(LOCALES.map((l) => messagesFor(l).loginCodeSms(TYPICAL)));
  expect(LOCALES).toEqual(['en', 'es', 'it']);
  expect(smsTexts.size).toBe(LOCALES.length);
});

describe('gsm7Length', () => {
  test('counts basic characters as one septet', () => {
    expect(gsm7Length('')).toBe(0);
    expect(gsm7Length('abc 123')).toBe(7);
    const accented = 'èéùìòÇØøÅåÄÖÑÜäöñüà£$@';
    expect(gsm7Length(accented)).toBe([...accented].length);
    expect(gsm7Length('line\nbreak')).toBe(10);
  });

  test('counts extension characters as two septets', () => {
    expect(gsm7Length('€')).toBe(2);
    expect(gsm7Length('{}')).toBe(4);
    expect(gsm7Length('[a]')).toBe(5);
    expect(gsm7Length('^~|\\')).toBe(8);
  });

  test.each(['á', 'ó', 'í', 'ç', '😀', 'code 123456 😀', '中'])('%p needs UCS-2 → undefined', (text) => {
    expect(gsm7Length(text)).toBeUndefined();
  });
});

describe('fitsOneSmsSegment', () => {
  test('160 septets fit, 161 do not', () => {
    expect(fitsOneSmsSegment('a'.repeat(160))).toBe(true);
    expect(fitsOneSmsSegment('a'.repeat(161))).toBe(false);
  });

  test('extension characters count double', () => {
    expect(fitsOneSmsSegment('€'.repeat(80))).toBe(true);
    expect(fitsOneSmsSegment('€'.repeat(81))).toBe(false);
  });

  test('any UCS-2 character fails even in a short text', () => {
    expect(fitsOneSmsSegment('á')).toBe(false);
  });
});

describe('resolveLocale', () => {
  test.each([
    ['es-MX', 'es'],
    ['IT', 'it'],
    ['it_IT', 'it'],
    [' es ', 'es'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['pt-BR', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [null, 'en'],
  ])('%p → %s', (value, expected) => {
    expect(resolveLocale(value)).toBe(expected);
  });
});
