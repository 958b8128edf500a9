import type { Tokens } from '../adapters/identity';
import { errors } from '../domain/errors';
import { codeDigest, digestsMatch } from '../domain/one-time-code';
import { epochSeconds } from '../domain/rate-rules';
import { hashId, unseal } from '../domain/secrets';
import { logger } from '../http/logger';
import { assertNotLocked, explainRefusal, liveChallenge } from './challenge-refusal';
import type { Deps } from './deps';

/**
 * The code step. An attempt is taken atomically before the code is compared (so parallel guesses cannot
 * exceed the limit); the right code consumes the challenge in one conditional write that also checks
 * expiry, and only that one winner gets the tokens.
 */
export async function verifyCode(deps: Deps, input: { session: string; code: string }): Promise<Tokens> {
  const { config } = deps;
  const now = epochSeconds(deps.now());
  const key = hashId(input.session);
  const challenge = await liveChallenge(deps, key, now);
  await assertNotLocked(deps, challenge.userId, now);

  const attempt = await deps.challenges.takeAttempt(key, now, config.MFA_MAX_ATTEMPTS);
  if (!attempt) throw await explainRefusal(deps, key, now, 'verify');

  const keys = await deps.keys();
  const digest = codeDigest(keys.hmacKey, key, input.code);
  const log = { userId: challenge.userId, attempt: attempt.attempts };
  if (digestsMatch(attempt.codeDigest, digest)) {
    const sealed = await deps.challenges.consume(key, digest, now);
    if (sealed) {
      await deps.failures.reset(challenge.userId, now);
      logger.info('mfa.verify.succeeded', { event: 'mfa.verify.succeeded', ...log });
      return JSON.parse(unseal(keys.sealKey, sealed, key)) as Tokens;
    }
    // The right code lost a race (another request used it, or a resend replaced it): not a wrong guess.
    throw await explainRefusal(deps, key, now, 'verify');
  }

  const failure = await deps.failures.recordFailure(challenge.userId, now);
  const attemptsRemaining = Math.max(0, config.MFA_MAX_ATTEMPTS - attempt.attempts);
  logger.warn('mfa.verify.failed', {
    event: 'mfa.verify.failed',
    reason: 'wrong-code',
    attemptsRemaining,
    ...log,
  });
  if (failure.locked) {
    logger.warn('mfa.locked', {
      event: 'mfa.locked',
      userId: challenge.userId,
      lockSeconds: failure.retryAfter,
    });
    throw errors.mfaLocked(failure.retryAfter);
  }
  if (attemptsRemaining === 0) throw errors.tooManyAttempts();
  throw errors.invalidCode(attemptsRemaining);
}
