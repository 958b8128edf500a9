import type { UserProfile } from '../adapters/identity';
import type { MfaSubject } from '../domain/mfa-policy';
import type { Needs } from './deps';

/** What the MFA policy needs to know about a user: their own flags and their account's switch. */
export async function mfaSubjectOf(deps: Needs<'accounts'>, user: UserProfile): Promise<MfaSubject> {
  const account = user.accountId ? await deps.accounts.get(user.accountId) : undefined;
  return {
    accountMfaEnabled: account?.mfaEnabled === true,
    userMfaRequired: user.mfaRequired,
    phoneNumber: user.phoneNumber,
    email: user.email,
  };
}
