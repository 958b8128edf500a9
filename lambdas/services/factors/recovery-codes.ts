import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { assertRecentSignIn, signedInCaller } from '../sessions/recent-sign-in';
import { notifyFactorChange } from './notices';
import { issueRecoveryCodes } from './recovery-code-issue';

/** New recovery codes (a recent sign-in): every earlier code dies at once, and an email says so. */
export async function regenerateRecoveryCodes(
  deps: Needs<'factors' | 'keys' | 'audit' | 'email'>,
  who: Caller | undefined,
): Promise<{ recoveryCodes: string[] }> {
  const caller = signedInCaller(who);
  assertRecentSignIn(deps, caller, epochSeconds(deps.now()), 'Sign in again to make new recovery codes.');
  const recoveryCodes = await issueRecoveryCodes(deps, caller.userId);
  logger.info('mfa.recovery_codes.generated', {
    event: 'mfa.recovery_codes.generated',
    userId: caller.userId,
  });
  countMetric(MetricNames.FactorChanges, { Method: 'recovery_codes', Change: 'added' });
  await recordAudit(deps, {
    type: 'mfa.recovery_codes.generated',
    accountId: caller.accountId,
    actor: caller.email,
    details: { userId: caller.userId, count: recoveryCodes.length },
  });
  await notifyFactorChange(deps, 'recoveryCodesGenerated', { email: caller.email, locale: caller.locale });
  return { recoveryCodes };
}
