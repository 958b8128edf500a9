import { parsePhoneNumberFromString as parseWithFullMetadata } from 'libphonenumber-js/max';
import { MAIN_REGION_BY_CALLING_CODE, regionOfNumber } from '../../../lambdas/domain/calling-codes';
import { fitsOneSmsSegment } from '../../../lambdas/domain/gsm7';
import {
  INVITATION_STATUSES,
  invitationKey,
  invitationState,
  invitationStatus,
  isInvitationTokenShape,
  newInvitationToken,
  normalizeEmail,
  registrationUrl,
} from '../../../lambdas/domain/invitation';
import { LOCALES } from '../../../lambdas/domain/locale';
import { messagesFor } from '../../../lambdas/domain/messages';
import { assertPasswordAllowed, PASSWORD_MIN_LENGTH } from '../../../lambdas/domain/password-policy';
import { PHONE_INPUT_MAX_LENGTH, parseMfaPhone } from '../../../lambdas/domain/phone';
import { PHONE_REGIONS } from '../../../lambdas/domain/phone-regions';

const ALLOWED = ['US', 'CA', 'GB', 'ES', 'IT'];

describe('invitation tokens', () => {
  test('128 random bits as 22 base64url characters, never twice the same', () => {
    const tokens = Array.from({ length: 5000 }, newInvitationToken);
    expect(tokens.every(isInvitationTokenShape)).toBe(true);
    expect(new Set(tokens).size).toBe(5000);
    expect(Buffer.from(tokens[0] ?? '', 'base64url')).toHaveLength(16);
  });

  test('only a hash is a storage key, and the same token always finds the same key', () => {
    const token = newInvitationToken();
    expect(invitationKey(token)).toBe(invitationKey(token));
    expect(invitationKey(token)).not.toContain(token);
    expect(invitationKey(token)).not.toBe(invitationKey(newInvitationToken()));
  });

  test('shapes that are no token are refused before any lookup', () => {
    for (const bad of ['', 'short', '../../etc/passwd', 'A'.repeat(23), `${'A'.repeat(21)}=`]) {
      expect(isInvitationTokenShape(bad)).toBe(false);
    }
  });

  test('valid until expiresAt, then expired; used wins over both', () => {
    expect(invitationState({ expiresAt: 100 }, 99)).toBe('valid');
    expect(invitationState({ expiresAt: 100 }, 100)).toBe('expired');
    expect(invitationState({ expiresAt: 100, usedAt: 50 }, 60)).toBe('used');
    expect(invitationState({ expiresAt: 100, usedAt: 50 }, 200)).toBe('used');
  });

  test('the registration link and email normalisation', () => {
    expect(registrationUrl('https://app.example.com', 'abc_DEF-123')).toBe(
      'https://app.example.com/register?invitation=abc_DEF-123',
    );
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com');
  });
});

describe('password policy (NIST 800-63B: length, no composition rules, no common passwords)', () => {
  const email = 'alice@example.com';
  test.each(['correct horse battery', 'all lowercase words here', '123456789x12', 'ñandú con acentos'])(
    '%p is accepted without any composition rule',
    (password) => expect(() => assertPasswordAllowed(password, { email })).not.toThrow(),
  );
  test('11 characters are refused with the rule in the message', () => {
    expect(() => assertPasswordAllowed(`${'a'.repeat(5)}bcdefg`, { email })).toThrow(
      expect.objectContaining({
        code: 'WEAK_PASSWORD',
        status: 400,
        message: expect.stringContaining(`${PASSWORD_MIN_LENGTH}`),
      }),
    );
  });
  test('length counts characters, not bytes', () => {
    expect(() => assertPasswordAllowed(`${'ñ'.repeat(6)}abcdef`, { email })).not.toThrow();
  });
  test.each(['password1234', 'Password1234', '123456789012', 'aaaaaaaaaaaaaaa', 'my alice secret'])(
    '%p is refused (common, repetitive or containing the email name)',
    (password) =>
      expect(() => assertPasswordAllowed(password, { email })).toThrow(
        expect.objectContaining({ code: 'WEAK_PASSWORD' }),
      ),
  );
  test('more than 256 characters is refused', () => {
    expect(() => assertPasswordAllowed('x y '.repeat(65), { email })).toThrow(
      expect.objectContaining({ code: 'WEAK_PASSWORD' }),
    );
  });
});

