import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { ApiError } from './errors';

/**
 * Phone numbers for SMS codes, judged by numbering-plan metadata that tells mobile numbers apart
 * (libphonenumber's `mobile` set): a number is accepted only when it is a mobile number, or a number that
 * the plan itself cannot tell from a landline (the US and Canada). Landlines, premium-rate, shared-cost,
 * toll-free, pager, personal (UAN) and voicemail numbers are not valid under that metadata at all.
 */
export type PhoneRefusal = 'format' | 'characters' | 'not_mobile' | 'country';

/** The number types under which an SMS reaches a handset. */
const SMS_CAPABLE = new Set([
  'MOBILE',
  // Stryker disable next-line StringLiteral: the mobile metadata calls US and Canadian numbers MOBILE; kept for other metadata
  'FIXED_LINE_OR_MOBILE',
]);

/** Longest written form accepted (E.164 is at most 16 characters; spaces and punctuation add some). */
export const PHONE_INPUT_MAX_LENGTH = 32;

const REASON_TEXT: Record<Exclude<PhoneRefusal, 'country'>, string> = {
  format: 'write it in international form, starting with + and the country code',
  characters: 'only digits, spaces and + ( ) - . / are allowed',
  not_mobile: 'it is not a mobile number that can receive text messages',
};

export const invalidPhone = (reason: Exclude<PhoneRefusal, 'country'>) =>
  new ApiError(400, 'INVALID_PHONE_NUMBER', `The phone number is not valid: ${REASON_TEXT[reason]}.`, {
    reason,
  });

export const countryNotAllowed = (country: string) =>
  new ApiError(400, 'PHONE_COUNTRY_NOT_ALLOWED', `Codes cannot be sent by SMS to numbers of ${country}.`, {
    reason: 'country',
  });

/**
 * Parses a phone number written in a common form (`+1 (415) 555-2671`, `0039 347 123 4567`) into E.164,
 * for a mobile number of an allowed country; anything else is a 400 that says why.
 */
export function parseMfaPhone(input: string, allowedCountries: readonly string[]): string {
  const written = input.trim().replace(/^00/, '+');
  if (!written.startsWith('+')) throw invalidPhone('format');
  if (written.length > PHONE_INPUT_MAX_LENGTH || /[^\d\s+().\-/]/.test(written))
    throw invalidPhone('characters');
  const parsed = parsePhoneNumberFromString(written);
  if (!parsed?.isValid()) throw invalidPhone('not_mobile');
  const type = parsed.getType();
  if (!type || !SMS_CAPABLE.has(type)) throw invalidPhone('not_mobile');
  const country = parsed.country ?? 'unknown';
  if (!allowedCountries.includes(country)) throw countryNotAllowed(country);
  return parsed.number;
}
