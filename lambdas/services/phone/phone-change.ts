import type { Challenge } from '../../adapters/challenge-store';
import { ApiError, errors } from '../../domain/errors';
import { resolveLocale } from '../../domain/locale';
import { maskPhone } from '../../domain/masking';
import { messagesFor } from '../../domain/messages';
import { parseMfaPhone } from '../../domain/phone';
import {
  stepOutcome,
  UPDATE_WINDOW_SECONDS,
  type ValidationStep,
  validationState,
} from '../../domain/phone-validation';
import { epochSeconds } from '../../domain/rate-rules';
import { hashId } from '../../domain/secrets';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import { checkCode } from '../codes/code-check';
import { issueChallenge } from '../codes/code-delivery';
import { sendNewCode } from '../codes/new-code';
import type { Needs } from '../deps';

/**
 * Changing the MFA phone (NIST 800-63B-4 §3.1.3.3: binding a new authenticator): a fresh sign-in, a code
 * sent to the new number only, Verify, then Update within 15 minutes, and a notice on independent
 * channels afterwards. Until Update the old number (or email) keeps receiving sign-in codes.
 */
export const phoneErrors = {
  notFound: () =>
    new ApiError(
      404,
      'VALIDATION_NOT_FOUND',
      'This phone validation does not exist or has expired. Start again.',
    ),
  unchanged: () => new ApiError(409, 'PHONE_UNCHANGED', 'This number is already your MFA phone number.'),
  notVerified: () =>
    new ApiError(409, 'VALIDATION_NOT_VERIFIED', 'Enter the code sent to the new number before saving it.'),
  reauthenticate: () =>
    new ApiError(401, 'REAUTHENTICATION_REQUIRED', 'Sign in again to change your MFA phone number.'),
};

export const VALIDATED_MESSAGE = 'Your phone number has been validated';

function signedInCaller(caller: Caller | undefined): Caller {
  if (!caller) throw errors.unauthorized();
  return caller;
}

function assertFreshSignIn(deps: Needs, caller: Caller, now: number): void {
  if (!caller.authTime || now - caller.authTime > deps.config.MFA_REAUTH_MAX_AGE_SECONDS) {
    throw phoneErrors.reauthenticate();
  }
}

/**
 * The caller's own validation, in a state where `step` may proceed; someone else's looks exactly like one
 * that does not exist.
 */
async function ownValidation(
  deps: Needs<'challenges'>,
  caller: Caller,
  validationId: string,
  now: number,
  step: ValidationStep,
): Promise<Challenge> {
  const challenge = await deps.challenges.get(hashId(validationId));
  if (challenge?.purpose !== 'phone-validation' || challenge.userId !== caller.userId) {
    throw phoneErrors.notFound();
  }
  const outcome = stepOutcome(validationState(challenge, now), step);
  if (outcome === 'not-verified') throw phoneErrors.notVerified();
  if (outcome === 'gone') throw phoneErrors.notFound();
  return challenge;
}

export async function startPhoneValidation(
  deps: Needs<'identity' | 'challenges' | 'failures' | 'sendLimiter' | 'keys' | 'sms'>,
  who: Caller | undefined,
  input: { phoneNumber: string },
) {
  const caller = signedInCaller(who);
  const { config } = deps;
  const now = epochSeconds(deps.now());
  assertFreshSignIn(deps, caller, now);
  const phoneNumber = parseMfaPhone(input.phoneNumber, config.MFA_SMS_ALLOWED_COUNTRIES);
  const user = await deps.identity.getUser(caller.username);
  if (!user) throw errors.unauthorized();
  if (user.phoneNumber === phoneNumber) throw phoneErrors.unchanged();
  const validationId = await issueChallenge(
    deps,
    { purpose: 'phone-validation', user, channel: 'sms', destination: phoneNumber },
    now,
  );
  logger.info('mfa.phone.validation_started', { event: 'mfa.phone.validation_started', userId: user.userId });
  return {
    validationId,
    destination: maskPhone(phoneNumber),
    expiresIn: config.MFA_CODE_TTL_SECONDS,
    resendAvailableIn: config.MFA_RESEND_COOLDOWN_SECONDS,
  };
}

