import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import sesServer from 'aws-ses-v2-local';
import { clearStore, type Email, getStoreReadonly } from 'aws-ses-v2-local/dist/store';
import { closeServer, LOOPBACK, listen, readBody } from './net';
import {
  type FailOptions,
  FailureQueue,
  type FailureRule,
  handleControlRoute,
  type OutboxMessage,
  sameRecipient,
  xmlEscape,
} from './outbox';

/**
 * Amazon SES stand-in: `aws-ses-v2-local` runs in-process on a private loopback port, behind a thin front
 * server (the URL the SDK and tests use) that adds what the package lacks:
 *   - failing on demand: `POST <url>/_fail?count=N[&to=<email>][&status=400][&code=MessageRejected]`
 *     makes the next N sends (to that address, when given) answer an SES error (or call `failNext`);
 *   - `GET <url>/_messages?to=` with the captured mail as outbox messages (millisecond `sentAt`);
 *   - `POST <url>/_clear`.
 * Everything else (SendEmail v1 and v2, `GET /store`, `POST /clear-store`) goes to aws-ses-v2-local.
 *
 * aws-ses-v2-local keeps its store in a module-level variable: one SES stand-in per process.
 */
export interface SesEndpoint {
  readonly url: string;
  messages(to?: string): OutboxMessage[];
  clear(): void;
  failNext(count: number, options?: FailOptions): void;
  close(): Promise<void>;
}

const MAX_BODY = 30 * 1024 * 1024;

/** Text body, else the HTML with its tags stripped. */
export function emailText(email: Pick<Email, 'body'>): string {
  if (email.body.text) return email.body.text;
  return (email.body.html ?? '')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Recipients of a send request (awsQuery v1 form or v2 JSON), to match `to`-filtered failures. */
function recipientsOf(path: string, body: Buffer, contentType: string): string[] | undefined {
  const text = body.toString('utf8');
  if (path === '/' && /x-www-form-urlencoded/i.test(contentType)) {
    const params = new URLSearchParams(text);
    const action = params.get('Action');
    if (action !== 'SendEmail' && action !== 'SendRawEmail' && action !== 'SendTemplatedEmail')
      return undefined;
    return [...params.entries()]
      .filter(([k]) => /^Destinations?(\.(To|Cc|Bcc)Addresses)?\.member\.\d+$/.test(k))
      .map(([, v]) => v);
  }
  if (path.startsWith('/v2/email/outbound-')) {
    try {
      const json = JSON.parse(text) as { Destination?: Record<string, string[]> };
      const d = json.Destination ?? {};
      return [...(d.ToAddresses ?? []), ...(d.CcAddresses ?? []), ...(d.BccAddresses ?? [])];
    } catch {
      return [];
    }
  }
  return undefined;
}

function sendFailure(res: ServerResponse, path: string, failure: FailureRule): void {
  const requestId = randomUUID();
  if (path === '/') {
    const type = failure.status >= 500 ? 'Receiver' : 'Sender';
    res.writeHead(failure.status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });
    res.end(
      `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${type}</Type>` +
        `<Code>${xmlEscape(failure.code)}</Code><Message>${xmlEscape(failure.message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  } else {
    res.writeHead(failure.status, {
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': failure.code,
      'x-amzn-RequestId': requestId,
    });
    res.end(JSON.stringify({ message: failure.message }));
  }
}

export async function startSesEndpoint(options: { port?: number } = {}): Promise<SesEndpoint> {
  const inner = await sesServer({ host: LOOPBACK, port: 0 });
  const innerAddress = inner.address();
  if (!innerAddress || typeof innerAddress === 'string')
    throw new Error('aws-ses-v2-local has no TCP address');
  const innerPort = innerAddress.port;

  const failures = new FailureQueue({
    status: 400,
    code: 'MessageRejected',
    message: 'Local SES stand-in: message rejected on purpose (armed with /_fail).',
  });
  /** messageId -> epoch ms the front server saw the send succeed (the store only keeps seconds). */
  const sentAt = new Map<string, number>();
  const stamp = () => {
    const now = Date.now();
    for (const email of getStoreReadonly().emails)
      if (!sentAt.has(email.messageId)) sentAt.set(email.messageId, now);
  };

  const messages = (to?: string): OutboxMessage[] =>
    getStoreReadonly().emails.flatMap((email) => {
      const recipients = [...email.destination.to, ...email.destination.cc, ...email.destination.bcc];
      return recipients
        .filter((r) => to === undefined || sameRecipient(r, to))
        .map((recipient, i) => ({
          id: i === 0 ? email.messageId : `${email.messageId}#${i}`,
          channel: 'email' as const,
          to: recipient,
          subject: email.subject,
          body: emailText(email),
          sentAt: new Date(sentAt.get(email.messageId) ?? email.at * 1000).toISOString(),
        }));
    });
  const clear = () => {
    clearStore();
    sentAt.clear();
  };

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const body = await readBody(req, MAX_BODY);
    const recipients =
      req.method === 'POST' ? recipientsOf(path, body, req.headers['content-type'] ?? '') : undefined;
    if (recipients !== undefined) {
      const failure = failures.take(recipients);
      if (failure) return sendFailure(res, path, failure);
    }
    const headers = {
      ...req.headers,
      host: `${LOOPBACK}:${innerPort}`,
      'content-length': String(body.length),
    };
    delete headers['transfer-encoding'];
    await new Promise<void>((resolve, reject) => {
      const upstream = request(
        { host: LOOPBACK, port: innerPort, method: req.method, path: req.url, headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            if (recipients !== undefined && answer.statusCode === 200) stamp();
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(chunks));
            resolve();
          });
          answer.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  const front = createServer((req, res) => {
    if (handleControlRoute(req, res, { messages, clear, failures })) return;
    forward(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end('local SES stand-in failed');
    });
  });
  const url = await listen(front, options.port ?? 0);
  return {
    url,
    messages,
    clear,
    failNext: (count, opts) => failures.arm(count, opts),
    close: async () => {
      await Promise.all([closeServer(front), closeServer(inner)]);
    },
  };
}
