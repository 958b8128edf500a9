/**
 * Every piece of a user's second-factor state, in one place, so that an admin's MFA reset clears all of
 * it (and a factor added later is cleared by adding it here, not by remembering the reset):
 *
 * - `USER_FACTOR_FIELDS`: fields of the user's record (`USER#<userId>` in the settings table);
 * - `COGNITO_FACTOR_ATTRIBUTES`: user-pool attributes;
 * - `codeStateKeys`: items in the codes table (the consecutive-failure lock and the per-destination sign-in
 *   send limits of the user's phone and email).
 *
 * The remembered devices (one record field each, named by device) are forgotten by the factor store's
 * `clearAll`, which the reset calls as well.
 */
export const USER_FACTOR_FIELDS = [
  'provenPhone',
  'smsFailedAt',
  'totpSecret',
  'totpEnabledAt',
  'totpLastStep',
  'recoveryCodes',
  'preferredMethod',
] as const;

export const COGNITO_FACTOR_ATTRIBUTES = ['phone_number', 'phone_number_verified'] as const;

/** The codes-table items of a user's code state, given how each store names its keys. */
export function codeStateKeys(
  userId: string,
  destinations: readonly string[],
  keyOf: {
    failures: (userId: string) => string;
    sendLimits: readonly ((destination: string) => string)[];
  },
): string[] {
  const keys = [keyOf.failures(userId), ...destinations.flatMap((d) => keyOf.sendLimits.map((k) => k(d)))];
  return [...new Set(keys)];
}
