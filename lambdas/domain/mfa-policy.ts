/**
 * Who needs a second factor and where it goes. An account admin's switch turns MFA on for every user of
 * the account; a user invited while MFA was on keeps MFA for good (`mfaRequired` on the user).
 */
export type MfaChannel = 'sms' | 'email';

export interface MfaSubject {
  readonly accountMfaEnabled: boolean;
  readonly userMfaRequired: boolean;
  readonly phoneNumber: string | undefined;
  readonly email: string;
}

export const isMfaRequired = (subject: MfaSubject): boolean =>
  subject.accountMfaEnabled || subject.userMfaRequired;

/** SMS to the MFA phone when the user has one, else email. */
export function mfaDestination(subject: MfaSubject): { channel: MfaChannel; destination: string } {
  return subject.phoneNumber
    ? { channel: 'sms', destination: subject.phoneNumber }
    : { channel: 'email', destination: subject.email };
}

/** What `/v1/me` and registration report: the channel codes would use, or `none`. */
export const effectiveMfaChannel = (subject: MfaSubject): MfaChannel | 'none' =>
  isMfaRequired(subject) ? mfaDestination(subject).channel : 'none';

/** Tenancy: an admin acts only on the account in their own token. */
export const canAdministerAccount = (
  caller: { accountId?: string; role?: string },
  accountId: string,
): boolean => caller.role === 'admin' && caller.accountId !== undefined && caller.accountId === accountId;
