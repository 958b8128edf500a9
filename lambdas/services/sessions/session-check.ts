import type { IdTokenClaims } from '../../adapters/token-verifier';
import { type SessionRefusal, sessionRefusal } from '../../domain/session-validity';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import type { Needs } from '../deps';

export type SessionCheck =
  | { readonly allowed: true; readonly claims: IdTokenClaims }
  | { readonly allowed: false; readonly reason: 'invalid-token' | SessionRefusal };

/**
 * The one check behind every user and admin route (the authorizer) and the refresh route: a valid id
 * token of the pool, whose session is not revoked (one consistent read of the user, the account and the
 * session's logout mark). A refusal is counted and logged with its reason, never with the token.
 */
export async function checkSession(
  deps: Needs<'verifyToken' | 'sessions'>,
  idToken: string,
  where: 'authorizer' | 'refresh',
): Promise<SessionCheck> {
  const claims = await deps.verifyToken(idToken);
  if (!claims) return refuse('invalid-token', where);
  const state = await deps.sessions.state({
    userId: claims.sub,
    accountId: claims.accountId,
    sessionId: claims.sessionId,
  });
  const reason = sessionRefusal(
    { authTime: claims.authTime, sessionId: claims.sessionId, userMfaRequired: claims.userMfaRequired },
    state,
  );
  if (reason) return refuse(reason, where, claims.sub);
  return { allowed: true, claims };
}

function refuse(
  reason: 'invalid-token' | SessionRefusal,
  where: 'authorizer' | 'refresh',
  userId?: string,
): SessionCheck {
  // An invalid token is everyday noise (expired tokens); a revoked session is worth a line.
  if (reason !== 'invalid-token') {
    logger.info('session.refused', { event: 'session.refused', reason, where, userId });
  }
  countMetric(MetricNames.SessionsRefused, { Reason: reason });
  return { allowed: false, reason };
}
