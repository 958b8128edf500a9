import type { ChallengePurpose } from '../../adapters/challenge-store';
import { DeliveryError } from '../../adapters/delivery-error';
import type { UserProfile } from '../../adapters/identity';
import { errors } from '../../domain/errors';
import { resolveLocale } from '../../domain/locale';
import { maskDestination } from '../../domain/masking';
import { messagesFor } from '../../domain/messages';
import type { MfaChannel } from '../../domain/mfa-policy';
import { challengeDigest, generateCode } from '../../domain/one-time-code';
import { phoneCountry } from '../../domain/phone';
import { hashId, newOpaqueId, seal } from '../../domain/secrets';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import type { Deps, Needs } from '../deps';
import { assertNotLocked } from './challenge-refusal';

/** The senders a route wired; a code goes only by a channel the route can send on. */
export type Senders = Needs & Partial<Pick<Deps, 'sms' | 'email'>>;

export interface CodeDelivery {
  readonly purpose: ChallengePurpose;
  readonly channel: MfaChannel;
  readonly destination: string;
  readonly locale: string | undefined;
  readonly code: string;
}

/** Sends a sign-in code in the user's language; a refusal by SNS or SES becomes 502 DELIVERY_FAILED. */
export async function deliverCode(deps: Senders, delivery: CodeDelivery): Promise<void> {
  const catalogue = messagesFor(resolveLocale(delivery.locale));
  const input = {
    product: deps.config.PRODUCT_NAME,
    code: delivery.code,
    minutes: Math.round(deps.config.MFA_CODE_TTL_SECONDS / 60),
  };
  try {
    if (delivery.channel === 'sms') {
      if (!deps.sms) throw new Error('this route cannot send SMS');
      await deps.sms.sendSms(delivery.destination, catalogue.loginCodeSms(input));
    } else {
      if (!deps.email) throw new Error('this route cannot send email');
      await deps.email.sendEmail(delivery.destination, catalogue.loginCodeEmail(input));
    }
    countMetric(MetricNames.CodesSent, { Channel: delivery.channel, Purpose: delivery.purpose });
    if (delivery.channel === 'sms') {
      countMetric(MetricNames.SmsSentByCountry, { Country: phoneCountry(delivery.destination) });
    }
    logger.info('mfa.code.sent', {
      event: 'mfa.code.sent',
      purpose: delivery.purpose,
      channel: delivery.channel,
      destination: maskDestination(delivery.channel, delivery.destination),
    });
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    countMetric(MetricNames.DeliveryFailures, { Channel: delivery.channel });
    logger.error('mfa.code.delivery_failed', {
      event: 'mfa.code.delivery_failed',
      channel: delivery.channel,
      destination: maskDestination(delivery.channel, delivery.destination),
      reason: error.message,
    });
    throw errors.deliveryFailed();
  }
}

/** Answers TOO_MANY_SENDS when this destination already had its hourly share of codes. */
export async function takeDestinationSend(
  deps: Needs<'sendLimiter'>,
  destination: string,
  now: number,
): Promise<void> {
  const slot = await deps.sendLimiter.take(destination, now);
  if (!slot.admitted) {
    logger.warn('mfa.rate_limited', { event: 'mfa.rate_limited', reason: 'destination-hourly' });
    countMetric(MetricNames.RateLimited, { Reason: 'destination-hourly' });
    throw errors.tooManySends(slot.retryAfter);
  }
}

export interface NewChallengeFor {
  readonly purpose: ChallengePurpose;
  readonly user: UserProfile;
  readonly channel: MfaChannel;
  readonly destination: string;
  /** Sign-in only: Cognito's tokens, sealed into the challenge until the code is verified. */
  readonly tokens?: unknown;
}

/**
 * Starts a challenge: checks the user's lock and the destination's hourly cap, stores a fresh code as its
 * HMAC, and sends it. Returns the opaque id the caller holds (a sign-in session or a validation id); the
 * table only ever sees its hash. A code that could not be delivered is removed again.
 */
export async function issueChallenge(
  deps: Needs<'challenges' | 'failures' | 'sendLimiter' | 'keys'> & Senders,
  request: NewChallengeFor,
  now: number,
): Promise<string> {
  const { config } = deps;
  const { user, purpose, channel, destination } = request;
  // Every later line of this request names the user (reset per request by the logger middleware).
  logger.appendKeys({ userId: user.userId });
  await assertNotLocked(deps, user.userId, now);
  await takeDestinationSend(deps, destination, now);
  const id = newOpaqueId();
  const key = hashId(id);
  const keys = await deps.keys();
  const code = generateCode(config.MFA_CODE_LENGTH);
  await deps.challenges.create({
    key,
    purpose,
    userId: user.userId,
    username: user.username,
    accountId: user.accountId,
    locale: user.locale ?? 'en',
    channel,
    destination,
    codeDigest: challengeDigest(keys.hmacKey, { key, purpose }, code),
    lastSentAt: now,
    expiresAt: now + config.MFA_CODE_TTL_SECONDS,
    createdAt: now,
    sealedTokens:
      request.tokens === undefined ? undefined : seal(keys.sealKey, JSON.stringify(request.tokens), key),
  });
  try {
    await deliverCode(deps, { purpose, channel, destination, locale: user.locale, code });
  } catch (error) {
    await deps.challenges.delete(key);
    throw error;
  }
  logger.info('mfa.challenge.started', {
    event: 'mfa.challenge.started',
    userId: user.userId,
    purpose,
    channel,
  });
  return id;
}
