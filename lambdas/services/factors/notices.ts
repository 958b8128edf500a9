import { type FactorCatalogue, factorMessagesFor } from '../../domain/factor-messages';
import { resolveLocale } from '../../domain/locale';
import { logger } from '../../http/logger';
import type { Needs } from '../deps';

type Notice = Exclude<keyof FactorCatalogue, 'recoveryCodeUsed'>;

/**
 * Tells the user by email that a second factor changed. The change is already made, so a notice that
 * cannot be delivered is logged (operators alarm on delivery failures), not returned as an error.
 */
export async function notifyFactorChange(
  deps: Needs<'email'>,
  notice: Notice,
  to: { email: string; locale: string | undefined },
): Promise<void> {
  const message = factorMessagesFor(resolveLocale(to.locale))[notice]({
    product: deps.config.PRODUCT_NAME,
    at: deps.now(),
  });
  await send(deps, to.email, message, notice);
}

export async function notifyRecoveryCodeUsed(
  deps: Needs<'email'>,
  used: { email: string; locale: string | undefined; left: number; at: Date },
): Promise<void> {
  const message = factorMessagesFor(resolveLocale(used.locale)).recoveryCodeUsed({
    product: deps.config.PRODUCT_NAME,
    at: used.at,
    left: used.left,
  });
  await send(deps, used.email, message, 'recoveryCodeUsed');
}

async function send(
  deps: Needs<'email'>,
  to: string,
  message: { subject: string; text: string },
  notice: string,
) {
  try {
    await deps.email.sendEmail(to, message);
  } catch (error) {
    logger.error('mfa.notice_failed', {
      event: 'mfa.notice_failed',
      notice,
      errorName: (error as Error).name,
    });
  }
}
