import { errors } from '../../domain/errors';
import { type QuotaName, quotaRules } from '../../domain/quotas';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import type { Needs } from '../deps';

/** Gives a taken use back: a send that was refused or never delivered uses no quota. */
export type Release = () => Promise<void>;

/**
 * Takes one use of each quota, all or nothing: when one refuses, the uses already taken are given back
 * and the caller gets 429 TOO_MANY_SENDS naming the limit, with the wait in `retryAfter`.
 */
export async function takeQuotas(
  deps: Needs<'quotas'>,
  wanted: readonly { readonly name: QuotaName; readonly subject: string }[],
  now: number,
): Promise<Release> {
  const rules = quotaRules(deps.config);
  const taken: Release[] = [];
  let released = false;
  // Once only: undoing a failure may reach it from more than one place.
  const releaseAll: Release = async () => {
    if (released) return;
    released = true;
    await Promise.all(taken.map((release) => release()));
  };
  for (const { name, subject } of wanted) {
    const result = await deps.quotas.take(rules[name], subject, now);
    if (!result.admitted) {
      await releaseAll();
      logger.warn('mfa.rate_limited', { event: 'mfa.rate_limited', reason: name });
      countMetric(MetricNames.RateLimited, { Reason: name });
      throw errors.tooManySends(name, result.retryAfter);
    }
    taken.push(result.release);
  }
  return releaseAll;
}
