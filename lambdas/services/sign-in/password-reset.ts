import { DeliveryError } from '../../adapters/delivery-error';
import { accountMessagesFor } from '../../domain/account-messages';
import { ApiError, errors } from '../../domain/errors';
import { normalizeEmail } from '../../domain/invitation';
import { resolveLocale } from '../../domain/locale';
import { maskEmail } from '../../domain/masking';
import { challengeDigest, digestsMatch, generateCode } from '../../domain/one-time-code';
import { assertPasswordAllowed } from '../../domain/password-policy';
import { quotaRules } from '../../domain/quotas';
import { epochSeconds } from '../../domain/rate-rules';
import { hashId, newOpaqueId, seal, unseal } from '../../domain/secrets';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import type { Needs } from '../deps';
import { pause, revokeSessions } from '../sessions/revocation';

/**
 * The forgotten password: a code by email (the lifecycle of every code of the service: CSPRNG, stored as
 * an HMAC bound to the reset, a few attempts, expiry, single use by one conditional write), then a new
 * password. Nothing here signs anyone in: the next sign-in still asks for the second factor.
 *
 * Known and unknown addresses are answered alike, in status, body and time: an unknown (or disabled) one
 * gets a reset session too, whose code was never sent, so /reset answers it exactly as a wrong code;
 * both use the address's hourly quota; and /forgot answers no sooner than RESET_ANSWER_FLOOR_MS after it
 * began, so the time an email takes to send does not tell the addresses apart.
 */
export const RESET_ANSWER_FLOOR_MS = 800;

export const resetErrors = {
  expired: () =>
    new ApiError(
      401,
      'SESSION_EXPIRED',
      'This password reset has expired or was already used. Ask for a new code.',
    ),
  tooManyAttempts: () =>
    new ApiError(429, 'TOO_MANY_ATTEMPTS', 'Too many incorrect codes for this reset. Ask for a new code.'),
  locked: (retryAfter: number) =>
    new ApiError(
      429,
      'TOO_MANY_ATTEMPTS',
      'Too many incorrect codes. Password resets for this address are paused; try again later.',
      { retryAfter },
      { 'Retry-After': String(retryAfter) },
    ),
  weak: () => new ApiError(400, 'WEAK_PASSWORD', 'The password does not meet the password policy.'),
};

/**
 * Wrong reset codes are counted per address, apart from sign-in codes: someone who only knows an address
 * can pause its password resets, but cannot lock the user's sign-in.
 */
const failureSubject = (email: string) => `password-reset:${hashId(email)}`;

interface Sealed {
  readonly username: string;
}

/** The challenge key and whose password a reset session resets; undefined for anything not sealed here. */
function openReset(sealKey: Buffer, resetSession: string): { key: string; username: string } | undefined {
  const dot = resetSession.indexOf('.');
  if (dot < 16) return undefined;
  const key = hashId(resetSession.slice(0, dot));
  try {
    const { username } = JSON.parse(unseal(sealKey, resetSession.slice(dot + 1), key)) as Sealed;
    return typeof username === 'string' ? { key, username } : undefined;
  } catch {
    return undefined;
  }
}

export async function forgotPassword(
  deps: Needs<'identity' | 'users' | 'quotas' | 'challenges' | 'keys' | 'email'>,
  input: { email: string },
): Promise<{ resetSession: string; expiresIn: number }> {
  const started = Date.now();
  try {
    return await startReset(deps, normalizeEmail(input.email));
  } finally {
    await pause(RESET_ANSWER_FLOOR_MS - (Date.now() - started));
  }
}

async function startReset(
  deps: Needs<'identity' | 'users' | 'quotas' | 'challenges' | 'keys' | 'email'>,
  email: string,
): Promise<{ resetSession: string; expiresIn: number }> {
  const { config } = deps;
  const now = epochSeconds(deps.now());
  countMetric(MetricNames.PasswordResetsRequested);
  const quota = await deps.quotas.take(quotaRules(config)['password-resets'], email, now);
  if (!quota.admitted) {
    logger.warn('password.reset.rate_limited', {
      event: 'password.reset.rate_limited',
      email: maskEmail(email),
    });
    countMetric(MetricNames.RateLimited, { Reason: 'password-resets' });
    throw errors.tooManySends('password-resets', quota.retryAfter);
  }
  const profile = await deps.identity.getUser(email);
  const record = profile ? await deps.users.get(profile.userId) : undefined;
  const user = profile && record?.status === 'active' && profile.email === email ? profile : undefined;

  // The reset session is `<id>.<sealed>`: the id names the challenge (stored under its hash), the sealed
  // part says whose password it resets; the table holds neither.
  const id = newOpaqueId();
  const key = hashId(id);
  const keys = await deps.keys();
  const code = generateCode(config.MFA_CODE_LENGTH);
  const codeDigest = challengeDigest(keys.hmacKey, { key, purpose: 'password-reset' }, code);
  const sealed: Sealed = { username: user?.username ?? '' };
  const resetSession = `${id}.${seal(keys.sealKey, JSON.stringify(sealed), key)}`;
  const expiresAt = now + config.MFA_CODE_TTL_SECONDS;
  await deps.challenges.create({
    key,
    purpose: 'password-reset',
    userId: user?.userId ?? 'none',
    accountId: user?.accountId,
    locale: resolveLocale(user?.locale),
    channel: 'email',
    destination: email,
    codeDigest,
    codeExpiresAt: expiresAt,
    lastSentAt: now,
    expiresAt,
    createdAt: now,
  });

  if (user) {
    const message = accountMessagesFor(resolveLocale(user.locale)).passwordResetCodeEmail({
      product: config.PRODUCT_NAME,
      code,
      minutes: Math.round(config.MFA_CODE_TTL_SECONDS / 60),
    });
    try {
      await deps.email.sendEmail(email, message);
      countMetric(MetricNames.CodesSent, { Channel: 'email', Purpose: 'password-reset' });
      logger.info('password.reset.code_sent', { event: 'password.reset.code_sent', userId: user.userId });
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      // The same answer as ever (a 502 would tell that the address is known); the code is dead, no quota used.
      await deps.challenges.discardCode(key, codeDigest);
      await quota.release();
      countMetric(MetricNames.DeliveryFailures, { Channel: 'email' });
      logger.error('password.reset.delivery_failed', {
        event: 'password.reset.delivery_failed',
        userId: user.userId,
        provider: error.provider,
        providerError: error.errorName,
        providerRequestId: error.requestId,
      });
    }
  } else {
    logger.info('password.reset.unknown_address', {
      event: 'password.reset.unknown_address',
      email: maskEmail(email),
    });
  }
  return { resetSession, expiresIn: config.MFA_CODE_TTL_SECONDS };
}

