import type { OutboxMessage } from '../../local/outbox';
import type { SmsRecord } from '../../local/sns-endpoint';

export type { OutboxMessage } from '../../local/outbox';

/**
 * Reading the captured SMS and email, and making SNS / SES fail on demand, over HTTP: from a test worker
 * (stand-ins of the integration globalSetup, URLs in LOCAL_SNS_URL / LOCAL_SES_URL) or from an e2e test
 * (a spawned `npm start`, through its `GET /_local/outbox`, plus the stand-in URLs it prints).
 *
 * Failing on demand: `failNextSms(n, { to })` / `failNextEmails(n, { to })` arm the next n sends (to that
 * recipient only, when given) to fail; SNS answers 500 InternalError, SES 400 MessageRejected by default.
 * Same over plain HTTP: `POST <LOCAL_SNS_URL>/_fail?count=1[&to=+34...]`, `DELETE <url>/_fail` disarms.
 */
export interface FailOptions {
  readonly to?: string;
  readonly status?: number;
  readonly code?: string;
}

export interface OutboxReader {
  /** Every message (to `to`, when given; case-insensitive), oldest first. */
  messagesTo(to?: string): Promise<OutboxMessage[]>;
  /**
   * The one-time code (6 to 10 digits) in the newest message to `to`. Waits up to `timeoutMs` for a message
   * newer than `newerThan` (a message id) when given, else for any message.
   */
  latestCodeFor(to: string, options?: { newerThan?: string; timeoutMs?: number }): Promise<string>;
  /** The newest message to `to`, waiting as latestCodeFor does. */
  latestMessageTo(to: string, options?: { newerThan?: string; timeoutMs?: number }): Promise<OutboxMessage>;
}

export interface StandInOutbox extends OutboxReader {
  /** SMS as the SNS stand-in recorded them, with their message attributes (e.g. AWS.SNS.SMS.SMSType). */
  smsRecords(to?: string): Promise<SmsRecord[]>;
  clear(): Promise<void>;
  failNextSms(count?: number, options?: FailOptions): Promise<void>;
  failNextEmails(count?: number, options?: FailOptions): Promise<void>;
  /** Disarms every armed failure of both stand-ins. */
  resetFailures(): Promise<void>;
}

const CODE = /\b(\d{6,10})\b/;

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const query = (to?: string) => (to === undefined ? '' : `?to=${encodeURIComponent(to)}`);

function reader(messagesTo: (to?: string) => Promise<OutboxMessage[]>): OutboxReader {
  async function latestMessageTo(to: string, options: { newerThan?: string; timeoutMs?: number } = {}) {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      const messages = await messagesTo(to);
      const seen = options.newerThan ? messages.findIndex((m) => m.id === options.newerThan) : -1;
      const newest = messages.slice(seen + 1).at(-1);
      if (newest) return newest;
      if (Date.now() > deadline)
        throw new Error(`no ${options.newerThan ? 'new ' : ''}message to ${to} in the outbox`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    messagesTo,
    latestMessageTo,
    async latestCodeFor(to, options) {
      const message = await latestMessageTo(to, options);
      const match = CODE.exec(message.body);
      if (!match?.[1]) throw new Error(`the newest message to ${to} carries no code`);
      return match[1];
    },
  };
}

function failQuery(count: number, options: FailOptions = {}): string {
  const q = new URLSearchParams({ count: String(count) });
  if (options.to) q.set('to', options.to);
  if (options.status) q.set('status', String(options.status));
  if (options.code) q.set('code', options.code);
  return q.toString();
}

/** The outbox of stand-ins reachable at these URLs (default: LOCAL_SNS_URL / LOCAL_SES_URL from env). */
export function standInOutbox(
  urls: { sns?: string; ses?: string } = { sns: process.env.LOCAL_SNS_URL, ses: process.env.LOCAL_SES_URL },
): StandInOutbox {
  const sns = urls.sns;
  const ses = urls.ses;
  if (!sns || !ses)
    throw new Error('LOCAL_SNS_URL and LOCAL_SES_URL are not set (are the stand-ins running?)');
  const smsRecords = async (to?: string) =>
    (await request<{ messages: SmsRecord[] }>(`${sns}/_messages${query(to)}`)).messages;
  const emails = async (to?: string) =>
    (await request<{ messages: OutboxMessage[] }>(`${ses}/_messages${query(to)}`)).messages;
  const messagesTo = async (to?: string) => {
    const [sms, mail] = await Promise.all([smsRecords(to), emails(to)]);
    const contract = sms.map(({ attributes: _attributes, ...m }) => m as OutboxMessage);
    return [...contract, ...mail]
      .map((m, i) => ({ m, i }))
      .sort((a, b) => a.m.sentAt.localeCompare(b.m.sentAt) || a.i - b.i)
      .map(({ m }) => m);
  };
  return {
    ...reader(messagesTo),
    smsRecords,
    clear: async () => {
      await Promise.all([
        request(`${sns}/_clear`, { method: 'POST' }),
        request(`${ses}/_clear`, { method: 'POST' }),
      ]);
    },
    failNextSms: async (count = 1, options) => {
      await request(`${sns}/_fail?${failQuery(count, options)}`, { method: 'POST' });
    },
    failNextEmails: async (count = 1, options) => {
      await request(`${ses}/_fail?${failQuery(count, options)}`, { method: 'POST' });
    },
    resetFailures: async () => {
      await Promise.all([
        request(`${sns}/_fail`, { method: 'DELETE' }),
        request(`${ses}/_fail`, { method: 'DELETE' }),
      ]);
    },
  };
}

/** The outbox of a running local stack, through its `GET /_local/outbox`. */
export function gatewayOutbox(apiUrl: string): OutboxReader {
  return reader(
    async (to) =>
      (await request<{ messages: OutboxMessage[] }>(`${apiUrl}/_local/outbox${query(to)}`)).messages,
  );
}

/** Shorthands on the stand-ins named by LOCAL_SNS_URL / LOCAL_SES_URL (integration tests). */
export const messagesTo = (to?: string) => standInOutbox().messagesTo(to);
export const latestCodeFor = (to: string, options?: { newerThan?: string; timeoutMs?: number }) =>
  standInOutbox().latestCodeFor(to, options);
export const failNextSms = (count = 1, options?: FailOptions) => standInOutbox().failNextSms(count, options);
export const failNextEmails = (count = 1, options?: FailOptions) =>
  standInOutbox().failNextEmails(count, options);
export const clearOutbox = () => standInOutbox().clear();
