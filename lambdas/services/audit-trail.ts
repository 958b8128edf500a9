import type { AuditEventType } from '../adapters/audit-log';
import { BadCursorError } from '../adapters/audit-log';
import { errors } from '../domain/errors';
import { canAdministerAccount } from '../domain/mfa-policy';
import type { Caller } from '../http/caller';
import { logger } from '../http/logger';
import { currentOrigin } from '../http/request-context';
import type { Deps } from './deps';

/**
 * Records a lifecycle event with the request's origin. The change it describes has already happened, so
 * a failed write is logged loudly (operators alarm on it) rather than undoing the user's action.
 */
export async function recordAudit(
  deps: Deps,
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

const PAGE_SIZE = 25;

/** An admin reads their own account's events, newest first, a page at a time. */
export async function listAuditEvents(
  deps: Deps,
  caller: Caller | undefined,
  accountId: string,
  cursor?: string,
) {
  if (!caller || !canAdministerAccount(caller, accountId)) throw errors.forbidden();
  try {
    const page = await deps.audit.list(accountId, { limit: PAGE_SIZE, cursor: cursor || undefined });
    return {
      events: page.events.map(({ type, actor, at, sourceIp, userAgent, details }) => ({
        type,
        actor,
        at,
        sourceIp,
        details: { ...details, userAgent },
      })),
      nextCursor: page.nextCursor,
    };
  } catch (error) {
    if (error instanceof BadCursorError)
      throw errors.validation('The cursor is not valid; start from the first page.');
    throw error;
  }
}