describe('MFA phone numbers', () => {
  test.each([
    ['+1 (415) 555-2671', '+14155552671'],
    ['+14155552671', '+14155552671'],
    ['  +1 415.555.2671 ', '+14155552671'],
    ['0039 347 123 4567', '+393471234567'],
    ['+34 612 34 56 78', '+34612345678'],
  ])('%p is stored as %p', (input, e164) => {
    expect(parseMfaPhone(input, ALLOWED)).toBe(e164);
  });

  test.each([
    ['4155552671', 'format'],
    ['call me maybe', 'format'],
    ['+', 'not_mobile'], // passes the character check, does not parse
    ['+1415', 'not_mobile'],
    [`+1 ${'5'.repeat(40)}`, 'characters'],
    ['+1 415 555 2671; DROP TABLE', 'characters'],
  ])('%p is INVALID_PHONE_NUMBER (%s)', (input, reason) => {
    expect(() => parseMfaPhone(input, ALLOWED)).toThrow(
      expect.objectContaining({ code: 'INVALID_PHONE_NUMBER', status: 400, fields: { reason } }),
    );
  });

  // Real numbers of each kind that can never take an SMS code: refused by the mobile numbering plan. The
  // kind of each is what libphonenumber's full metadata (`libphonenumber-js/max`) calls it, checked below.
  test.each([
    ['FIXED_LINE', 'a Spanish landline', '+34 912 345 678'],
    ['FIXED_LINE', 'a French landline', '+33 1 42 68 53 00'],
    ['FIXED_LINE', 'a German landline', '+49 30 123456'],
    ['FIXED_LINE', 'a Rome landline', '+39 06 1234 5678'],
    ['FIXED_LINE', 'a London landline', '+44 20 7946 0958'],
    ['PREMIUM_RATE', 'a US premium-rate number (the toll-fraud case)', '+1 900 555 0199'],
    ['PREMIUM_RATE', 'a UK premium-rate number', '+44 909 876 5432'],
    ['PREMIUM_RATE', 'a UK 0870 number', '+44 870 123 4567'],
    ['PREMIUM_RATE', 'a Spanish premium-rate number', '+34 803 123 456'],
    ['TOLL_FREE', 'a US toll-free number', '+1 800 555 0100'],
    ['SHARED_COST', 'a Spanish shared-cost number', '+34 902 123 456'],
    ['SHARED_COST', 'an Italian shared-cost number', '+39 848 123456'],
    ['UAN', 'a UK corporate (UAN) number', '+44 55 1234 5678'],
    ['UAN', 'a Spanish UAN number', '+34 51 123 4567'],
    ['PAGER', 'a UK pager number', '+44 76 0012 3456'],
    ['PAGER', 'a Swiss pager number', '+41 740 123456'],
    ['VOICEMAIL', 'an Italian voicemail number', '+39 331 2345 6789'],
    ['PERSONAL_NUMBER', 'an Italian personal number', '+39 178 123 4567'],
    ['VOIP', 'an Italian VoIP number', '+39 55 1234 5678'],
  ])('%s: %s (%s) is refused as not a mobile number', (type, _kind, input) => {
    expect(parseWithFullMetadata(input)?.getType()).toBe(type);
    const allEurope = [...ALLOWED, 'GB', 'DE', 'FR', 'US', 'CH'];
    expect(() => parseMfaPhone(input, allEurope)).toThrow(
      expect.objectContaining({
        code: 'INVALID_PHONE_NUMBER',
        status: 400,
        fields: { reason: 'not_mobile' },
      }),
    );
  });

  test.each([
    ['+34 612 345 678', '+34612345678'],
    ['+44 7400 123456', '+447400123456'],
    ['+351 912 345 678', '+351912345678'],
    ['+31 6 12345678', '+31612345678'],
    ['+353 85 123 4567', '+353851234567'],
  ])('the mobile number %p is accepted', (input, e164) => {
    expect(parseMfaPhone(input, ['ES', 'GB', 'PT', 'NL', 'IE'])).toBe(e164);
  });

  test(`the written form may have ${PHONE_INPUT_MAX_LENGTH} characters, not one more`, () => {
    // Surrounding spaces are trimmed first: pad inside instead, keeping a valid number.
    const padded = (length: number) => `+34${' '.repeat(length - 12)}612345678`;
    expect(padded(PHONE_INPUT_MAX_LENGTH)).toHaveLength(PHONE_INPUT_MAX_LENGTH);
    expect(parseMfaPhone(padded(PHONE_INPUT_MAX_LENGTH), ALLOWED)).toBe('+34612345678');
    expect(() => parseMfaPhone(padded(PHONE_INPUT_MAX_LENGTH + 1), ALLOWED)).toThrow(
      expect.objectContaining({ fields: { reason: 'characters' } }),
    );
  });

  // Numbers of no country (+8xx) that the mobile numbering plan still holds valid: their type decides.
  test.each([
    ['VOIP', 'a global VoIP number', '+882 16 1234 5678'],
    ['SHARED_COST', 'an international shared-cost number', '+808 1234 5678'],
  ])('%s: %s (%s) is refused as not a mobile number, not for its country', (type, _kind, input) => {
    expect(parseWithFullMetadata(input)?.getType()).toBe(type);
    expect(() => parseMfaPhone(input, ALLOWED)).toThrow(
      expect.objectContaining({ code: 'INVALID_PHONE_NUMBER', fields: { reason: 'not_mobile' } }),
    );
  });

  test('a satellite mobile number belongs to no country, so no list allows it', () => {
    expect(parseWithFullMetadata('+881 6 1234 5678')?.getType()).toBe('MOBILE');
    expect(() => parseMfaPhone('+881 6 1234 5678', ALLOWED)).toThrow(
      expect.objectContaining({
        code: 'PHONE_COUNTRY_NOT_ALLOWED',
        message: 'Codes cannot be sent by SMS to numbers of unknown.',
        fields: { reason: 'country' },
      }),
    );
  });

  test.each([
    ['4155552671', 'format', 'write it in international form, starting with + and the country code'],
    ['+1 415 555 2671 x', 'characters', 'only digits, spaces and + ( ) - . / are allowed'],
    ['+34 912 345 678', 'not_mobile', 'it is not a mobile number that can receive text messages'],
  ])('%p: the message says why (%s)', (input, reason, why) => {
    expect(() => parseMfaPhone(input, ALLOWED)).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'INVALID_PHONE_NUMBER',
        message: `The phone number is not valid: ${why}.`,
        fields: { reason },
      }),
    );
  });

  test('a valid mobile number of a country off the list is PHONE_COUNTRY_NOT_ALLOWED', () => {
    expect(() => parseMfaPhone('+49 151 23456789', ALLOWED)).toThrow(
      expect.objectContaining({
        code: 'PHONE_COUNTRY_NOT_ALLOWED',
        status: 400,
        message: 'Codes cannot be sent by SMS to numbers of DE.',
        fields: { reason: 'country' },
      }),
    );
    expect(parseMfaPhone('+49 151 23456789', [...ALLOWED, 'DE'])).toBe('+4915123456789');
  });

  test('the region of a number, for per-country metrics, from its calling code', () => {
    expect(regionOfNumber('+393471234567')).toBe('IT');
    expect(regionOfNumber('+34612345678')).toBe('ES');
    expect(regionOfNumber('+14155552671')).toBe('US');
    expect(regionOfNumber('+999')).toBe('unknown');
  });

  test("the calling-code and region tables are libphonenumber-js's own", () => {
    const { getCountries, getCountryCallingCode } =
      require('libphonenumber-js') as typeof import('libphonenumber-js');
    expect([...PHONE_REGIONS].sort()).toEqual([...getCountries()].sort());
    const metadata = require('libphonenumber-js/metadata.min.json') as {
      country_calling_codes: Record<string, string[]>;
    };
    expect(MAIN_REGION_BY_CALLING_CODE).toEqual(
      Object.fromEntries(
        Object.entries(metadata.country_calling_codes).map(([code, regions]) => [code, regions[0]]),
      ),
    );
    for (const region of getCountries())
      expect(MAIN_REGION_BY_CALLING_CODE).toHaveProperty(getCountryCallingCode(region));
  });
});

