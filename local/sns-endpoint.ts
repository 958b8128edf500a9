import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen, readBody } from './net';
import {
  type FailOptions,
  FailureQueue,
  handleControlRoute,
  type OutboxMessage,
  sameRecipient,
  xmlEscape,
} from './outbox';

/**
 * A local stand-in for Amazon SNS's SMS sending: it answers the awsQuery `Action=Publish` call that
 * `@aws-sdk/client-sns` makes (PhoneNumber, Message, MessageAttributes.entry.N.*) with a real
 * PublishResponse, and records the message instead of sending it.
 *
 * Failing on demand (to prove 502 DELIVERY_FAILED): `POST <url>/_fail?count=N[&to=+34...][&status=500][&code=InternalError]`
 * makes the next N publishes (to that number, when given) answer an SNS error; or call `failNext(n, options)`.
 * See `handleControlRoute` for the other control routes (`/_messages`, `/_clear`).
 */
export interface SmsRecord extends OutboxMessage {
  readonly channel: 'sms';
  /** MessageAttributes as sent, e.g. {"AWS.SNS.SMS.SMSType": "Transactional"}. */
  readonly attributes: Record<string, string>;
}

export interface SnsEndpoint {
  readonly url: string;
  messages(to?: string): SmsRecord[];
  clear(): void;
  failNext(count: number, options?: FailOptions): void;
  close(): Promise<void>;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const E164 = /^\+[1-9]\d{1,14}$/;

function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': randomUUID() });
  res.end(xml);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  sendXml(
    res,
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code>` +
      `<Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` -> {Name: StringValue}. */
function messageAttributes(params: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; params.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const name = params.get(`MessageAttributes.entry.${n}.Name`)!;
    const value =
      params.get(`MessageAttributes.entry.${n}.Value.StringValue`) ??
      params.get(`MessageAttributes.entry.${n}.Value.BinaryValue`) ??
      '';
    attributes[name] = value;
  }
  return attributes;
}

export async function startSnsEndpoint(options: { port?: number } = {}): Promise<SnsEndpoint> {
  const records: SmsRecord[] = [];
  const failures = new FailureQueue({
    status: 500,
    code: 'InternalError',
    message: 'Local SNS stand-in: publish failed on purpose (armed with /_fail).',
  });
  const messages = (to?: string) => records.filter((r) => to === undefined || sameRecipient(r.to, to));
  const clear = () => {
    records.length = 0;
  };

  async function publish(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = new URLSearchParams((await readBody(req)).toString('utf8'));
    const action = params.get('Action');
    if (action !== 'Publish') {
      return sendError(
        res,
        400,
        'InvalidAction',
        `The local SNS stand-in only supports Publish, not ${action}.`,
      );
    }
    const phoneNumber = params.get('PhoneNumber');
    const message = params.get('Message');
    if (!phoneNumber) {
      return sendError(
        res,
        400,
        'InvalidParameter',
        'Invalid parameter: the local SNS stand-in needs PhoneNumber.',
      );
    }
    if (!E164.test(phoneNumber)) {
      return sendError(res, 400, 'InvalidParameter', 'Invalid parameter: PhoneNumber Reason: must be E.164');
    }
    if (!message) return sendError(res, 400, 'InvalidParameter', 'Invalid parameter: Empty message');
    const failure = failures.take([phoneNumber]);
    if (failure) return sendError(res, failure.status, failure.code, failure.message);
    const id = randomUUID();
    records.push({
      id,
      channel: 'sms',
      to: phoneNumber,
      body: message,
      sentAt: new Date().toISOString(),
      attributes: messageAttributes(params),
    });
    sendXml(
      res,
      200,
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${id}</MessageId></PublishResult>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }

  const server = createServer((req, res) => {
    if (handleControlRoute(req, res, { messages, clear, failures })) return;
    if (req.method === 'POST' && new URL(req.url ?? '/', 'http://local').pathname === '/') {
      publish(req, res).catch(() => {
        if (!res.headersSent) sendError(res, 500, 'InternalError', 'Local SNS stand-in failed.');
      });
      return;
    }
    sendError(res, 404, 'NotFound', 'Unknown route of the local SNS stand-in.');
  });
  const url = await listen(server, options.port ?? 0);
  return {
    url,
    messages,
    clear,
    failNext: (count, opts) => failures.arm(count, opts),
    close: () => closeServer(server),
  };
}
