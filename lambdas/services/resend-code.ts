import { errors } from '../domain/errors';
import { maskDestination } from '../domain/masking';
import type { MfaChannel } from '../domain/mfa-policy';
import { codeDigest, generateCode } from '../domain/one-time-code';
import { decideResend, epochSeconds } from '../domain/rate-rules';
import { hashId } from '../domain/secrets';
import { assertNotLocked, explainRefusal, liveChallenge } from './challenge-refusal';
import { deliverCode, takeDestinationSend } from './code-delivery';
import type { Deps } from './deps';

export interface ResendResult {
  channel: MfaChannel;
  destination: string;
  expiresIn: number;
  resendAvailableIn: number;
}

/** "Resend code": a new code for the same session; every earlier code of the session stops working. */
export async function resendCode(deps: Deps, input: { session: string }): Promise<ResendResult> {
  const { config } = deps;
  const now = epochSeconds(deps.now());
  const key = hashId(input.session);
  const challenge = await liveChallenge(deps, key, now);
  await assertNotLocked(deps, challenge.userId, now);
  if (challenge.attempts >= config.MFA_MAX_ATTEMPTS) throw errors.tooManyAttempts();
  const limits = {
    cooldownSeconds: config.MFA_RESEND_COOLDOWN_SECONDS,
    maxSends: config.MFA_MAX_SENDS_PER_CHALLENGE,
  };
  const decision = decideResend(challenge, now, limits);
  if (!decision.allowed) {
    throw decision.reason === 'cooldown' ? errors.resendTooSoon(decision.retryAfter) : errors.tooManySends();
  }
  await takeDestinationSend(deps, challenge.destination, now);

  const keys = await deps.keys();
  const code = generateCode(config.MFA_CODE_LENGTH);
  const digest = codeDigest(keys.hmacKey, key, code);
  const replaced = await deps.challenges.replaceCode(
    key,
    { codeDigest: digest, now, expiresAt: now + config.MFA_CODE_TTL_SECONDS },
    { ...limits, maxAttempts: config.MFA_MAX_ATTEMPTS },
  );
  if (!replaced) throw await explainRefusal(deps, key, now, 'resend');
  try {
    await deliverCode(deps, {
      channel: challenge.channel,
      destination: challenge.destination,
      locale: challenge.locale,
      code,
    });
  } catch (error) {
    await deps.challenges.discardCode(key, digest);
    throw error;
  }
  return {
    channel: challenge.channel,
    destination: maskDestination(challenge.channel, challenge.destination),
    expiresIn: config.MFA_CODE_TTL_SECONDS,
    resendAvailableIn: config.MFA_RESEND_COOLDOWN_SECONDS,
  };
}
