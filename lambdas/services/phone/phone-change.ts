import type { Challenge } from '../../adapters/challenge-store';
import { DeliveryError } from '../../adapters/delivery-error';
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
import { hashId, newOpaqueId } from '../../domain/secrets';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { countMetric, MetricNames } from '../../http/metrics';
import { recordAudit } from '../audit';
import { assertUnlocked } from '../codes/challenge-refusal';
import { replaceCode, startChallenge, timesOf } from '../codes/challenges';
import { checkCode } from '../codes/code-check';
import { sendCode } from '../codes/code-delivery';
import { takeQuotas } from '../codes/quota';
import type { Needs } from '../deps';
import { assertRecentSignIn, signedInCaller } from '../sessions/recent-sign-in';

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
};

const assertFreshSignIn = (deps: Needs, caller: Caller, now: number) =>
  assertRecentSignIn(deps, caller, now, 'Sign in again to change your MFA phone number.');

/**
 * The caller's own validation, in a state where `step` may proceed; someone else's looks exactly like one
 * that does not exist.
 */
function ownValidationOf(
  challenge: Challenge | undefined,
  caller: Caller,
  now: number,
  step: ValidationStep,
): Challenge {
  if (challenge?.purpose !== 'phone-validation' || challenge.userId !== caller.userId) {
    throw phoneErrors.notFound();
  }
  const outcome = stepOutcome(validationState(challenge, now), step);
  if (outcome === 'not-verified') throw phoneErrors.notVerified();
  // Stryker disable next-line ConditionalExpression,StringLiteral: each step's conditional write refuses a validation that is gone as well; this read only spares the write
  if (outcome === 'gone') throw phoneErrors.notFound();
  return challenge;
}

async function ownValidation(
  deps: Needs<'challenges'>,
  caller: Caller,
  validationId: string,
  now: number,
  step: ValidationStep,
): Promise<Challenge> {
  return ownValidationOf(await deps.challenges.get(hashId(validationId)), caller, now, step);
}

export type StartValidationDeps = Needs<'identity' | 'challenges' | 'failures' | 'quotas' | 'keys' | 'sms'>;

/**
 * Starts a phone validation: a fresh sign-in, a mobile number of an allowed country, not the current
 * one, within the validation limits (docs/api.md, Limits) (per user per hour and day, per account per day,
 * validation SMS per number per day; counted apart from sign-in codes) and not while locked. The code
 * goes to the new number only, worded as a confirmation (not a sign-in code).
 */
export async function startPhoneValidation(
  deps: StartValidationDeps,
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
  logger.appendKeys({ userId: user.userId });

  assertUnlocked(await deps.failures.status(user.userId, now));
  const release = await takeQuotas(
    deps,
    [
      { name: 'phone-validations-per-user', subject: user.userId },
      { name: 'phone-validations-per-account', subject: user.accountId ?? user.userId },
      { name: 'validation-sends', subject: phoneNumber },
    ],
    now,
  );
  const validationId = newOpaqueId();
  const key = hashId(validationId);
  let started: Awaited<ReturnType<typeof startChallenge>> | undefined;
  try {
    started = await startChallenge(
      deps,
      {
        key,
        purpose: 'phone-validation',
        userId: user.userId,
        accountId: user.accountId,
        // Stryker disable next-line StringLiteral: an empty locale resolves to `en` all the same
        locale: user.locale ?? 'en',
        channel: 'sms',
        destination: phoneNumber,
      },
      now,
    );
    await sendCode(deps, {
      purpose: 'phone-validation',
      channel: 'sms',
      destination: phoneNumber,
      locale: user.locale,
      code: started.code,
    });
  } catch (error) {
    if (started) await deps.challenges.delete(key);
    await release();
    throw error instanceof DeliveryError ? errors.deliveryFailed() : error;
  }
  logger.info('mfa.phone.validation_started', { event: 'mfa.phone.validation_started', userId: user.userId });
  return {
    validationId,
    destination: maskPhone(phoneNumber),
    ...timesOf(deps, started.codeExpiresAt, started.expiresAt, now, now),
  };
}

