import { revocationStamp, untilStamp } from '../../domain/session-validity';
import { logger } from '../../http/logger';
import { countMetric, MetricNames, type SessionRevocationReason } from '../../http/metrics';
import type { Needs } from '../deps';

/**
 * Voids every session of a user begun up to now (except `keep`, the caller's own session when it changed
 * its password): their id tokens stop opening routes at the authorizer's next check (API Gateway reuses
 * an answer for at most its cache time) and their refresh tokens stop minting usable tokens at once.
 * Returns once the stamp's second has begun, so a sign-in made after the answer is never caught by it.
 */
export async function revokeSessions(
  deps: Needs<'users'>,
  userId: string,
  reason: SessionRevocationReason,
  options: { keep?: string } = {},
): Promise<void> {
  const stamp = revocationStamp(deps.now());
  await deps.users.revokeSessions(userId, stamp, options.keep);
  countMetric(MetricNames.SessionsRevoked, { Reason: reason });
  logger.info('session.revoked', {
    event: 'session.revoked',
    userId,
    reason,
    keptOne: options.keep !== undefined,
  });
  await pause(untilStamp(stamp, deps.now()));
}

export const pause = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
