/**
 * Names and other free text a user types: at most 100 characters (code points), none of the C0/C1 control
 * characters (CR/LF could forge headers or lines) and none of the bidirectional overrides and isolates
 * that make text read differently from what it holds (U+202A–U+202E, U+2066–U+2069).
 */
export const FREE_TEXT_MAX_LENGTH = 100;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about these very characters
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The same rule as a JSON Schema pattern, so API Gateway's validator refuses what the Lambda would. */
export const FREE_TEXT_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$';

export type FreeTextProblem = 'empty' | 'too_long' | 'control_characters';

/** What is wrong with a piece of free text after trimming, or undefined when it is fine. */
export function freeTextProblem(value: string): FreeTextProblem | undefined {
  const text = value.trim();
  if (FORBIDDEN.test(text)) return 'control_characters';
  if (text.length === 0) return 'empty';
  if ([...text].length > FREE_TEXT_MAX_LENGTH) return 'too_long';
  return undefined;
}
