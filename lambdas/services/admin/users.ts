import { BadIndexCursorError } from '../../adapters/account-index';
import type { Account } from '../../adapters/account-store';
import type { UserProfile } from '../../adapters/identity';
import type { UserRecord } from '../../adapters/user-store';
import { accountMessagesFor } from '../../domain/account-messages';
import { ApiError, errors } from '../../domain/errors';
import { resolveLocale } from '../../domain/locale';
import { maskPhone } from '../../domain/masking';
import { canAdministerAccount } from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { type AdminAction, countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { type MfaView, mfaView } from '../mfa-view';
import { revokeSessions } from '../sessions/revocation';

export const userErrors = {
  notFound: () => new ApiError(404, 'USER_NOT_FOUND', 'There is no such user in this account.'),
  lastAdmin: () =>
    new ApiError(
      409,
      'LAST_ADMIN',
      'This would leave the account without an active admin. Make another user an admin first.',
    ),
};

/** `User` of design §4.1. */
export interface UserView {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'admin' | 'member';
  readonly status: 'active' | 'disabled';
  readonly locale: string;
  readonly createdAt: string | null;
  readonly mfa: MfaView;
}

type ViewDeps = Needs<'identity' | 'users' | 'accounts' | 'failures' | 'factors'>;

const PAGE_SIZE = 25;
/** Cognito reads of one page run this many at a time (AdminGetUser has a per-account rate quota). */
const READ_CONCURRENCY = 8;

function adminOf(caller: Caller | undefined, accountId: string): Caller {
  if (!caller || !canAdministerAccount(caller, accountId)) throw errors.forbidden();
  return caller;
}

/** A user id as Cognito hands them out; anything else is no user of ours. */
const isUserIdShape = (userId: string) => /^[\w.@+-]{1,128}$/.test(userId);

async function toView(
  deps: ViewDeps,
  profile: UserProfile,
  record: UserRecord,
  account: Account | undefined,
): Promise<UserView> {
  const createdAt =
    record.createdAt !== undefined
      ? new Date(record.createdAt * 1000).toISOString()
      : (profile.createdAt ?? null);
  return {
    userId: profile.userId,
    email: profile.email,
    name: profile.name,
    role: profile.role ?? 'member',
    status: record.status,
    locale: resolveLocale(profile.locale),
    createdAt,
    mfa: await mfaView(deps, profile, record, account),
  };
}

/** The user, if they belong to this account; a user of another account is not found (never forbidden). */
async function accountUser(deps: ViewDeps, accountId: string, userId: string) {
  if (!isUserIdShape(userId)) throw userErrors.notFound();
  const profile = await deps.identity.getUser(userId);
  if (!profile || profile.accountId !== accountId || profile.userId !== userId) throw userErrors.notFound();
  const record = await deps.users.get(profile.userId);
  return { profile, record };
}

async function viewOf(deps: ViewDeps, accountId: string, userId: string): Promise<UserView> {
  const { profile, record } = await accountUser(deps, accountId, userId);
  return toView(deps, profile, record, await deps.accounts.get(accountId));
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}

export async function listUsers(
  deps: ViewDeps,
  caller: Caller | undefined,
  accountId: string,
  cursor?: string,
): Promise<{ users: UserView[]; nextCursor: string | null }> {
  adminOf(caller, accountId);
  let page: Awaited<ReturnType<ViewDeps['users']['listByAccount']>>;
  try {
    page = await deps.users.listByAccount(accountId, { limit: PAGE_SIZE, cursor: cursor || undefined });
  } catch (error) {
    if (error instanceof BadIndexCursorError)
      throw errors.validation('The cursor is not valid; start from the first page.');
    throw error;
  }
  const account = await deps.accounts.get(accountId);
  const views = await inBatches(page.items, READ_CONCURRENCY, async (item) => {
    const userId = String(item.userId ?? '');
    const profile = isUserIdShape(userId) ? await deps.identity.getUser(userId) : undefined;
    // A user deleted from the pool, or moved, is left out (the index catches up).
    if (!profile || profile.accountId !== accountId) return undefined;
    return toView(deps, profile, deps.users.fromItem(userId, item), account);
  });
  return { users: views.filter((v): v is UserView => v !== undefined), nextCursor: page.nextCursor };
}

export async function getUser(
  deps: ViewDeps,
  caller: Caller | undefined,
  accountId: string,
  userId: string,
): Promise<UserView> {
  adminOf(caller, accountId);
  return viewOf(deps, accountId, userId);
}

function adminActed(action: AdminAction, admin: Caller, userId: string, accountId: string): void {
  countMetric(MetricNames.AdminActions, { Action: action });
  logger.info('admin.action', { event: 'admin.action', action, accountId, userId, by: admin.userId });
}

/**
 * Changes a user's role or turns their access off or on. The account's active admins are a set on the
 * account item: taking someone out of it (a demotion or disabling of an admin) is one conditional write
 * that refuses to empty it, so two admins demoting each other at once leave one admin. A role change, a
 * disabling and an enabling end the user's sessions.
 */
export async function updateUser(
  deps: ViewDeps & Needs<'audit'>,
  caller: Caller | undefined,
  accountId: string,
  userId: string,
  change: { role?: 'admin' | 'member'; disabled?: boolean },
): Promise<UserView> {
  const admin = adminOf(caller, accountId);
  const { profile, record } = await accountUser(deps, accountId, userId);
  const role = profile.role ?? 'member';
  const status = record.status;
  const nextRole = change.role ?? role;
  const nextStatus = change.disabled === undefined ? status : change.disabled ? 'disabled' : 'active';
  const roleChanged = nextRole !== role;
  const statusChanged = nextStatus !== status;
  const wasActiveAdmin = role === 'admin' && status === 'active';
  const isActiveAdmin = nextRole === 'admin' && nextStatus === 'active';

  if (wasActiveAdmin && !isActiveAdmin) {
    // Not in the set: a racing request took them out a moment ago, or they were never listed. Either way
    // nothing proves another active admin remains, so refuse rather than guess.
    const removal = await deps.accounts.removeActiveAdmin(accountId, userId);
    if (removal !== 'removed') throw userErrors.lastAdmin();
  }
  try {
    if (roleChanged) await deps.identity.setRole(profile.username, nextRole);
    if (statusChanged) await deps.users.setStatus(userId, nextStatus);
  } catch (error) {
    // Put the admin back in the set (it only ever holds active admins), then fail.
    if (wasActiveAdmin && !isActiveAdmin) await deps.accounts.addActiveAdmin(accountId, userId);
    throw error;
  }
  if (isActiveAdmin && !wasActiveAdmin) await deps.accounts.addActiveAdmin(accountId, userId);

  if (roleChanged) {
    await recordAudit(deps, {
      type: 'user.role.changed',
      accountId,
      actor: admin.email,
      details: { userId, from: role, to: nextRole },
    });
    adminActed('role-change', admin, userId, accountId);
  }
  if (statusChanged) {
    await recordAudit(deps, {
      type: nextStatus === 'disabled' ? 'user.disabled' : 'user.enabled',
      accountId,
      actor: admin.email,
      details: { userId },
    });
    adminActed(nextStatus === 'disabled' ? 'disable' : 'enable', admin, userId, accountId);
  }
  // Enabling ends sessions too: none begun while the user was disabled may open a route afterwards.
  if (statusChanged) await revokeSessions(deps, userId, nextStatus === 'disabled' ? 'disabled' : 'enabled');
  else if (roleChanged) await revokeSessions(deps, userId, 'role-change');
  return viewOf(deps, accountId, userId);
}

/**
 * An admin's MFA reset of a user who lost their phone or factors: every second factor is removed (see
 * domain/user-factors.ts), the lock and the sign-in send limits of their phone and email are cleared,
 * every session ends, and an email tells the user. Their next sign-in gets email codes.
 */
export async function resetUserMfa(
  deps: ViewDeps & Needs<'audit' | 'codeState' | 'email'>,
  caller: Caller | undefined,
  accountId: string,
  userId: string,
): Promise<UserView> {
  const admin = adminOf(caller, accountId);
  const { profile } = await accountUser(deps, accountId, userId);
  await deps.identity.removeMfaPhone(profile.username);
  await deps.users.clearFactors(userId);
  await deps.factors.clearAll(userId, epochSeconds(deps.now()));
  await deps.codeState.clear(
    userId,
    [profile.email, profile.phoneNumber].filter((d): d is string => d !== undefined && d !== ''),
  );
  await revokeSessions(deps, userId, 'mfa-reset');
  await recordAudit(deps, {
    type: 'mfa.reset',
    accountId,
    actor: admin.email,
    details: { userId, phone: profile.phoneNumber ? maskPhone(profile.phoneNumber) : 'none' },
  });
  adminActed('mfa-reset', admin, userId, accountId);
  const message = accountMessagesFor(resolveLocale(profile.locale)).mfaResetEmail({
    product: deps.config.PRODUCT_NAME,
    resetAt: deps.now(),
  });
  await deps.email.sendEmail(profile.email, message).catch((error: unknown) => {
    logger.error('mfa.reset.notice_failed', {
      event: 'mfa.reset.notice_failed',
      errorName: (error as Error)?.name,
    });
  });
  return viewOf(deps, accountId, userId);
}

/** Lifts a user's MFA lock (consecutive wrong codes) before it runs out. */
export async function unlockUser(
  deps: ViewDeps & Needs<'audit' | 'codeState'>,
  caller: Caller | undefined,
  accountId: string,
  userId: string,
): Promise<UserView> {
  const admin = adminOf(caller, accountId);
  await accountUser(deps, accountId, userId);
  await deps.codeState.unlock(userId);
  await recordAudit(deps, { type: 'mfa.user.unlocked', accountId, actor: admin.email, details: { userId } });
  adminActed('unlock', admin, userId, accountId);
  return viewOf(deps, accountId, userId);
}