export async function resetPassword(
  deps: Needs<'challenges' | 'failures' | 'keys' | 'identity' | 'users' | 'audit' | 'email'>,
  input: { resetSession: string; code: string; newPassword: string },
): Promise<{ status: 'PASSWORD_RESET' }> {
  const { config } = deps;
  const now = epochSeconds(deps.now());
  const opened = openReset((await deps.keys()).sealKey, input.resetSession);
  if (!opened) throw resetErrors.expired();
  const { key, username } = opened;
  const challenge = await deps.challenges.get(key);
  const live = (c: typeof challenge) =>
    c !== undefined && c.purpose === 'password-reset' && c.consumedAt === undefined && c.expiresAt > now;
  if (!live(challenge) || !challenge) throw resetErrors.expired();

  const subject = failureSubject(challenge.destination);
  const lock = await deps.failures.status(subject, now);
  if (lock.locked) throw resetErrors.locked(lock.retryAfter);
  if (challenge.attempts >= config.MFA_MAX_ATTEMPTS) throw resetErrors.tooManyAttempts();
  // Before an attempt is spent: a refused password costs no attempt.
  assertPasswordAllowed(input.newPassword, { email: challenge.destination });

  const keys = await deps.keys();
  const digest = challengeDigest(keys.hmacKey, challenge, input.code);
  if (!digestsMatch(challenge.codeDigest, digest)) {
    // Like every wrong code: its place in the address's failures is reserved before it is answered.
    const reservation = await deps.failures.reserve(subject, now);
    if (!reservation.admitted) throw resetErrors.locked(reservation.retryAfter);
    const attempts = await deps.challenges.takeAttempt(key, now, config.MFA_MAX_ATTEMPTS);
    countMetric(MetricNames.VerificationsFailed, { Purpose: 'password-reset' });
    if (reservation.failures >= config.MFA_MAX_CONSECUTIVE_FAILURES) {
      await deps.failures.lock(subject, now);
      throw resetErrors.locked(config.MFA_LOCK_SECONDS);
    }
    if (attempts === undefined) {
      const current = await deps.challenges.get(key);
      if (live(current) && current && current.attempts >= config.MFA_MAX_ATTEMPTS)
        throw resetErrors.tooManyAttempts();
      throw resetErrors.expired();
    }
    const attemptsRemaining = Math.max(0, config.MFA_MAX_ATTEMPTS - attempts);
    logger.warn('password.reset.wrong_code', {
      event: 'password.reset.wrong_code',
      userId: challenge.userId,
      attemptsRemaining,
    });
    if (attemptsRemaining === 0) throw resetErrors.tooManyAttempts();
    throw errors.invalidCode(attemptsRemaining);
  }

  // One conditional write: of racing right answers, exactly one resets the password.
  if (!(await deps.challenges.consume(key, digest, now, config.MFA_MAX_ATTEMPTS)))
    throw resetErrors.expired();
  if (lock.failures > 0) await deps.failures.reset(subject, now);
  if (!username) throw resetErrors.expired();
  const changed = await deps.identity.setPassword(username, input.newPassword);
  if (!changed.ok) throw resetErrors.weak();

  await revokeSessions(deps, challenge.userId, 'password-reset');
  countMetric(MetricNames.PasswordResets);
  countMetric(MetricNames.VerificationsSucceeded, { Channel: 'email', Purpose: 'password-reset' });
  logger.info('password.reset.completed', { event: 'password.reset.completed', userId: challenge.userId });
  await recordAudit(deps, {
    type: 'password.reset',
    accountId: challenge.accountId,
    actor: challenge.destination,
    details: { userId: challenge.userId },
  });
  await notifyPasswordChanged(deps, {
    email: challenge.destination,
    locale: challenge.locale,
    at: new Date(now * 1000),
    how: 'reset',
  });
  return { status: 'PASSWORD_RESET' };
}

/** ASVS 6.3.7: the user hears of every password change. It is made already, so a failed notice is logged. */
export async function notifyPasswordChanged(
  deps: Needs<'email'>,
  change: { email: string; locale: string | undefined; at: Date; how: 'reset' | 'change' },
): Promise<void> {
  const message = accountMessagesFor(resolveLocale(change.locale)).passwordChangedEmail({
    product: deps.config.PRODUCT_NAME,
    changedAt: change.at,
    how: change.how,
  });
  try {
    await deps.email.sendEmail(change.email, message);
  } catch (error) {
    logger.error('password.notice_failed', {
      event: 'password.notice_failed',
      errorName: (error as Error)?.name,
    });
  }
}
