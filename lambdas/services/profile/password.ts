import { errors } from '../../domain/errors';
import { assertPasswordAllowed } from '../../domain/password-policy';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { revokeSessions } from '../sessions/revocation';
import { notifyPasswordChanged, resetErrors } from '../sign-in/password-reset';

/**
 * A signed-in user changes their password: the current one is checked with Cognito, the new one against
 * the policy; every other session of the user ends (this one goes on), and an email tells the user.
 */
export async function changePassword(
  deps: Needs<'identity' | 'users' | 'audit' | 'email'>,
  who: Caller | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (!who) throw errors.unauthorized();
  const user = await deps.identity.getUser(who.username);
  if (!user) throw errors.unauthorized();
  assertPasswordAllowed(input.newPassword, { email: user.email, name: user.name });

  const check = await deps.identity.signIn(user.email, input.currentPassword);
  if (!check.ok) {
    logger.info('password.change.refused', { event: 'password.change.refused', userId: user.userId });
    throw errors.invalidCredentials();
  }
  // The check minted a session nobody will use: end it at once.
  await deps.identity.revokeRefreshToken(check.tokens.refreshToken).catch(() => false);

  const changed = await deps.identity.setPassword(user.username, input.newPassword);
  if (!changed.ok) throw resetErrors.weak();
  await revokeSessions(deps, user.userId, 'password-change', { keep: who.sessionId });
  countMetric(MetricNames.PasswordChanges);
  logger.info('password.changed', { event: 'password.changed', userId: user.userId });
  await recordAudit(deps, {
    type: 'password.changed',
    accountId: user.accountId,
    actor: user.email,
    details: { userId: user.userId, otherSessionsEnded: true },
  });
  await notifyPasswordChanged(deps, {
    email: user.email,
    locale: user.locale,
    at: deps.now(),
    how: 'change',
  });
}