describe.each(LOCALES)('every message of the onboarding and phone change (%s)', (locale) => {
  const catalogue = messagesFor(locale);
  const product = 'P'.repeat(40);
  const code = '1234567890';
  const maskedPhone = '+351 *************78';

  test('the phone-validation SMS and the phone-changed SMS fit one GSM-7 segment with the longest values', () => {
    expect(fitsOneSmsSegment(catalogue.phoneCodeSms({ product, code, minutes: 10 }))).toBe(true);
    expect(
      fitsOneSmsSegment(catalogue.phoneChangedSms({ product, maskedPhone, changedAt: new Date() })),
    ).toBe(true);
  });

  test('the invitation subject names only the product; the body names account and inviter, the link and the expiry date', () => {
    const email = catalogue.invitationEmail({
      product: 'Account MFA',
      accountName: 'Demo Energy Co',
      inviterName: 'Ana Admin',
      url: 'https://app.example.com/register?invitation=abc',
      expiresAt: new Date('2026-12-04T20:00:00Z'),
      mfaRequired: true,
    });
    // No text a user or an admin typed goes into a subject (header injection, phishing look-alikes).
    expect(email.subject).not.toContain('Demo Energy Co');
    expect(email.subject).not.toContain('Ana Admin');
    expect(email.subject).toContain('Account MFA');
    for (const part of [
      'Demo Energy Co',
      'Ana Admin',
      'https://app.example.com/register?invitation=abc',
      '2026',
      'Account MFA',
    ]) {
      expect(email.text).toContain(part);
    }
  });

  test('the phone-changed email names the masked number and what to do, with no full number', () => {
    const email = catalogue.phoneChangedEmail({
      product: 'Account MFA',
      maskedPhone: '+39 ********67',
      changedAt: new Date(),
    });
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.text).toContain('+39 ********67');
    expect(email.text).toMatch(/\d{4}/);
  });
});

