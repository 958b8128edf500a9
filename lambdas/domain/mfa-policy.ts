/**
 * Who needs a second factor and where it goes. An account admin's switch turns MFA on for every user of
 * the account; a user invited while MFA was on keeps MFA for good (`mfaRequired` on the user); and a user
 * who added an authenticator app asked for a second factor themselves, whatever the switch says.
 */
export type MfaChannel = 'sms' | 'email';
/** What a user may choose as the first method of a sign-in. */
export type PreferredMethod = 'totp' | MfaChannel;
/** Every way a sign-in's second step may be answered. */
export type MfaMethod = PreferredMethod | 'recovery_code';

export interface MfaSubject {
  readonly accountMfaEnabled: boolean;
  readonly userMfaRequired: boolean;
  readonly phoneNumber: string | undefined;
  readonly email: string;
  /** The user has an authenticator app (they opted in to a second factor). */
  readonly hasAuthenticatorApp?: boolean;
}

export const isMfaRequired = (subject: MfaSubject): boolean =>
  subject.accountMfaEnabled || subject.userMfaRequired || subject.hasAuthenticatorApp === true;

/** SMS to the MFA phone when the user has one, else email. */
export function mfaDestination(subject: MfaSubject): { channel: MfaChannel; destination: string } {
  return subject.phoneNumber
    ? { channel: 'sms', destination: subject.phoneNumber }
    : { channel: 'email', destination: subject.email };
}

/** What the user record says about the MFA phone: which number was proven, and when an SMS last failed. */
export interface PhoneStanding {
  readonly provenPhone: string | undefined;
  readonly smsFailedAt: number | undefined;
}

/**
 * The channels a sign-in code may take: SMS when the user has an MFA phone, and email when there is no
 * phone, while the phone is unproven (a typo at registration must not lock the user out), or after the
 * last SMS could not be delivered.
 */
export function codeChannels(subject: MfaSubject, standing: PhoneStanding): MfaChannel[] {
  if (!subject.phoneNumber) return ['email'];
  const emailToo = standing.provenPhone !== subject.phoneNumber || standing.smsFailedAt !== undefined;
  return emailToo ? ['sms', 'email'] : ['sms'];
}

/** What `/v1/me` and registration report: the channel codes would use, or `none`. */
export const effectiveMfaChannel = (subject: MfaSubject): MfaChannel | 'none' =>
  isMfaRequired(subject) ? mfaDestination(subject).channel : 'none';

/** Tenancy: an admin acts only on the account in their own token. */
export const canAdministerAccount = (
  caller: { accountId?: string; role?: string },
  accountId: string,
): boolean => caller.role === 'admin' && caller.accountId !== undefined && caller.accountId === accountId;

/** The factors a user has besides the phone and email: an authenticator app, recovery codes, a preference. */
export interface UserFactors {
  readonly totp: boolean;
  readonly recoveryCodes: number;
  readonly preferred: PreferredMethod | undefined;
}

/**
 * Every method a sign-in of this user may use, strongest first: the authenticator app, then the code
 * channels (`codeChannels`), then a recovery code.
 */
export function signInMethods(
  subject: MfaSubject,
  standing: PhoneStanding,
  factors: UserFactors,
): MfaMethod[] {
  return [
    ...(factors.totp ? (['totp'] as const) : []),
    ...codeChannels(subject, standing),
    ...(factors.recoveryCodes > 0 ? (['recovery_code'] as const) : []),
  ];
}

/**
 * The method a sign-in starts with: the user's preference while they still have it, else the strongest
 * they have (an authenticator app before SMS, SMS before email: NIST 800-63B-4 §3.2.9, ASVS 2.7.1).
 */
export function startingMethod(
  methods: readonly MfaMethod[],
  preferred: PreferredMethod | undefined,
): PreferredMethod {
  if (preferred && methods.includes(preferred)) return preferred;
  return (['totp', 'sms', 'email'] as const).find((m) => methods.includes(m)) ?? 'email';
}
