import type { Account } from '../../adapters/account-store';
import { errors } from '../../domain/errors';
import { canAdministerAccount } from '../../domain/mfa-policy';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';

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

export async function setMfaSettings(
  deps: Needs<'accounts' | 'audit'>,
  caller: Caller | undefined,
  accountId: string,
  change: { enabled?: boolean; rememberDeviceDays?: number },
): Promise<MfaSettings> {
  const admin = assertAdminOf(caller, accountId);
  const account = await deps.accounts.setMfa(accountId, change, admin.email, deps.now());
  if (!account) throw errors.forbidden();
  const details = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Record<
    string,
    number | boolean
  >;
  logger.info('account.mfa.changed', {
    event: 'account.mfa.changed',
    accountId,
    ...details,
    by: admin.userId,
  });
  await recordAudit(deps, { type: 'mfa.setting.changed', accountId, actor: admin.email, details });
  return toSettings(account);
}
