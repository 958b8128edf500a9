import { errors } from '../../domain/errors';
import { epochSeconds } from '../../domain/rate-rules';
import { LOGGED_OUT_MEMORY_SECONDS } from '../../domain/session-validity';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { revokeSessions } from '../sessions/revocation';

/**
 * Signing out. This session ends (its id tokens stop opening routes; the refresh token given, if any, is
 * revoked at Cognito); with `everywhere`, every session of the user ends, on every device.
 */
export async function logout(
  deps: Needs<'identity' | 'sessions' | 'users' | 'audit'>,
  who: Caller | undefined,
  input: { refreshToken?: string; everywhere?: boolean },
): Promise<void> {
  if (!who) throw errors.unauthorized();
  const now = epochSeconds(deps.now());
  if (input.refreshToken) await deps.identity.revokeRefreshToken(input.refreshToken);
  if (who.sessionId) {
    await deps.sessions.markLoggedOut(
      { sessionId: who.sessionId, userId: who.userId },
      now,
      LOGGED_OUT_MEMORY_SECONDS,
    );
  }
  if (input.everywhere) {
    await revokeSessions(deps, who.userId, 'logout-everywhere');
    await recordAudit(deps, {
      type: 'session.revoked',
      accountId: who.accountId,
      actor: who.email,
      details: { userId: who.userId, reason: 'logout-everywhere' },
    });
  }
  logger.info('session.logout', {
    event: 'session.logout',
    userId: who.userId,
    everywhere: input.everywhere === true,
  });
}
