import type { Challenge, ChallengePurpose } from '../../adapters/challenge-store';
import { type ApiError, errors } from '../../domain/errors';
import { decideResend, type ResendDecision } from '../../domain/rate-rules';
import { countMetric, MetricNames } from '../../http/metrics';
import type { Needs } from '../deps';

/** The error for a challenge that is unknown, expired, used or of another purpose (all look the same). */
export type Gone = () => ApiError;

/** True while a challenge can still be answered or resent: stored, unused and not past `expiresAt`. */
export const isLive = (challenge: Challenge | undefined, now: number): challenge is Challenge =>
  challenge !== undefined && challenge.consumedAt === undefined && challenge.expiresAt > now;

/** A live challenge of this purpose, or `gone()`. */
export async function liveChallenge(
  deps: Needs<'challenges'>,
  key: string,
  now: number,
  purpose: ChallengePurpose,
  gone: Gone,
): Promise<Challenge> {
  const challenge = await deps.challenges.get(key);
  if (!isLive(challenge, now) || challenge.purpose !== purpose) throw gone();
  return challenge;
}

/** After a conditional write was refused, says why, from a fresh consistent read. */
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
  if (step === 'verify') return errors.invalidCode(config.MFA_MAX_ATTEMPTS - challenge.attempts);
  const resend = decideResend(challenge, now, {
    cooldownSeconds: config.MFA_RESEND_COOLDOWN_SECONDS,
    maxSends: config.MFA_MAX_SENDS_PER_CHALLENGE,
  });
  if (!resend.allowed) return resendRefusal(resend);
  return gone();
}

/** The error for a resend the rules do not allow: RESEND_TOO_SOON with Retry-After, or TOO_MANY_SENDS. */
export const resendRefusal = (decision: Exclude<ResendDecision, { allowed: true }>): ApiError =>
  decision.reason === 'cooldown' ? errors.resendTooSoon(decision.retryAfter) : errors.tooManySends();

/** Answers MFA_LOCKED while the user's consecutive-failure lock lasts. */
export async function assertNotLocked(deps: Needs<'failures'>, userId: string, now: number): Promise<void> {
  const lock = await deps.failures.status(userId, now);
  if (lock.locked) {
    countMetric(MetricNames.RateLimited, { Reason: 'locked' });
    throw errors.mfaLocked(lock.retryAfter);
  }
}
