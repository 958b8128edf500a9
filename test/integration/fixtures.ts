import { randomInt, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/clients/dynamo';
import { DeliveryError } from '../../lambdas/adapters/delivery-error';
import type { EmailSender } from '../../lambdas/adapters/email-sender';
import type { SmsSender } from '../../lambdas/adapters/sms-sender';
import { loadConfig } from '../../lambdas/config';
import type { EmailMessage } from '../../lambdas/domain/messages';
import { challengeDigest } from '../../lambdas/domain/one-time-code';
import { newSession } from '../../lambdas/domain/sign-in-session';
import type { Deps } from '../../lambdas/services/deps';
import { allDeps } from '../../lambdas/wiring/all';

/** Real adapters against the stand-ins (env from the global setup), with a movable clock. */
export function testDeps(
  overrides: Partial<Deps> & { sender?: RecordingSender } = {},
  env: Record<string, string> = {},
): Deps & { clock: Clock } {
  const clock = new Clock();
  const deps = allDeps(loadConfig({ ...process.env, ...env }));
  const { sender, ...parts } = overrides;
  const senders = sender ? { sms: sender, email: sender } : {};
  return { ...deps, now: () => clock.now(), clock, ...senders, ...parts };
}

export class Clock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  advance(seconds: number): void {
    this.at += seconds * 1000;
  }
}

/** Records what would be sent, so a test can read the code; `failing` makes every send fail like SNS/SES. */
export class RecordingSender implements SmsSender, EmailSender {
  readonly sms: { to: string; text: string }[] = [];
  readonly emails: { to: string; message: EmailMessage }[] = [];
  /** Every text, in the order it was sent. */
  private readonly texts: string[] = [];
  failing = false;
  /** Only SMS fails (SNS refuses), email goes through. */
  failingSms = false;
  async sendSms(to: string, text: string): Promise<void> {
    if (this.failing || this.failingSms) throw new DeliveryError('sms', new Error('InternalError'));
    this.sms.push({ to, text });
    this.texts.push(text);
  }
  async sendEmail(to: string, message: EmailMessage): Promise<void> {
    if (this.failing) throw new DeliveryError('email', new Error('MessageRejected'));
    this.emails.push({ to, message });
    this.texts.push(message.text);
  }
  lastCode(): string {
    const match = /(\d{6,10})/.exec(this.texts.at(-1) ?? '');
    if (!match?.[1]) throw new Error('no code was sent');
    return match[1];
  }
}

export const FAKE_TOKENS = {
  idToken: 'id.token.value',
  accessToken: 'access.token.value',
  refreshToken: 'refresh.token.value',
  expiresIn: 3600,
  tokenType: 'Bearer' as const,
};

/** The tokens as a verify hands them out: their lifetime counts from the password step. */
export const tokensAfter = (elapsedSeconds: number) => ({
  ...FAKE_TOKENS,
  expiresIn: FAKE_TOKENS.expiresIn - elapsedSeconds,
});

/**
 * Puts a sign-in challenge with a known code straight into the codes table, and seals the session a
 * login would have handed out for it.
 */
export async function seedChallenge(
  deps: Deps,
  options: {
    code?: string;
    userId?: string;
    accountId?: string;
    /** Seconds the code has left (default 300). */
    expiresIn?: number;
    /** Seconds the session has left (default the larger of 900 and the code's). */
    sessionExpiresIn?: number;
    lastSentAgo?: number;
    phoneNumber?: string;
    email?: string;
  } = {},
) {
  const code = options.code ?? '123456';
  const userId = options.userId ?? randomUUID();
  const keys = await deps.keys();
  const now = Math.floor(deps.now().getTime() / 1000);
  const phoneNumber = options.phoneNumber ?? `+1415555${String(randomInt(0, 10_000)).padStart(4, '0')}`;
  const email = options.email ?? `${userId}@example.test`;
  const accountId = options.accountId ?? 'acct-test';
  const { key, session } = newSession(keys.sealKey, {
    userId,
    accountId,
    phoneNumber,
    email,
    phoneTrusted: false,
    rememberDeviceDays: 0,
    locale: 'en',
    issuedAt: now,
    tokens: FAKE_TOKENS,
  });
  const codeExpiresIn = options.expiresIn ?? 300;
  await deps.challenges.create({
    key,
    purpose: 'login',
    userId,
    accountId,
    locale: 'en',
    channel: 'sms',
    destination: phoneNumber,
    codeDigest: challengeDigest(keys.hmacKey, { key, purpose: 'login' }, code),
    codeExpiresAt: now + codeExpiresIn,
    lastSentAt: now - (options.lastSentAgo ?? 0),
    createdAt: now,
    expiresAt: now + (options.sessionExpiresIn ?? Math.max(900, codeExpiresIn)),
  });
  return { session, key, code, userId, phoneNumber, email };
}

export async function rawItem(pk: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: process.env.CODES_TABLE_NAME, Key: { pk }, ConsistentRead: true }),
  );
  return Item;
}

/** Settles every promise and sorts the outcomes into successes and error codes. */
export async function settle<T>(runs: Promise<T>[]): Promise<{ ok: T[]; errors: string[] }> {
  const results = await Promise.allSettled(runs);
  return {
    ok: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    errors: results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as { code?: string }).code ?? String(r.reason)] : [],
    ),
  };
}

/** A fresh account (tenant) with an admin user in the user pool. */
export async function seedAccount(deps: Deps, options: { mfaEnabled?: boolean; adminPhone?: string } = {}) {
  const accountId = randomUUID();
  await deps.accounts.create({
    accountId,
    name: `Account ${accountId.slice(0, 8)}`,
    mfaEnabled: options.mfaEnabled ?? false,
    updatedAt: new Date().toISOString(),
    updatedBy: 'test',
  });
  const email = `admin-${accountId}@example.test`;
  const password = 'a long admin passphrase';
  const created = await deps.identity.createUser({
    email,
    name: 'Ada Admin',
    password,
    phoneNumber: options.adminPhone,
    locale: 'en',
    accountId,
    role: 'admin',
    mfaRequired: false,
  });
  if (!created.ok) throw new Error(`could not create the admin: ${created.reason}`);
  const admin = {
    userId: created.userId,
    username: email,
    email,
    accountId,
    role: 'admin' as const,
    authTime: Math.floor(Date.now() / 1000),
  };
  return { accountId, admin, password };
}

/** The invitation token from the registration link in the last invitation email. */
export function invitationTokenFrom(sender: RecordingSender): string {
  const text = sender.emails.at(-1)?.message.text ?? '';
  const match = /register\?invitation=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error('no invitation link was sent');
  return match[1];
}

/** Every string value in an item, however deep. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}
