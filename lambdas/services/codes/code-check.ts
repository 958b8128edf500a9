import type { Challenge } from '../../adapters/challenge-store';
import type { LockStatus } from '../../adapters/failure-counter';
import { errors } from '../../domain/errors';
import { challengeDigest, digestsMatch } from '../../domain/one-time-code';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { assertUnlocked, explainRefusal, type Gone, verifyRefusal } from './challenge-refusal';

/** A challenge and its user's lock, as one batched read found them. */
export interface CheckState {
  readonly challenge: Challenge;
  readonly lock: LockStatus;
}

/**
 * Checks a code against a challenge, for sign-in and phone validation alike.
 *
 * The right code is settled by one conditional write (`settle`: consume, or mark verified), which only
 * one of racing requests can win; it ends the user's failure streak. A wrong code is answered only after
 * it has reserved its place in the user's consecutive failures (one conditional ADD that holds while the
 * count is below MFA_MAX_CONSECUTIVE_FAILURES), so however many requests and sessions race, at most that
 * many wrong codes are ever told apart from MFA_LOCKED; then it takes one of the challenge's attempts.
 */
export interface CodeCheck<T> {
  /**
   * Decides an answer that is not the code this service sent (an authenticator app code, a recovery
   * code); without it, the answer is compared with the challenge's code.
   */
  readonly match?: (code: string) => Promise<boolean>;
  /** The one conditional write that settles a right answer (given the sent code's digest, if that was it). */
  readonly settle: (digest: string | undefined) => Promise<T | undefined>;
}

export async function checkCode<T>(
  deps: Needs<'challenges' | 'failures' | 'keys' | 'audit'>,
  state: CheckState,
  code: string,
  now: number,
  gone: Gone,
  check: CodeCheck<T>,
): Promise<T> {
  const { config } = deps;
  const { challenge, lock } = state;
  assertUnlocked(lock);
  const refusal = verifyRefusal(challenge, now, config.MFA_MAX_ATTEMPTS, gone, { sentCode: !check.match });
  if (refusal) throw refusal;

  const keys = await deps.keys();
  const digest = check.match ? undefined : challengeDigest(keys.hmacKey, challenge, code);
  const right = check.match ? await check.match(code) : digestsMatch(challenge.codeDigest, digest!);
  const log = { userId: challenge.userId, purpose: challenge.purpose };
  if (right) {
    const settled = await check.settle(digest);
    // The right code lost a race (another request used it, a resend replaced it): not a wrong guess.
    if (settled === undefined) throw await explainRefusal(deps, challenge.key, now, 'verify', gone);
    if (lock.failures > 0) await deps.failures.reset(challenge.userId, now);
    logger.info('mfa.verify.succeeded', { event: 'mfa.verify.succeeded', ...log });
    countMetric(MetricNames.VerificationsSucceeded, {
      Channel: challenge.channel,
      Purpose: challenge.purpose,
    });
    return settled;
  }

  const reservation = await deps.failures.reserve(challenge.userId, now);
  if (!reservation.admitted) {
    countMetric(MetricNames.RateLimited, { Reason: 'locked' });
    throw errors.mfaLocked(reservation.retryAfter);
  }
  const attempts = await deps.challenges.takeAttempt(challenge.key, now, config.MFA_MAX_ATTEMPTS);
  countMetric(MetricNames.VerificationsFailed, { Purpose: challenge.purpose });
  logger.warn('mfa.verify.failed', {
    event: 'mfa.verify.failed',
    reason: 'wrong-code',
    attempt: attempts,
    failures: reservation.failures,
    ...log,
  });
  if (reservation.failures >= config.MFA_MAX_CONSECUTIVE_FAILURES) {
    // Only the request whose reservation reached the limit sets the lock and reports it.
    if (await deps.failures.lock(challenge.userId, now)) {
      logger.warn('mfa.locked', {
        event: 'mfa.locked',
        userId: challenge.userId,
        lockSeconds: config.MFA_LOCK_SECONDS,
      });
      countMetric(MetricNames.UsersLocked);
      await recordAudit(deps, {
        type: 'mfa.user.locked',
        accountId: challenge.accountId,
        actor: 'system',
        details: { userId: challenge.userId, lockSeconds: config.MFA_LOCK_SECONDS },
      });
    }
    throw errors.mfaLocked(config.MFA_LOCK_SECONDS);
  }
  // The challenge changed in between (used, expired, or its attempts went to racing requests).
  // Stryker disable next-line StringLiteral: a refused attempt leaves the challenge dead or spent, answered before the step matters
  if (attempts === undefined) throw await explainRefusal(deps, challenge.key, now, 'verify', gone);
  const attemptsRemaining = Math.max(0, config.MFA_MAX_ATTEMPTS - attempts);
  if (attemptsRemaining === 0) countMetric(MetricNames.ChallengesExhausted, { Purpose: challenge.purpose });
  if (attemptsRemaining === 0) throw errors.tooManyAttempts();
  throw errors.invalidCode(attemptsRemaining);
}
