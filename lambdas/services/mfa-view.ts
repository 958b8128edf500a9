import type { Account } from '../adapters/account-store';
import type { UserProfile } from '../adapters/identity';
import type { UserRecord } from '../adapters/user-store';
import { maskPhone } from '../domain/masking';
import { isMfaRequired } from '../domain/mfa-policy';
import { epochSeconds } from '../domain/rate-rules';
import type { Needs } from './deps';

/**
 * A user's MFA state as the API shows it (`User.mfa` of design §4.1, also in `/v1/me`).
 *
 * `required` is the rule of the product: a user needs a code when their account has MFA on, or when they
 * were invited while it was on (they keep MFA for good, even if an admin turns it off later; the same
 * holds for a user who proved an MFA phone).
 */
export interface MfaView {
  readonly required: boolean;
  readonly methods: ('sms' | 'email' | 'totp')[];
  readonly preferred: 'sms' | 'email' | 'totp';
  readonly phoneNumber: string | null;
  readonly phoneVerified: boolean;
  readonly recoveryCodesRemaining: number;
  readonly rememberedDevices: number;
  readonly locked: boolean;
  readonly lockedUntil: string | null;
}

export async function mfaView(
  deps: Needs<'failures'>,
  profile: UserProfile,
  record: UserRecord,
  account: Account | undefined,
): Promise<MfaView> {
  const now = epochSeconds(deps.now());
  const lock = await deps.failures.status(profile.userId, now);
  const phone = profile.phoneNumber;
  const phoneVerified =
    phone !== undefined && (profile.phoneVerified === true || record.provenPhone === phone);
  return {
    required: isMfaRequired({
      accountMfaEnabled: account?.mfaEnabled === true,
      userMfaRequired: profile.mfaRequired,
      phoneNumber: phone,
      email: profile.email,
    }),
    // While a phone is unproven, codes may still go by email.
    methods: phone ? (phoneVerified ? ['sms'] : ['sms', 'email']) : ['email'],
    preferred: phone ? 'sms' : 'email',
    phoneNumber: phone ? maskPhone(phone) : null,
    phoneVerified,
    recoveryCodesRemaining: 0,
    rememberedDevices: 0,
    locked: lock.locked,
    lockedUntil: lock.locked ? new Date((now + lock.retryAfter) * 1000).toISOString() : null,
  };
}
