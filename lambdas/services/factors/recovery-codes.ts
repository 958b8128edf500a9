import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import type { Needs } from '../deps';
import { assertRecentSignIn, signedInCaller } from '../sessions/recent-sign-in';
import { recordFactorChange } from './factor-change';
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
  await recordFactorChange(deps, caller, 'mfa.recovery_codes.generated', { count: recoveryCodes.length }, [
    ['recovery_codes', 'added'],
  ]);
  await notifyFactorChange(deps, 'recoveryCodesGenerated', { email: caller.email, locale: caller.locale });
  return { recoveryCodes };
}
