import type { Challenge } from '../../adapters/challenge-store';
import type { Factors } from '../../adapters/factor-store';
import { MAX_REMEMBERED_DEVICES, newDevice } from '../../domain/devices';
import { errors } from '../../domain/errors';
import type { MfaMethod } from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import { normalizeRecoveryCode, recoveryCodeDigest } from '../../domain/recovery-codes';
import { unseal } from '../../domain/secrets';
import { openSession, type SessionContents, tokensAt } from '../../domain/sign-in-session';
import type { Tokens } from '../../domain/tokens';
import { totpSealContext, totpStep } from '../../domain/totp';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import { checkCode } from '../codes/code-check';
import type { Needs } from '../deps';
import { notifyRecoveryCodeUsed } from '../factors/notices';

export type VerifyDeps = Needs<
  'items' | 'challenges' | 'failures' | 'users' | 'factors' | 'keys' | 'audit' | 'email'
>;

export interface VerifyInput {
  readonly session: string;
  readonly code: string;
  readonly method?: MfaMethod;
  readonly rememberDevice?: boolean;
}

export interface Verified {
  readonly tokens: Tokens;
  readonly deviceToken?: string;
}

/**
 * The sign-in's second step, by any method the user has: the code sent by SMS or email (the default), a
 * code of the authenticator app, or a recovery code. One batched read (the challenge and the user's
 * lock, and the user's factors when the method needs them), then one conditional write that consumes the
 * challenge; only that one winner gets the tokens sealed into the session. Wrong answers of every method
 * count against the same per-user consecutive failures. An SMS code that comes back proves the phone.
 * With `rememberDevice` and an account that allows it, the answer adds a device token.
 */
export async function verifyCode(
  deps: VerifyDeps,
  input: VerifyInput,
  origin: { userAgent: string } = { userAgent: '' },
): Promise<Verified> {
  const now = epochSeconds(deps.now());
  const keys = await deps.keys();
  const opened = openSession(keys.sealKey, input.session);
  if (!opened) throw errors.sessionExpired();
  const { key, contents } = opened;
  const factorMethod = input.method === 'totp' || input.method === 'recovery_code';
  // Without `method`, a sign-in that started with the app is answered with the app: its record is needed.
  const mayDefaultToApp = input.method === undefined && contents.hasAuthenticatorApp === true;
  const needsRecord = factorMethod || mayDefaultToApp || input.rememberDevice === true;
  const [challengeItem, lockItem, userItem] = await deps.items.read([
    deps.challenges.ref(key),
    deps.failures.ref(contents.userId),
    ...(needsRecord ? [deps.users.ref(contents.userId)] : []),
  ]);
  const challenge = deps.challenges.fromItem(challengeItem);
  if (challenge?.purpose !== 'login' || challenge.userId !== contents.userId) throw errors.sessionExpired();
  const factors = deps.factors.fromItem(userItem);
  const lock = deps.failures.fromItem(lockItem, now);
  const consume = (digest: string | undefined) =>
    deps.challenges
      .consume(key, digest, now, deps.config.MFA_MAX_ATTEMPTS)
      .then((won) => (won ? true : undefined));

  const method = input.method ?? (challenge.channel === 'totp' ? 'totp' : challenge.channel);
  if (method === 'totp') {
    const secret =
      factors.totp && unseal(keys.sealKey, factors.totp.sealedSecret, totpSealContext(contents.userId));
    if (!secret) throw errors.methodNotAvailable('totp');
    await checkCode(deps, { challenge, lock }, input.code, now, errors.sessionExpired, {
      // A code is right once: its time step must be later than any this user's app answered before.
      match: async (code) => {
        const step = totpStep(secret, code, now);
        return step !== undefined && (await deps.factors.acceptTotpStep(contents.userId, step));
      },
      settle: () => consume(undefined),
    });
  } else if (method === 'recovery_code') {
    if (factors.recoveryCodeDigests.length === 0) throw errors.methodNotAvailable('recovery_code');
    let left: number | undefined;
    await checkCode(deps, { challenge, lock }, input.code, now, errors.sessionExpired, {
      match: async (code) => {
        const canonical = normalizeRecoveryCode(code);
        if (!canonical) return false;
        left = await deps.factors.useRecoveryCode(
          contents.userId,
          recoveryCodeDigest(keys.hmacKey, contents.userId, canonical),
        );
        return left !== undefined;
      },
      settle: () => consume(undefined),
    });
    await recoveryCodeUsed(deps, contents, left ?? 0);
  } else {
    if (method !== challenge.channel) throw errors.methodNotAvailable(method);
    await checkCode(deps, { challenge, lock }, input.code, now, errors.sessionExpired, { settle: consume });
    await proveSmsPhone(deps, contents, challenge);
  }

  const deviceToken = input.rememberDevice
    ? await rememberDevice(deps, contents, factors, origin.userAgent, now)
    : undefined;
  return { tokens: tokensAt(contents, now), ...(deviceToken ? { deviceToken } : {}) };
}

/** An SMS code that comes back proves the phone and that SMS gets through (unless the session says so already). */
async function proveSmsPhone(
  deps: Needs<'users'>,
  contents: SessionContents,
  challenge: Challenge,
): Promise<void> {
  if (
    challenge.channel === 'sms' &&
    !(contents.phoneTrusted && challenge.destination === contents.phoneNumber)
  )
    await deps.users.markPhoneProven(contents.userId, challenge.destination);
}

async function recoveryCodeUsed(deps: Needs<'audit' | 'email'>, contents: SessionContents, left: number) {
  logger.warn('mfa.recovery_code.used', { event: 'mfa.recovery_code.used', userId: contents.userId, left });
  countMetric(MetricNames.RecoveryCodesUsed);
  await recordAudit(deps, {
    type: 'mfa.recovery_code.used',
    accountId: contents.accountId,
    actor: contents.email,
    details: { userId: contents.userId, recoveryCodesRemaining: left },
  });
  await notifyRecoveryCodeUsed(deps, {
    email: contents.email,
    locale: contents.locale,
    left,
    at: deps.now(),
  });
}

/** "Remember this device", where the account allows it: a device token bound to this user. */
async function rememberDevice(
  deps: Needs<'factors' | 'audit'>,
  contents: SessionContents,
  factors: Factors,
  userAgent: string,
  now: number,
): Promise<string | undefined> {
  if (contents.rememberDeviceDays <= 0) return undefined;
  const { token, device } = newDevice(userAgent, now, contents.rememberDeviceDays);
  const kept = factors.devices.filter((d) => d.expiresAt > now);
  const forget = [
    ...factors.devices.filter((d) => d.expiresAt <= now),
    ...kept.slice(0, Math.max(0, kept.length - (MAX_REMEMBERED_DEVICES - 1))),
  ].map((d) => d.deviceId);
  await deps.factors.addDevice(contents.userId, device, forget);
  countMetric(MetricNames.FactorChanges, { Method: 'device', Change: 'added' });
  await recordAudit(deps, {
    type: 'mfa.device.remembered',
    accountId: contents.accountId,
    actor: contents.email,
    details: {
      userId: contents.userId,
      deviceId: device.deviceId,
      label: device.label,
      days: contents.rememberDeviceDays,
    },
  });
  return token;
}
