import { DeliveryError } from '../../adapters/delivery-error';
import { errors } from '../../domain/errors';
import type { MfaChannel } from '../../domain/mfa-policy';
import { logger } from '../../http/logger';
import { sendCode } from '../codes/code-delivery';
import { type Release, takeQuotas } from '../codes/quota';
import type { Needs } from '../deps';

export type SignInDeliveryDeps = Needs<'challenges' | 'quotas' | 'users' | 'sms' | 'email'>;

export interface SignInCode {
  /** The challenge's storage key. */
  readonly key: string;
  readonly userId: string;
  readonly code: string;
  readonly digest: string;
  readonly locale: string;
  readonly channel: MfaChannel;
  readonly destination: string;
  /** The user's email: where the code goes when SNS refuses the SMS. */
  readonly email: string;
}

export interface Delivered {
  readonly channel: MfaChannel;
  readonly destination: string;
  readonly fallbackFrom?: MfaChannel;
}

/**
 * Sends a sign-in code. When SNS refuses the SMS, the same code goes by email at once (the SMS uses no
 * quota, the email uses the address's), the challenge then names email, and the user record remembers
 * that the last SMS failed (so later sign-ins may ask for email). Only when both fail does it throw
 * DELIVERY_FAILED; the caller then undoes the challenge or the new code and gives back `release`.
 */
export async function deliverSignInCode(
  deps: SignInDeliveryDeps,
  code: SignInCode,
  now: number,
  release: Release,
): Promise<{ delivered: Delivered; release: Release }> {
  const send = (channel: MfaChannel, destination: string) =>
    sendCode(deps, { purpose: 'login', channel, destination, locale: code.locale, code: code.code });
  try {
    await send(code.channel, code.destination);
    return { delivered: { channel: code.channel, destination: code.destination }, release };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    if (code.channel !== 'sms') throw errors.deliveryFailed();
  }

  await release();
  await deps.users.setSmsFailedAt(code.userId, now);
  const releaseEmail = await takeQuotas(deps, [{ name: 'sign-in-sends', subject: code.email }], now);
  try {
    if (
      !(await deps.challenges.switchChannel(code.key, code.digest, {
        channel: 'email',
        destination: code.email,
      }))
    )
      throw errors.sessionExpired();
    await send('email', code.email);
  } catch (error) {
    await releaseEmail();
    if (error instanceof DeliveryError) throw errors.deliveryFailed();
    throw error;
  }
  logger.warn('mfa.code.fallback', {
    event: 'mfa.code.fallback',
    from: 'sms',
    to: 'email',
    userId: code.userId,
  });
  return {
    delivered: { channel: 'email', destination: code.email, fallbackFrom: 'sms' },
    release: releaseEmail,
  };
}
