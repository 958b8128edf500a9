import { liveDevice } from '../../domain/devices';
import { errors } from '../../domain/errors';
import { maskDestination, maskEmail } from '../../domain/masking';
import {
  isMfaRequired,
  type MfaChannel,
  type MfaMethod,
  type MfaSubject,
  mfaDestination,
  type PreferredMethod,
  signInMethods,
  startingMethod,
} from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import { newSession } from '../../domain/sign-in-session';
import type { Tokens } from '../../domain/tokens';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import { assertUnlocked } from '../codes/challenge-refusal';
import { startChallenge, timesOf } from '../codes/challenges';
import { takeQuotas } from '../codes/quota';
import type { Needs } from '../deps';
import { deliverSignInCode } from './delivery';

export type LoginDeps = Needs<
  | 'identity'
  | 'items'
  | 'accounts'
  | 'users'
  | 'factors'
  | 'failures'
  | 'quotas'
  | 'challenges'
  | 'keys'
  | 'audit'
  | 'sms'
  | 'email'
>;

export type LoginResult =
  | { status: 'AUTHENTICATED'; tokens: Tokens }
  | {
      status: 'MFA_REQUIRED';
      session: string;
      channel: PreferredMethod;
      destination?: string;
      methods: MfaMethod[];
      expiresIn: number;
      sessionExpiresIn: number;
      resendAvailableIn: number;
      fallbackFrom?: MfaChannel;
      /** Present when the account lets the user remember this device: for how many days. */
      rememberDeviceDays?: number;
    };

/**
 * The password step: one Cognito call (the user's attributes come from the id token it returns) and
 * one batched read of the account, the user record and the lock. Without MFA, or with a live remembered
 * device, the caller gets the tokens; with MFA they are sealed into the session the caller holds, a
 * small challenge is stored, and the code goes out by SMS or email — or nothing is sent at all when the
 * sign-in starts with the authenticator app.
 */
export async function login(
  deps: LoginDeps,
  input: { email: string; password: string; deviceToken?: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const signIn = await deps.identity.signIn(email, input.password);
  if (!signIn.ok) return refuse(email, 'wrong-credentials');
  const { user, tokens } = signIn;
  const now = epochSeconds(deps.now());
  const [accountItem, userItem, lockItem] = await deps.items.read([
    deps.accounts.ref(user.accountId ?? '-'),
    deps.users.ref(user.userId),
    deps.failures.ref(user.userId),
  ]);
  const record = deps.users.fromItem(user.userId, userItem);
  // Cognito refuses disabled users itself; the check here makes every stand-in behave the same.
  if (record.status === 'disabled') return refuse(email, 'disabled');
  const account = deps.accounts.fromItem(accountItem);
  const factors = deps.factors.fromItem(userItem);
  const subject: MfaSubject = {
    accountMfaEnabled: account?.mfaEnabled === true,
    userMfaRequired: user.mfaRequired,
    phoneNumber: user.phoneNumber,
    email: user.email,
    hasAuthenticatorApp: factors.totp !== undefined,
  };
  if (!isMfaRequired(subject)) {
    logger.info('auth.login.succeeded', { event: 'auth.login.succeeded', userId: user.userId, mfa: false });
    return { status: 'AUTHENTICATED', tokens };
  }

  logger.appendKeys({ userId: user.userId });
  assertUnlocked(deps.failures.fromItem(lockItem, now));
  const rememberDeviceDays = account?.rememberDeviceDays ?? 0;
  if (input.deviceToken && rememberDeviceDays > 0) {
    const validAfter = Math.max(record.sessionsValidAfter ?? 0, factors.devicesValidAfter ?? 0);
    const device = liveDevice(factors.devices, input.deviceToken, now, validAfter || undefined);
    if (device) {
      await deps.factors.touchDevice(user.userId, device.deviceId, now);
      logger.info('auth.login.succeeded', {
        event: 'auth.login.succeeded',
        mfa: 'remembered-device',
        deviceId: device.deviceId,
      });
      countMetric(MetricNames.RememberedDeviceSignIns);
      await recordAudit(deps, {
        type: 'mfa.device.used',
        accountId: user.accountId,
        actor: user.email,
        details: { userId: user.userId, deviceId: device.deviceId, label: device.label },
      });
      return { status: 'AUTHENTICATED', tokens };
    }
  }

  const methods = signInMethods(subject, record, {
    totp: factors.totp !== undefined,
    recoveryCodes: factors.recoveryCodeDigests.length,
    preferred: factors.preferred,
  });
  const starting = startingMethod(methods, factors.preferred);
  const keys = await deps.keys();
  const locale = user.locale ?? 'en';
  const { key, session } = newSession(keys.sealKey, {
    userId: user.userId,
    accountId: user.accountId,
    phoneNumber: user.phoneNumber,
    email: user.email,
    phoneTrusted:
      user.phoneNumber !== undefined &&
      record.provenPhone === user.phoneNumber &&
      record.smsFailedAt === undefined,
    rememberDeviceDays,
    ...(factors.totp ? { hasAuthenticatorApp: true } : {}),
    locale,
    issuedAt: now,
    tokens,
  });
  const base = { key, userId: user.userId, locale, purpose: 'login' as const, accountId: user.accountId };
  const remember = rememberDeviceDays > 0 ? { rememberDeviceDays } : {};

  if (starting === 'totp') {
    // The app shows the code: nothing to send, no quota to use.
    const started = await startChallenge(deps, { ...base, channel: 'totp', destination: '' }, now, {
      sendsCode: false,
    });
    return {
      status: 'MFA_REQUIRED',
      session,
      channel: 'totp',
      methods,
      ...timesOf(deps, started.codeExpiresAt, started.expiresAt, 0, now),
      ...remember,
    };
  }

  const { channel, destination } =
    starting === 'email' ? { channel: 'email' as const, destination: user.email } : mfaDestination(subject);
  const release = await takeQuotas(deps, [{ name: 'sign-in-sends', subject: destination }], now);
  let started: Awaited<ReturnType<typeof startChallenge>> | undefined;
  try {
    started = await startChallenge(deps, { ...base, channel, destination }, now);
    const { delivered } = await deliverSignInCode(
      deps,
      { ...base, ...started, channel, destination, email: user.email },
      now,
      release,
    );
    return {
      status: 'MFA_REQUIRED',
      session,
      channel: delivered.channel,
      destination: maskDestination(delivered.channel, delivered.destination),
      // An SMS refused just now opens email for this user, as the record now says.
      methods: delivered.fallbackFrom && !methods.includes('email') ? insertEmail(methods) : methods,
      ...timesOf(deps, started.codeExpiresAt, started.expiresAt, now, now),
      ...(delivered.fallbackFrom ? { fallbackFrom: delivered.fallbackFrom } : {}),
      ...remember,
    };
  } catch (error) {
    // No code that never arrived stays usable, and a send that did not happen uses no quota.
    if (started) await deps.challenges.delete(key);
    await release();
    throw error;
  }
}

/** Email goes right after SMS, before a recovery code. */
const insertEmail = (methods: MfaMethod[]): MfaMethod[] => {
  const at = methods.indexOf('sms') + 1;
  return [...methods.slice(0, at), 'email', ...methods.slice(at)];
};

function refuse(email: string, reason: 'wrong-credentials' | 'disabled'): never {
  logger.info('auth.login.failed', { event: 'auth.login.failed', email: maskEmail(email), reason });
  throw errors.invalidCredentials();
}
