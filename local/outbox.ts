import type { IncomingMessage, ServerResponse } from 'node:http';

/** One captured SMS or email, as `GET /_local/outbox` returns it (docs/api.md, Local only). */
export interface OutboxMessage {
  readonly id: string;
  readonly channel: 'sms' | 'email';
  readonly to: string;
  readonly subject?: string;
  readonly body: string;
  /** ISO 8601 time the stand-in accepted the message. */
  readonly sentAt: string;
}

/** A failure armed with `POST /_fail`: the next `remaining` sends (to `to`, when given) are refused. */
export interface FailureRule {
  remaining: number;
  readonly to?: string;
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export interface FailOptions {
  /** Only sends to this recipient fail (compared case-insensitively); any recipient when omitted. */
  readonly to?: string;
  /** HTTP status of the refusal (default: 500 for SNS, 400 for SES). */
  readonly status?: number;
  /** AWS error code of the refusal (default: InternalError for SNS, MessageRejected for SES). */
  readonly code?: string;
  readonly message?: string;
}

export const sameRecipient = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase();

/** The queue of armed failures of one endpoint. */
export class FailureQueue {
  private rules: FailureRule[] = [];

  constructor(private readonly defaults: { status: number; code: string; message: string }) {}

  arm(count: number, options: FailOptions = {}): void {
    if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
    if (count === 0) return;
    this.rules.push({
      remaining: count,
      to: options.to,
      status: options.status ?? this.defaults.status,
      code: options.code ?? this.defaults.code,
      message: options.message ?? this.defaults.message,
    });
  }

  /** The failure to answer a send to these recipients with, consuming one use of it; undefined = deliver. */
  take(recipients: readonly string[]): FailureRule | undefined {
    const rule = this.rules.find(
      (r) => r.remaining > 0 && (r.to === undefined || recipients.some((to) => sameRecipient(to, r.to!))),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { ...rule };
  }

  pending(): FailureRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * The control routes both outbox endpoints (SNS and SES) answer, for tests and the local gateway:
 *   GET    /_messages?to=<recipient>                    -> {"messages":[...]} oldest first
 *   POST   /_clear                                      -> 204, forgets every captured message
 *   POST   /_fail?count=N&to=<recipient>&status=&code=  -> the next N sends (to that recipient) fail
 *   GET    /_fail                                       -> the armed failures
 *   DELETE /_fail                                       -> disarms them all
 * Returns false when the request is not a control route.
 */
export function handleControlRoute(
  req: IncomingMessage,
  res: ServerResponse,
  target: {
    messages(to?: string): readonly unknown[];
    clear(): void;
    failures: FailureQueue;
  },
): boolean {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  if (url.pathname === '/_messages' && method === 'GET') {
    sendJson(res, 200, { messages: target.messages(url.searchParams.get('to') ?? undefined) });
    return true;
  }
  if (url.pathname === '/_clear' && method === 'POST') {
    target.clear();
    res.writeHead(204).end();
    return true;
  }
  if (url.pathname === '/_fail') {
    if (method === 'GET') {
      sendJson(res, 200, { pending: target.failures.pending() });
    } else if (method === 'DELETE') {
      target.failures.clear();
      res.writeHead(204).end();
    } else if (method === 'POST') {
      const q = url.searchParams;
      const count = Number(q.get('count') ?? '1');
      const status = q.has('status') ? Number(q.get('status')) : undefined;
      if (
        !Number.isInteger(count) ||
        count < 0 ||
        (status !== undefined && !(status >= 400 && status <= 599))
      ) {
        sendJson(res, 400, { message: 'count must be a non-negative integer and status a 4xx or 5xx' });
        return true;
      }
      target.failures.arm(count, {
        to: q.get('to') ?? undefined,
        status,
        code: q.get('code') ?? undefined,
        message: q.get('message') ?? undefined,
      });
      sendJson(res, 200, { pending: target.failures.pending() });
    } else {
      res.writeHead(405, { Allow: 'GET, POST, DELETE' }).end();
    }
    return true;
  }
  return false;
}

/** Oldest first; stable for equal times (each source's own order is kept). */
export function mergeOldestFirst(...lists: (readonly OutboxMessage[])[]): OutboxMessage[] {
  return lists
    .flat()
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.sentAt.localeCompare(b.m.sentAt) || a.i - b.i)
    .map(({ m }) => m);
}

export const xmlEscape = (s: string): string =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
