import type { IncomingMessage } from 'node:http';
import { type ApiError, errors } from '../lambdas/domain/errors';
import { readBody } from './net';
import type { OutboxMessage } from './outbox';

/**
 * The local-only routes of the gateway (never deployed):
 *   GET  /_local/outbox?to=<recipient>   every captured SMS and email, oldest first
 *   POST /_local/faults {"service":"sns"|"ses","count":N,"to"?}   the next N messages (to that recipient,
 *        when given) fail the way SNS or SES refuses them
 */
export interface LocalRoutes {
  readonly outbox?: (to?: string) => Promise<OutboxMessage[]>;
  readonly faults?: (fault: Fault) => void;
}

export interface Fault {
  readonly service: 'sns' | 'ses';
  readonly count: number;
  readonly to?: string;
}

export const MAX_FAULT_COUNT = 1000;

/**
 * The recipient filter as meant: in a query string `+` means a space, so `?to=+34612345678` arrives as
 * " 34612345678". A phone number written with a leading space or `+` is taken as the `+` it meant.
 */
export function recipientFilter(raw: string | null): string | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const phone = /^[\s+]*(\d[\d\s().-]*)$/.exec(raw);
  if (phone && /^[\s+]/.test(raw)) return `+${phone[1]!.replace(/\D/g, '')}`;
  return raw.trim();
}

/** A fault request's body as the route takes it, or the sentence that says what is wrong. */
export function parseFault(body: unknown): Fault | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'The body must be a JSON object.';
  const { service, count, to, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return `Unknown field: ${unknown}.`;
  if (service !== 'sns' && service !== 'ses') return 'The service must be "sns" or "ses".';
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_FAULT_COUNT)
    return `The count must be a whole number from 1 to ${MAX_FAULT_COUNT}.`;
  if (to !== undefined && (typeof to !== 'string' || to.trim() === ''))
    return 'The recipient (to) must be a phone number or an email address.';
  return { service, count, ...(to === undefined ? {} : { to: recipientFilter(to) }) };
}

type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

/** Answers a `/_local/...` request; false when the path is not one of these routes. */
export async function handleLocalRoute(
  req: IncomingMessage,
  url: URL,
  routes: LocalRoutes,
  reply: Reply,
  fail: (error: ApiError) => void,
): Promise<boolean> {
  const refuse = (error: ApiError) => {
    fail(error);
    return true;
  };
  if (url.pathname === '/_local/outbox') {
    if (!routes.outbox) return refuse(errors.notFound());
    if (req.method !== 'GET') return refuse(errors.methodNotAllowed(['GET']));
    reply(200, { messages: await routes.outbox(recipientFilter(url.searchParams.get('to'))) });
    return true;
  }
  if (url.pathname === '/_local/faults') {
    if (!routes.faults) return refuse(errors.notFound());
    if (req.method !== 'POST') return refuse(errors.methodNotAllowed(['POST']));
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 4096)).toString('utf8'));
    } catch {
      body = undefined;
    }
    const fault = parseFault(body);
    if (typeof fault === 'string')
      return refuse(errors.validation(fault, [{ field: '(body)', problem: fault }]));
    routes.faults(fault);
    reply(202, { armed: fault });
    return true;
  }
  return false;
}
