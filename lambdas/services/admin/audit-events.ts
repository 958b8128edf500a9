import { BadCursorError } from '../../adapters/audit-log';
import { errors } from '../../domain/errors';
import { canAdministerAccount } from '../../domain/mfa-policy';
import type { Caller } from '../../http/caller';
import type { Needs } from '../deps';

const PAGE_SIZE = 25;

/** An admin reads their own account's events, newest first, a page at a time. */
export async function listAuditEvents(
  deps: Needs<'audit'>,
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
      throw errors.validation('The cursor is not valid; start from the first page.', [
        { field: 'cursor', problem: 'The cursor is not valid; start from the first page.' },
      ]);
    throw error;
  }
}
