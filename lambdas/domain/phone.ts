import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ApiError } from './errors';

/** Number types that can never receive an SMS code. */
const NOT_FOR_SMS = new Set([
  'FIXED_LINE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'PAGER',
  'UAN',
  'VOICEMAIL',
]);

export const invalidPhone = (why: string) =>
  new ApiError(400, 'INVALID_PHONE_NUMBER', `The phone number is not valid: ${why}.`);

export const countryNotAllowed = (country: string) =>
  new ApiError(400, 'PHONE_COUNTRY_NOT_ALLOWED', `Codes cannot be sent by SMS to numbers of ${country}.`);

/** The ISO country of an E.164 number, for per-country SMS metrics (`unknown` when it cannot tell). */
export const phoneCountry = (e164: string): string => parsePhoneNumberFromString(e164)?.country ?? 'unknown';

/**
 * Parses a phone number written in a common form (`+1 (415) 555-2671`, `0039 347 123 4567`) into E.164,
 * for a number that can take SMS and belongs to an allowed country; anything else is a 400.
 */
export function parseMfaPhone(input: string, allowedCountries: readonly string[]): string {
  const written = input.trim().replace(/^00/, '+');
  if (!written.startsWith('+'))
    throw invalidPhone('write it in international form, starting with + and the country code');
  if (written.length > 32 || /[^\d\s+().\-/]/.test(written))
    throw invalidPhone('only digits, spaces and + ( ) - . are allowed');
  const parsed = parsePhoneNumberFromString(written);
  if (!parsed?.isValid()) throw invalidPhone('it is not a valid number');
  const type = parsed.getType();
  if (type && NOT_FOR_SMS.has(type)) throw invalidPhone('it cannot receive text messages');
  const country = parsed.country ?? 'unknown';
  if (!allowedCountries.includes(country)) throw countryNotAllowed(country);
  return parsed.number;
}
