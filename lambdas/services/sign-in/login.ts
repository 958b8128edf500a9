import { errors } from '../../domain/errors';
import { maskDestination, maskEmail } from '../../domain/masking';
import {
  codeChannels,
  isMfaRequired,
  type MfaChannel,
  type MfaSubject,
  mfaDestination,
} from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import { newSession } from '../../domain/sign-in-session';
import type { Tokens } from '../../domain/tokens';
import { logger } from '../../http/logger';
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
  | 'failures'
  | 'quotas'
  | 'challenges'
  | 'keys'
  | 'sms'
  | 'email'
>;

export type LoginResult =
  | { status: 'AUTHENTICATED'; tokens: Tokens }
  | {
      status: 'MFA_REQUIRED';
      session: string;
      channel: MfaChannel;
      destination: string;
      methods: MfaChannel[];
      expiresIn: number;
      sessionExpiresIn: number;
      resendAvailableIn: number;
      fallbackFrom?: MfaChannel;
    };

/**
 * The password step: one Cognito call (the user's attributes come from the id token it returns) and
 * one batched read of the account, the user record and the lock. Without MFA
 * the caller gets the tokens; with MFA they are sealed into the session the caller holds, a small
 * challenge is stored, and the code goes out by SMS or email.
 */
export async function login(
  deps: LoginDeps,
  input: { email: string; password: string },
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
  const subject: MfaSubject = {
    accountMfaEnabled: deps.accounts.fromItem(accountItem)?.mfaEnabled === true,
    userMfaRequired: user.mfaRequired,
    phoneNumber: user.phoneNumber,
    email: user.email,
  };
  if (!isMfaRequired(subject)) {
    logger.info('auth.login.succeeded', { event: 'auth.login.succeeded', userId: user.userId, mfa: false });
    return { status: 'AUTHENTICATED', tokens };
  }

  logger.appendKeys({ userId: user.userId });
  assertUnlocked(deps.failures.fromItem(lockItem, now));
  const { channel, destination } = mfaDestination(subject);
  const release = await takeQuotas(deps, [{ name: 'sign-in-sends', subject: destination }], now);
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
    locale,
    issuedAt: now,
    tokens,
  });
  const base = { key, userId: user.userId, locale, channel, destination };
  let started: Awaited<ReturnType<typeof startChallenge>> | undefined;
  try {
    started = await startChallenge(deps, { ...base, purpose: 'login', accountId: user.accountId }, now);
    const { delivered } = await deliverSignInCode(
      deps,
      { ...base, ...started, email: user.email },
      now,
      release,
    );
    return {
      status: 'MFA_REQUIRED',
      session,
      channel: delivered.channel,
      destination: maskDestination(delivered.channel, delivered.destination),
      // An SMS refused just now opens email for this user, as the record now says.
      methods: codeChannels(subject, delivered.fallbackFrom ? { ...record, smsFailedAt: now } : record),
      ...timesOf(deps, started.codeExpiresAt, started.expiresAt, now, now),
      ...(delivered.fallbackFrom ? { fallbackFrom: delivered.fallbackFrom } : {}),
    };
  } catch (error) {
    // No code that never arrived stays usable, and a send that did not happen uses no quota.
    if (started) await deps.challenges.delete(key);
    await release();
    throw error;
  }
}

function refuse(email: string, reason: 'wrong-credentials' | 'disabled'): never {
  logger.info('auth.login.failed', { event: 'auth.login.failed', email: maskEmail(email), reason });
  throw errors.invalidCredentials();
}
