import type { AuditEventType } from '../../adapters/audit-log';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, type FACTOR_CHANGES, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';

type FactorChange = (typeof FACTOR_CHANGES)[number];

/**
 * A change the caller made to their own second factors, said once to each audience with the same
 * details: the log line, the FactorChanges metric (one count per change it makes) and the audit trail.
 */
export async function recordFactorChange(
  deps: Needs<'audit'>,
  caller: Caller,
  type: AuditEventType,
  details: Record<string, string | number | boolean>,
  changes: readonly FactorChange[] = [],
): Promise<void> {
  logger.info(type, { event: type, userId: caller.userId, ...details });
  for (const [method, change] of changes)
    countMetric(MetricNames.FactorChanges, { Method: method, Change: change });
  await recordAudit(deps, {
    type,
    accountId: caller.accountId,
    actor: caller.email,
    details: { userId: caller.userId, ...details },
  });
}
