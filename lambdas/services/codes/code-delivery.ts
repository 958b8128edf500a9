import type { ChallengePurpose } from '../../adapters/challenge-store';
import { DeliveryError } from '../../adapters/delivery-error';
import { regionOfNumber } from '../../domain/calling-codes';
import { resolveLocale } from '../../domain/locale';
import { maskDestination } from '../../domain/masking';
import { messagesFor } from '../../domain/messages';
import type { MfaChannel } from '../../domain/mfa-policy';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import type { Deps, Needs } from '../deps';

/** The senders a route wired, for the channels its codes may take. */
export type Senders = Needs & Partial<Pick<Deps, 'sms' | 'email'>>;

export interface CodeDelivery {
  readonly purpose: ChallengePurpose;
  readonly channel: MfaChannel;
  readonly destination: string;
  readonly locale: string | undefined;
  readonly code: string;
}

/**
 * Sends a code in the user's language, worded for its purpose (a sign-in code, or the code that confirms
 * a new phone). A refusal by SNS or SES is logged with the provider, its error name and request id (never
 * the text, the code or the full destination) and rethrown as the `DeliveryError` it is.
 */
export async function sendCode(deps: Senders, delivery: CodeDelivery): Promise<void> {
  const catalogue = messagesFor(resolveLocale(delivery.locale));
  const input = {
    product: deps.config.PRODUCT_NAME,
    code: delivery.code,
    minutes: Math.round(deps.config.MFA_CODE_TTL_SECONDS / 60),
  };
  const masked = maskDestination(delivery.channel, delivery.destination);
  try {
    if (delivery.channel === 'sms') {
      if (!deps.sms) throw new Error('this route cannot send SMS');
      const text =
        delivery.purpose === 'login' ? catalogue.loginCodeSms(input) : catalogue.phoneCodeSms(input);
      await deps.sms.sendSms(delivery.destination, text);
      countMetric(MetricNames.SmsSentByCountry, { Country: regionOfNumber(delivery.destination) });
    } else {
      if (!deps.email) throw new Error('this route cannot send email');
      await deps.email.sendEmail(delivery.destination, catalogue.loginCodeEmail(input));
    }
  } catch (error) {
    if (error instanceof DeliveryError) {
      countMetric(MetricNames.DeliveryFailures, { Channel: delivery.channel });
      logger.error('mfa.code.delivery_failed', {
        event: 'mfa.code.delivery_failed',
        purpose: delivery.purpose,
        channel: delivery.channel,
        destination: masked,
        provider: error.provider,
        providerError: error.errorName,
        providerRequestId: error.requestId,
      });
    }
    throw error;
  }
  countMetric(MetricNames.CodesSent, { Channel: delivery.channel, Purpose: delivery.purpose });
  logger.info('mfa.code.sent', {
    event: 'mfa.code.sent',
    purpose: delivery.purpose,
    channel: delivery.channel,
    destination: masked,
  });
}
