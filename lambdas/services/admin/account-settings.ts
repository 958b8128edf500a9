import type { Account } from '../../adapters/account-store';
import { errors } from '../../domain/errors';
import { canAdministerAccount } from '../../domain/mfa-policy';
import { revocationStamp, untilStamp } from '../../domain/session-validity';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { pause } from '../sessions/revocation';

export interface MfaSettings {
  enabled: boolean;
  rememberDeviceDays: number;
  updatedAt: string;
  updatedBy: string;
}

const toSettings = (account: Account): MfaSettings => ({
  enabled: account.mfaEnabled,
  rememberDeviceDays: account.rememberDeviceDays,
  updatedAt: account.updatedAt,
  updatedBy: account.updatedBy,
});

/** The account id always comes from the caller's token: an admin of another account gets 403. */
function assertAdminOf(caller: Caller | undefined, accountId: string): Caller {
  if (!caller || !canAdministerAccount(caller, accountId)) throw errors.forbidden();
  return caller;
}

export async function getMfaSettings(
  deps: Needs<'accounts'>,
  caller: Caller | undefined,
  accountId: string,
): Promise<MfaSettings> {
  assertAdminOf(caller, accountId);
  const account = await deps.accounts.get(accountId);
  if (!account) throw errors.forbidden();
  return toSettings(account);
}

/**
 * Turns the account's MFA requirement on or off. Turning it on ends every session that began without a
 * code: those of users who did not need one until now. They sign in again, with a code. The admin's own
 * session goes on (they are at the switch, and may go on inviting); their next sign-in needs a code.
 */
export async function setMfaSettings(
  deps: Needs<'accounts' | 'audit'>,
  caller: Caller | undefined,
  accountId: string,
  change: { enabled?: boolean; rememberDeviceDays?: number },
): Promise<MfaSettings> {
  const admin = assertAdminOf(caller, accountId);
  const now = deps.now();
  const stamp = revocationStamp(now);
  const result = await deps.accounts.setMfaSetting(accountId, {
    ...change,
    by: admin.email,
    at: now,
    sessionsValidAfter: stamp,
    ...(admin.sessionId ? { keptSession: admin.sessionId } : {}),
  });
  if (!result) throw errors.forbidden();
  const details = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Record<
    string,
    number | boolean
  >;
  logger.info('account.mfa.changed', {
    event: 'account.mfa.changed',
    accountId,
    ...details,
    by: admin.userId,
    sessionsEnded: result.turnedOn,
  });
  await recordAudit(deps, {
    type: 'mfa.setting.changed',
    accountId,
    actor: admin.email,
    details: { ...details, ...(result.turnedOn ? { sessionsWithoutMfaEnded: true } : {}) },
  });
  if (result.turnedOn) {
    countMetric(MetricNames.SessionsRevoked, { Reason: 'mfa-turned-on' });
    await pause(untilStamp(stamp, deps.now()));
  }
  return toSettings(result.account);
}
