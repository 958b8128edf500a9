import type { Challenge } from '../../adapters/challenge-store';
import { errors } from '../../domain/errors';
import { maskDestination } from '../../domain/masking';
import type { MfaChannel } from '../../domain/mfa-policy';
import { challengeDigest, generateCode } from '../../domain/one-time-code';
import { decideResend } from '../../domain/rate-rules';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import type { Needs } from '../deps';
import { assertNotLocked, explainRefusal, type Gone, resendRefusal } from './challenge-refusal';
import { deliverCode, type Senders, takeDestinationSend } from './code-delivery';

export interface ResendResult {
  channel: MfaChannel;
  destination: string;
  expiresIn: number;
  resendAvailableIn: number;
}

/**
 * A new code for a live challenge, within its cooldown and send limits; every earlier code of the
 * challenge stops working. Shared by sign-in and phone validation.
 */
export async function sendNewCode(
  deps: Needs<'challenges' | 'failures' | 'sendLimiter' | 'keys'> & Senders,
  challenge: Challenge,
  now: number,
  gone: Gone,
): Promise<ResendResult> {
  const { config } = deps;
  logger.appendKeys({ userId: challenge.userId });
  await assertNotLocked(deps, challenge.userId, now);
  if (challenge.verifiedAt !== undefined) throw gone();
  if (challenge.attempts >= config.MFA_MAX_ATTEMPTS) throw errors.tooManyAttempts();
  const limits = {
    cooldownSeconds: config.MFA_RESEND_COOLDOWN_SECONDS,
    maxSends: config.MFA_MAX_SENDS_PER_CHALLENGE,
  };
  const decision = decideResend(challenge, now, limits);
  if (!decision.allowed) {
    countMetric(MetricNames.RateLimited, {
      Reason: decision.reason === 'cooldown' ? 'resend-cooldown' : 'sends-per-challenge',
    });
    throw resendRefusal(decision);
  }
  await takeDestinationSend(deps, challenge.destination, now);

  const keys = await deps.keys();
  const code = generateCode(config.MFA_CODE_LENGTH);
  const digest = challengeDigest(keys.hmacKey, challenge, code);
  const replaced = await deps.challenges.replaceCode(
    challenge.key,
    { codeDigest: digest, now, expiresAt: now + config.MFA_CODE_TTL_SECONDS },
    { ...limits, maxAttempts: config.MFA_MAX_ATTEMPTS },
  );
  if (!replaced) throw await explainRefusal(deps, challenge.key, now, 'resend', gone);
  try {
    await deliverCode(deps, {
      purpose: challenge.purpose,
      channel: challenge.channel,
      destination: challenge.destination,
      locale: challenge.locale,
      code,
    });
  } catch (error) {
    await deps.challenges.discardCode(challenge.key, digest);
    throw error;
  }
  countMetric(MetricNames.Resends, { Purpose: challenge.purpose });
  return {
    channel: challenge.channel,
    destination: maskDestination(challenge.channel, challenge.destination),
    expiresIn: config.MFA_CODE_TTL_SECONDS,
    resendAvailableIn: config.MFA_RESEND_COOLDOWN_SECONDS,
  };
}
