import type { RefreshedTokens } from '../../adapters/identity';
import { ApiError } from '../../domain/errors';
import { logger } from '../../http/logger';
import type { Needs } from '../deps';
import { checkSession } from '../sessions/session-check';

export const refreshErrors = {
  invalid: () =>
    new ApiError(
      401,
      'REFRESH_TOKEN_INVALID',
      'This refresh token is unknown, expired or revoked. Sign in again.',
    ),
};

/**
 * New tokens for a refresh token. Cognito refuses unknown, expired and revoked refresh tokens; the service
 * then applies its own revocation check to what Cognito minted (the new id token keeps the session's
 * sign-in time), so a session ended by a logout everywhere, a password reset or change, an MFA reset, a
 * role change or disabling cannot be extended, whatever Cognito knows.
 */
export async function refreshTokens(
  deps: Needs<'identity' | 'verifyToken' | 'sessions'>,
  input: { refreshToken: string },
): Promise<{ status: 'AUTHENTICATED'; tokens: RefreshedTokens }> {
  const refreshed = await deps.identity.refresh(input.refreshToken);
  if (!refreshed.ok) throw refreshErrors.invalid();
  const check = await checkSession(deps, refreshed.tokens.idToken, 'refresh');
  if (!check.allowed) {
    // Cut it at Cognito too, so it stops minting tokens at all (best effort: the check above holds anyway).
    await deps.identity.revokeRefreshToken(input.refreshToken).catch((error: unknown) => {
      logger.warn('session.revoke_failed', {
        event: 'session.revoke_failed',
        errorName: (error as Error)?.name,
      });
    });
    throw refreshErrors.invalid();
  }
  logger.info('session.refreshed', { event: 'session.refreshed', userId: check.claims.sub });
  return { status: 'AUTHENTICATED', tokens: refreshed.tokens };
}
