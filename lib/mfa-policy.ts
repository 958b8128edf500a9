/**
 * The MFA numbers (README, Settings). Every field is optional: a field left out is not set in the Lambda
 * environment, so the default of `lambdas/config.ts` applies (shown in brackets).
 */
export interface MfaPolicy {
  /** Digits in a one-time code [6; 6–10]. */
  readonly codeLength: number;
  /** Lifetime of a code in seconds [300; at most 600]. */
  readonly codeTtlSeconds: number;
  /** Wrong attempts per code before the challenge dies [5]. */
  readonly maxAttempts: number;
  /** Consecutive failures per user, across challenges, before MFA locks [10]. */
  readonly maxConsecutiveFailures: number;
  /** How long a locked user stays locked, in seconds [900]. */
  readonly lockSeconds: number;
  /** Seconds between two sends for one challenge [30]. */
  readonly resendCooldownSeconds: number;
  /** Sends per challenge [5]. */
  readonly maxSendsPerChallenge: number;
  /** Sign-in codes per phone number or email address per hour, phone validations apart [10]. */
  readonly maxSendsPerDestinationPerHour: number;
  /** Lifetime of a sign-in session (challenge) in seconds [900]. */
  readonly sessionTtlSeconds: number;
  /** Lifetime of an invitation in seconds [604800 = 7 days]. */
  readonly invitationTtlSeconds: number;
  /** ISO 3166 alpha-2 countries SMS codes may go to [US,CA,MX,GB,IE,ES,IT,FR,DE,PT,NL,BE,CH,AT]. */
  readonly smsAllowedCountries: readonly string[];
  /** Maximum age of the sign-in, in seconds, for phone changes [900]. */
  readonly reauthMaxAgeSeconds: number;
  /** Phone validations a user may start per hour [3]. */
  readonly maxPhoneValidationsPerUserPerHour: number;
  /** Phone validations a user may start per day [10]. */
  readonly maxPhoneValidationsPerUserPerDay: number;
  /** Phone validations all users of an account may start per day [200]. */
  readonly maxPhoneValidationsPerAccountPerDay: number;
  /** Validation SMS to one number per day [3]. */
  readonly maxValidationSendsPerDestinationPerDay: number;
  /** Invitations (new or resent) per account per day [200]. */
  readonly maxInvitationsPerAccountPerDay: number;
  /** Invitations (new or resent) to one address per day [3]. */
  readonly maxInvitationsPerAddressPerDay: number;
  /** Password-reset emails to one address per hour [3]. */
  readonly maxPasswordResetsPerAddressPerHour: number;
}

/** The environment variable each field becomes (the names `lambdas/config.ts` reads). */
export const MFA_POLICY_ENV: Readonly<Record<keyof MfaPolicy, string>> = {
  codeLength: 'MFA_CODE_LENGTH',
  codeTtlSeconds: 'MFA_CODE_TTL_SECONDS',
  maxAttempts: 'MFA_MAX_ATTEMPTS',
  maxConsecutiveFailures: 'MFA_MAX_CONSECUTIVE_FAILURES',
  lockSeconds: 'MFA_LOCK_SECONDS',
  resendCooldownSeconds: 'MFA_RESEND_COOLDOWN_SECONDS',
  maxSendsPerChallenge: 'MFA_MAX_SENDS_PER_CHALLENGE',
  maxSendsPerDestinationPerHour: 'MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR',
  sessionTtlSeconds: 'MFA_SESSION_TTL_SECONDS',
  invitationTtlSeconds: 'INVITATION_TTL_SECONDS',
  smsAllowedCountries: 'MFA_SMS_ALLOWED_COUNTRIES',
  reauthMaxAgeSeconds: 'MFA_REAUTH_MAX_AGE_SECONDS',
  maxPhoneValidationsPerUserPerHour: 'MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_HOUR',
  maxPhoneValidationsPerUserPerDay: 'MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_DAY',
  maxPhoneValidationsPerAccountPerDay: 'MFA_MAX_PHONE_VALIDATIONS_PER_ACCOUNT_PER_DAY',
  maxValidationSendsPerDestinationPerDay: 'MFA_MAX_VALIDATION_SENDS_PER_DESTINATION_PER_DAY',
  maxInvitationsPerAccountPerDay: 'MAX_INVITATIONS_PER_ACCOUNT_PER_DAY',
  maxInvitationsPerAddressPerDay: 'MAX_INVITATIONS_PER_ADDRESS_PER_DAY',
  maxPasswordResetsPerAddressPerHour: 'MAX_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR',
};

/** Only the overridden fields, as environment variables. Unknown keys are refused. */
export function mfaPolicyEnv(policy: Partial<MfaPolicy> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(policy)) {
    const name = MFA_POLICY_ENV[key as keyof MfaPolicy];
    if (!name)
      throw new Error(`Unknown MFA setting "${key}"; known: ${Object.keys(MFA_POLICY_ENV).join(', ')}`);
    if (value === undefined) continue;
    env[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}