export async function resendPhoneValidation(
  deps: Needs<'challenges' | 'failures' | 'sendLimiter' | 'keys' | 'sms'>,
  who: Caller | undefined,
  validationId: string,
) {
  const caller = signedInCaller(who);
  const now = epochSeconds(deps.now());
  const challenge = await ownValidation(deps, caller, validationId, now, 'resend');
  return sendNewCode(deps, challenge, now, phoneErrors.notFound);
}

export async function verifyPhoneValidation(
  deps: Needs<'challenges' | 'failures' | 'keys' | 'audit'>,
  who: Caller | undefined,
  validationId: string,
  code: string,
) {
  const caller = signedInCaller(who);
  const now = epochSeconds(deps.now());
  const challenge = await ownValidation(deps, caller, validationId, now, 'verify');
  await checkCode(deps, challenge, code, now, phoneErrors.notFound, async (digest) =>
    (await deps.challenges.markVerified(challenge.key, digest, now, now + UPDATE_WINDOW_SECONDS))
      ? true
      : undefined,
  );
  return { validated: true, phoneNumber: challenge.destination, message: VALIDATED_MESSAGE };
}

export async function updatePhone(
  deps: Needs<'identity' | 'challenges' | 'audit' | 'sms' | 'email'>,
  who: Caller | undefined,
  validationId: string,
) {
  const caller = signedInCaller(who);
  const now = epochSeconds(deps.now());
  assertFreshSignIn(deps, caller, now);
  const challenge = await ownValidation(deps, caller, validationId, now, 'update');
  const user = await deps.identity.getUser(caller.username);
  if (!user) throw errors.unauthorized();

  // One conditional write decides which of racing Updates saves the number.
  const consumed = await deps.challenges.consumeVerified(challenge.key, caller.userId, now);
  if (!consumed) throw phoneErrors.notFound();
  try {
    await deps.identity.setMfaPhone(user.username, challenge.destination);
  } catch (error) {
    await deps.challenges.releaseConsumed(challenge.key, now);
    throw error;
  }
  logger.info('mfa.phone.changed', {
    event: 'mfa.phone.changed',
    userId: user.userId,
    phone: maskPhone(challenge.destination),
  });
  countMetric(MetricNames.PhoneChanges);
  await recordAudit(deps, {
    type: 'mfa.phone.changed',
    accountId: user.accountId,
    actor: user.email,
    details: {
      userId: user.userId,
      phone: maskPhone(challenge.destination),
      previous: user.phoneNumber ? maskPhone(user.phoneNumber) : 'none',
    },
  });
  await notifyPhoneChanged(deps, {
    email: user.email,
    oldPhone: user.phoneNumber,
    newPhone: challenge.destination,
    locale: user.locale,
    at: new Date(now * 1000),
  });
  return { phoneNumber: challenge.destination, mfaChannel: 'sms' as const };
}

/**
 * NIST 800-63B-4 §4.6 / ASVS 2.5.5: tell the user on every address they had, including the old number.
 * The change is already made, so a failed notice is logged, not returned as an error.
 */
async function notifyPhoneChanged(
  deps: Needs<'sms' | 'email'>,
  change: {
    email: string;
    oldPhone: string | undefined;
    newPhone: string;
    locale: string | undefined;
    at: Date;
  },
): Promise<void> {
  const catalogue = messagesFor(resolveLocale(change.locale));
  const input = {
    product: deps.config.PRODUCT_NAME,
    maskedPhone: maskPhone(change.newPhone),
    changedAt: change.at,
  };
  const notices = [deps.email.sendEmail(change.email, catalogue.phoneChangedEmail(input))];
  if (change.oldPhone && change.oldPhone !== change.newPhone) {
    notices.push(deps.sms.sendSms(change.oldPhone, catalogue.phoneChangedSms(input)));
  }
  const results = await Promise.allSettled(notices);
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed > 0) logger.error('mfa.phone.notice_failed', { event: 'mfa.phone.notice_failed', failed });
}