describe('invitation status (issue 9)', () => {
  test('revoked wins over expired, used wins over everything; valid is shown as pending', () => {
    expect(invitationStatus({ expiresAt: 100 }, 99)).toBe('pending');
    expect(invitationStatus({ expiresAt: 100 }, 100)).toBe('expired');
    expect(invitationStatus({ expiresAt: 100, revokedAt: 50 }, 60)).toBe('revoked');
    expect(invitationStatus({ expiresAt: 100, revokedAt: 50 }, 200)).toBe('revoked');
    expect(invitationStatus({ expiresAt: 100, usedAt: 40, revokedAt: 50 }, 200)).toBe('used');
    expect(invitationState({ expiresAt: 100, revokedAt: 50 }, 60)).toBe('revoked');
  });

  test('the statuses an admin can filter by are exactly the ones an invitation can have', () => {
    const seen = new Set(
      [{ expiresAt: 100 }, { expiresAt: 100, usedAt: 40 }, { expiresAt: 100, revokedAt: 50 }].flatMap(
        (invitation) => [99, 100].map((now) => invitationStatus(invitation, now)),
      ),
    );
    expect([...INVITATION_STATUSES].sort()).toEqual([...seen].sort());
    expect(INVITATION_STATUSES).toEqual(['pending', 'used', 'expired', 'revoked']);
  });
});
