import { COMMON_PASSWORDS_PACKED } from './common-passwords';
import { ApiError } from './errors';

/**
 * NIST 800-63B-4 §3.1.1.2: a minimum length, a generous maximum, no composition rules, and a check
 * against passwords known from breaches. The user pool enforces the same minimum.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Why a password was refused, sent as `reason` inside the WEAK_PASSWORD error so that a frontend can say
 * it in the user's words:
 * - `too_short`, `too_long`: outside PASSWORD_MIN_LENGTH..PASSWORD_MAX_LENGTH characters;
 * - `spaces_around`: starts or ends with a space (Cognito refuses those: its password pattern is `^\S.*\S$`);
 * - `common`: exactly a password from breach corpora (any letter case);
 * - `common_padded`: such a password with digits, symbols or spaces around it (`monkey!!!!!!`, `2024dragon2024`);
 * - `repeated`: one short part over and over (`aaaaaaaaaaaa`, `abcabcabcabc`, `dragondragon`), padded or not;
 * - `contains_email`: holds the part of the user's email before the @ (4 characters or more).
 */
export type WeakPasswordReason =
  | 'too_short'
  | 'too_long'
  | 'spaces_around'
  | 'common'
  | 'common_padded'
  | 'repeated'
  | 'contains_email';

const MESSAGES: Record<WeakPasswordReason, string> = {
  too_short: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`,
  spaces_around: 'The password must not start or end with a space.',
  common: 'This password is known from data breaches; choose another.',
  common_padded: 'This is a common password with digits or symbols around it; choose another.',
  repeated: 'The password repeats the same characters; choose another.',
  contains_email: 'The password must not contain your email address.',
};

export const weakPassword = (reason: WeakPasswordReason) =>
  new ApiError(400, 'WEAK_PASSWORD', MESSAGES[reason], { reason });

let commonPasswords: Set<string> | undefined;

/** The generated list (lambdas/domain/common-passwords.ts) as a set, unpacked on first use (~2 ms). */
export function commonPasswordSet(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const set = new Set<string>();
  const parts = COMMON_PASSWORDS_PACKED.split(/([A-Z])/);
  // Stryker disable next-line StringLiteral: the first entry shares no characters with what comes before it
  let previous = '';
  for (let i = 1; i < parts.length; i += 2) {
    previous = previous.slice(0, parts[i]!.charCodeAt(0) - 65) + parts[i + 1];
    set.add(previous);
  }
  commonPasswords = set;
  return set;
}

/** Digits, symbols and spaces: what people put around a word to pass a rule. */
const PADDING = '[^\\p{L}]';
const SYMBOLS = '[^\\p{L}\\p{N}]';
const strip = (value: string, chars: string, where: 'start' | 'end' | 'both') => {
  let result = value;
  if (where !== 'end') result = result.replace(new RegExp(`^${chars}+`, 'u'), '');
  if (where !== 'start') result = result.replace(new RegExp(`${chars}+$`, 'u'), '');
  return result;
};

/** What is left when padding is taken off one side, the other or both (digits and symbols, or symbols only). */
export function paddedCores(lower: string): string[] {
  const cores = new Set<string>();
  for (const chars of [PADDING, SYMBOLS])
    for (const where of ['start', 'end', 'both'] as const) cores.add(strip(lower, chars, where));
  cores.delete(lower);
  cores.delete('');
  return [...cores];
}

/** One part, two or more times over: `abcabc`, `aaaa`. */
const isRepetition = (value: string) => /^(.+?)\1+$/su.test(value);

/** The first rule the password breaks, or undefined when it may be used. */
export function passwordProblem(
  password: string,
  context: { email: string },
): WeakPasswordReason | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (/^\s|\s$/u.test(password)) return 'spaces_around';
  const lower = password.toLowerCase();
  const common = commonPasswordSet();
  if (common.has(lower)) return 'common';
  const cores = paddedCores(lower);
  if ([lower, ...cores].some(isRepetition)) return 'repeated';
  if (cores.some((core) => common.has(core))) return 'common_padded';
  const localPart = context.email.toLowerCase().split('@')[0]!;
  if (localPart.length >= 4 && lower.includes(localPart)) return 'contains_email';
  return undefined;
}

/** Throws 400 WEAK_PASSWORD with the `reason` of the first rule the password breaks. */
export function assertPasswordAllowed(password: string, context: { email: string; name?: string }): void {
  const reason = passwordProblem(password, context);
  if (reason) throw weakPassword(reason);
}
