import { ApiError } from './errors';

/**
 * NIST 800-63B-4 §3.1.1.2: a minimum length, a generous maximum, no composition rules, and a check
 * against commonly used passwords. The user pool enforces the same minimum.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Passwords of 12+ characters that appear at the top of breach corpora. */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'qwertyuiopas',
  'qwerty123456',
  '111111111111',
  '000000000000',
  'aaaaaaaaaaaa',
  'iloveyou1234',
  'welcome12345',
  'letmein12345',
  'abc123456789',
  'abcdefghijkl',
  'changeme1234',
  'administrator',
]);

const weak = (rule: string) => new ApiError(400, 'WEAK_PASSWORD', rule);

export function assertPasswordAllowed(password: string, context: { email: string; name?: string }): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    throw weak(`The password must have at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (length > PASSWORD_MAX_LENGTH)
    throw weak(`The password must have at most ${PASSWORD_MAX_LENGTH} characters.`);
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password))
    throw weak('The password is too common; choose another.');
  const localPart = context.email.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && lower.includes(localPart))
    throw weak('The password must not contain your email address.');
}
