import type { AuditEventType } from '../adapters/audit-log';
import { logger } from '../http/logger';
import { currentOrigin } from '../http/request-context';
import type { Needs } from './deps';

/**
 * Records a lifecycle event with the request's origin. The change it describes has already happened, so
 * a failed write is logged loudly (operators alarm on it) rather than undoing the user's action.
 */
export async function recordAudit(
  deps: Needs<'audit'>,
  event: {
    type: AuditEventType;
    accountId: string | undefined;
    actor: string;
    details: Record<string, string | number | boolean>;
  },
): Promise<void> {
  if (!event.accountId) return;
  const origin = currentOrigin();
  try {
    await deps.audit.record({
      type: event.type,
      accountId: event.accountId,
      actor: event.actor,
      at: deps.now().toISOString(),
      sourceIp: origin.sourceIp,
      userAgent: origin.userAgent,
      details: event.details,
    });
  } catch (error) {
    logger.error('audit.write_failed', {
      event: 'audit.write_failed',
      type: event.type,
      errorName: (error as Error).name,
    });
  }
}
