import type { Challenge } from '../../adapters/challenge-store';
import { errors } from '../../domain/errors';
import { challengeDigest, digestsMatch } from '../../domain/one-time-code';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { assertNotLocked, explainRefusal, type Gone } from './challenge-refusal';

/**
 * Checks a code against a live challenge, for sign-in and phone validation alike. An attempt is taken
 * atomically before the code is compared (parallel guesses cannot exceed the limit); the right code is
 * settled by one conditional write (`settle`), which only one request can win; a wrong code counts
 * against the user's consecutive failures, shared by every purpose.
 */
export async function checkCode<T>(
  deps: Needs<'challenges' | 'failures' | 'keys' | 'audit'>,
  challenge: Challenge,
  code: string,
  now: number,
  gone: Gone,
  settle: (digest: string) => Promise<T | undefined>,
): Promise<T> {
  const { config } = deps;
  await assertNotLocked(deps, challenge.userId, now);
  const attempt = await deps.challenges.takeAttempt(challenge.key, now, config.MFA_MAX_ATTEMPTS);
  if (!attempt) throw await explainRefusal(deps, challenge.key, now, 'verify', gone);

  const keys = await deps.keys();
  const digest = challengeDigest(keys.hmacKey, challenge, code);
  const log = { userId: challenge.userId, purpose: challenge.purpose, attempt: attempt.attempts };
  if (digestsMatch(attempt.codeDigest, digest)) {
    const settled = await settle(digest);
    if (settled !== undefined) {
      await deps.failures.reset(challenge.userId, now);
      logger.info('mfa.verify.succeeded', { event: 'mfa.verify.succeeded', ...log });
      countMetric(MetricNames.VerificationsSucceeded, {
        Channel: challenge.channel,
        Purpose: challenge.purpose,
      });
      return settled;
    }
    // The right code lost a race (another request used it, or a resend replaced it): not a wrong guess.
    throw await explainRefusal(deps, challenge.key, now, 'verify', gone);
  }

  const failure = await deps.failures.recordFailure(challenge.userId, now);
  const attemptsRemaining = Math.max(0, config.MFA_MAX_ATTEMPTS - attempt.attempts);
  logger.warn('mfa.verify.failed', {
    event: 'mfa.verify.failed',
    reason: 'wrong-code',
    attemptsRemaining,
    ...log,
  });
  countMetric(MetricNames.VerificationsFailed, { Purpose: challenge.purpose });
  if (attemptsRemaining === 0) countMetric(MetricNames.ChallengesExhausted, { Purpose: challenge.purpose });
  if (failure.locked) {
    logger.warn('mfa.locked', {
      event: 'mfa.locked',
      userId: challenge.userId,
      lockSeconds: failure.retryAfter,
    });
    // Only the request that reached the limit reports the lock (later ones meet an existing lock).
    if (failure.failures === config.MFA_MAX_CONSECUTIVE_FAILURES) {
      countMetric(MetricNames.UsersLocked);
      await recordAudit(deps, {
        type: 'mfa.user.locked',
        accountId: challenge.accountId,
        actor: 'system',
        details: { userId: challenge.userId, lockSeconds: failure.retryAfter },
      });
    }
    throw errors.mfaLocked(failure.retryAfter);
  }
  if (attemptsRemaining === 0) throw errors.tooManyAttempts();
  throw errors.invalidCode(attemptsRemaining);
}
