import type { Challenge, ChallengePurpose } from '../../adapters/challenge-store';
import type { LockStatus } from '../../adapters/failure-counter';
import { type ApiError, errors } from '../../domain/errors';
import { decideResend, type ResendDecision } from '../../domain/rate-rules';
import { countMetric, MetricNames } from '../../http/metrics';
import type { Needs } from '../deps';

/** The error for a challenge that is unknown, expired, used or of another purpose (all look the same). */
export type Gone = () => ApiError;

/** True while a challenge can still be resent: stored, unused and not past its own end. */
export const isLive = (challenge: Challenge | undefined, now: number): challenge is Challenge =>
  challenge !== undefined && challenge.consumedAt === undefined && challenge.expiresAt > now;

/** A live challenge of this purpose, or `gone()`. */
export function liveOf(
  challenge: Challenge | undefined,
  now: number,
  purpose: ChallengePurpose,
  gone: Gone,
): Challenge {
  if (!isLive(challenge, now) || challenge.purpose !== purpose) throw gone();
  return challenge;
}

/**
 * Why an answer cannot be checked on this challenge now, or undefined when it can. The code this service
 * sent must also be live (`sentCode`); other answers (an app code, a recovery code) need only the challenge.
 */
export function verifyRefusal(
  challenge: Challenge,
  now: number,
  maxAttempts: number,
  gone: Gone,
  options: { sentCode: boolean } = { sentCode: true },
): ApiError | undefined {
  if (!isLive(challenge, now) || challenge.verifiedAt !== undefined) return gone();
  if (challenge.attempts >= maxAttempts) return errors.tooManyAttempts();
  if (options.sentCode && (challenge.codeExpiresAt <= now || challenge.codeDigest === undefined))
    return errors.codeExpired();
  return undefined;
}

/** After a conditional write on a challenge was refused, says why, from a fresh consistent read. */
export async function explainRefusal(
  deps: Needs<'challenges'>,
  key: string,
  now: number,
  step: 'verify' | 'resend',
  gone: Gone,
): Promise<ApiError> {
  const challenge = await deps.challenges.get(key);
  if (!isLive(challenge, now) || challenge.verifiedAt !== undefined) return gone();
  const { config } = deps;
  if (challenge.attempts >= config.MFA_MAX_ATTEMPTS) return errors.tooManyAttempts();
  // Live, attempts left, yet the code did not settle: it expired or a resend replaced it meanwhile.
  if (step === 'verify')
    return verifyRefusal(challenge, now, config.MFA_MAX_ATTEMPTS, gone) ?? errors.codeExpired();
  const resend = decideResend(challenge, now, resendLimits(deps));
  return resend.allowed ? gone() : resendRefusal(resend, challenge.purpose);
}

export const resendLimits = (deps: Needs) => ({
  cooldownSeconds: deps.config.MFA_RESEND_COOLDOWN_SECONDS,
  maxSends: deps.config.MFA_MAX_SENDS_PER_CHALLENGE,
});

/** The error for a resend the rules do not allow: RESEND_TOO_SOON with Retry-After, or no sends left. */
export const resendRefusal = (
  decision: Exclude<ResendDecision, { allowed: true }>,
  purpose: ChallengePurpose,
): ApiError => {
  countMetric(MetricNames.RateLimited, {
    Reason: decision.reason === 'cooldown' ? 'resend-cooldown' : 'sends-per-challenge',
  });
  if (decision.reason === 'cooldown') return errors.resendTooSoon(decision.retryAfter);
  return errors.sendsExhausted(purpose === 'login' ? 'sign in again' : 'start again');
};

/** MFA_LOCKED while the user's consecutive-failure lock lasts. */
export function assertUnlocked(lock: LockStatus): void {
  if (lock.locked) {
    countMetric(MetricNames.RateLimited, { Reason: 'locked' });
    throw errors.mfaLocked(lock.retryAfter);
  }
}
