import type { Account } from '../adapters/account-store';
import type { Factors } from '../adapters/factor-store';
import type { UserProfile } from '../adapters/identity';
import type { UserRecord } from '../adapters/user-store';
import { maskPhone } from '../domain/masking';
import {
  isMfaRequired,
  type MfaMethod,
  type PreferredMethod,
  signInMethods,
  startingMethod,
} from '../domain/mfa-policy';
import { epochSeconds } from '../domain/rate-rules';
import type { Needs } from './deps';

/**
 * What a user's next sign-in asks of them. `required` is the rule of the product: a user needs a second
 * factor when their account has MFA on, when they were invited while it was on (they keep MFA for good,
 * even if an admin turns it off later), or when they added an authenticator app. `methods` and
 * `preferred` are what their next sign-in offers and starts with (domain/mfa-policy.ts).
 */
export interface MfaMethods {
  readonly required: boolean;
  readonly methods: MfaMethod[];
  readonly preferred: PreferredMethod;
  readonly phoneVerified: boolean;
}

export function mfaMethodsOf(
  profile: UserProfile,
  record: UserRecord,
  account: Account | undefined,
  factors: Factors,
): MfaMethods {
  const phone = profile.phoneNumber;
  const phoneVerified =
    phone !== undefined && (profile.phoneVerified === true || record.provenPhone === phone);
  const subject = {
    accountMfaEnabled: account?.mfaEnabled === true,
    userMfaRequired: profile.mfaRequired,
    phoneNumber: phone,
    email: profile.email,
    hasAuthenticatorApp: factors.totp !== undefined,
  };
  const methods = signInMethods(
    subject,
    { provenPhone: phoneVerified ? phone : record.provenPhone, smsFailedAt: record.smsFailedAt },
    factorSummary(factors),
  );
  return {
    required: isMfaRequired(subject),
    methods,
    preferred: startingMethod(methods, factors.preferred),
    phoneVerified,
  };
}

/** A user's MFA state as the API shows it (`User.mfa` of design §4.1, also in `/v1/me`). */
export interface MfaView extends MfaMethods {
  readonly phoneNumber: string | null;
  readonly recoveryCodesRemaining: number;
  readonly rememberedDevices: number;
  readonly locked: boolean;
  readonly lockedUntil: string | null;
}

export async function mfaView(
  deps: Needs<'failures' | 'factors'>,
  profile: UserProfile,
  record: UserRecord,
  account: Account | undefined,
): Promise<MfaView> {
  const now = epochSeconds(deps.now());
  const [lock, factors] = await Promise.all([
    deps.failures.status(profile.userId, now),
    deps.factors.get(profile.userId),
  ]);
  return {
    ...mfaMethodsOf(profile, record, account, factors),
    phoneNumber: profile.phoneNumber ? maskPhone(profile.phoneNumber) : null,
    recoveryCodesRemaining: factors.recoveryCodeDigests.length,
    rememberedDevices: liveDevices(factors, record, now).length,
    locked: lock.locked,
    lockedUntil: lock.locked ? new Date((now + lock.retryAfter) * 1000).toISOString() : null,
  };
}

/** What the MFA policy needs to know of a user's factors. */
export const factorSummary = (factors: Factors) => ({
  totp: factors.totp !== undefined,
  recoveryCodes: factors.recoveryCodeDigests.length,
  preferred: factors.preferred,
});

/** The remembered devices that still skip the code: not expired, not revoked since. */
export const liveDevices = (factors: Factors, record: UserRecord, now: number) =>
  factors.devices.filter(
    (d) =>
      d.expiresAt > now &&
      d.createdAt >= (factors.devicesValidAfter ?? 0) &&
      d.createdAt >= (record.sessionsValidAfter ?? 0),
  );