/** A new code to the number being validated, within its cooldown, its sends and the number's daily SMS. */
export async function resendPhoneValidation(
  deps: Needs<'challenges' | 'quotas' | 'failures' | 'keys' | 'sms'>,
  who: Caller | undefined,
  validationId: string,
) {
  const caller = signedInCaller(who);
  const now = epochSeconds(deps.now());
  // Stryker disable next-line StringLiteral: the step only picks the refusal of the read; the resend's conditional write refuses the same
  const challenge = await ownValidation(deps, caller, validationId, now, 'resend');
  assertUnlocked(await deps.failures.status(challenge.userId, now));
  const target = { channel: 'sms' as const, destination: challenge.destination };
  const issued = await replaceCode(deps, challenge, now, phoneErrors.notFound, target);
  let release: (() => Promise<void>) | undefined;
  try {
    release = await takeQuotas(deps, [{ name: 'validation-sends', subject: challenge.destination }], now);
    await sendCode(deps, {
      purpose: 'phone-validation',
      ...target,
      locale: challenge.locale,
      code: issued.code,
    });
  } catch (error) {
    await deps.challenges.restoreCode(challenge.key, issued.previous, issued.digest);
    await release?.();
    throw error instanceof DeliveryError ? errors.deliveryFailed() : error;
  }
  countMetric(MetricNames.Resends, { Purpose: challenge.purpose });
  return {
    channel: target.channel,
    destination: maskPhone(challenge.destination),
    ...timesOf(deps, issued.codeExpiresAt, challenge.expiresAt, now, now),
  };
}

/** Verify: the code the new number received; the answer is the seed's green message in the user's language. */
export async function verifyPhoneValidation(
  deps: Needs<'items' | 'challenges' | 'failures' | 'keys' | 'audit'>,
  who: Caller | undefined,
  validationId: string,
  code: string,
) {
  const caller = signedInCaller(who);
  const now = epochSeconds(deps.now());
  const key = hashId(validationId);
  const [challengeItem, lockItem] = await deps.items.read([
    deps.challenges.ref(key),
    deps.failures.ref(caller.userId),
  ]);
  // Stryker disable next-line StringLiteral: the step only picks the refusal of the read; marking it verified is a conditional write
  const challenge = ownValidationOf(deps.challenges.fromItem(challengeItem), caller, now, 'verify');
  await checkCode(
    deps,
    { challenge, lock: deps.failures.fromItem(lockItem, now) },
    code,
    now,
    phoneErrors.notFound,
    {
      settle: async (digest) => {
        // Stryker disable next-line ConditionalExpression: without `match`, checkCode always hands over the sent code's digest
        if (digest === undefined) return undefined;
        const verified = await deps.challenges.markVerified(
          key,
          digest,
          now,
          now + UPDATE_WINDOW_SECONDS,
          deps.config.MFA_MAX_ATTEMPTS,
        );
        // Stryker disable next-line BooleanLiteral: checkCode only tells a settled answer from undefined (a lost race)
        return verified ? true : undefined;
      },
    },
  );
  return {
    validated: true,
    phoneNumber: challenge.destination,
    message: messagesFor(resolveLocale(challenge.locale)).phoneValidated(),
  };
}

export async function updatePhone(
  deps: Needs<'identity' | 'challenges' | 'users' | 'factors' | 'audit' | 'sms' | 'email'>,
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
  // The number received the validation code and sent it back: sign-in codes go there from now on.
  await deps.users.markPhoneProven(user.userId, challenge.destination);
  // A new phone is a new second factor: devices remembered with the old one skip no code any more.
  await deps.factors.removeAllDevices(user.userId, now);
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
  // Stryker disable next-line ConditionalExpression: a validation of the number already saved is refused at its start
  if (change.oldPhone && change.oldPhone !== change.newPhone) {
    notices.push(deps.sms.sendSms(change.oldPhone, catalogue.phoneChangedSms(input)));
  }
  const results = await Promise.allSettled(notices);
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed > 0) logger.error('mfa.phone.notice_failed', { event: 'mfa.phone.notice_failed', failed });
}
