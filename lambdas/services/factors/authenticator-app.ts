import { epochSeconds } from '../../domain/rate-rules';
import { hashId, newOpaqueId, seal } from '../../domain/secrets';
import { enrollmentSecret, otpauthUri, totpSealContext, totpStep } from '../../domain/totp';
import type { Caller } from '../../http/caller';
import { logger } from '../../http/logger';
import { startChallenge } from '../codes/challenges';
import { checkCode } from '../codes/code-check';
import type { Needs } from '../deps';
import { assertRecentSignIn, signedInCaller } from '../sessions/recent-sign-in';
import { recordFactorChange } from './factor-change';
import { factorErrors } from './factor-errors';
import { notifyFactorChange } from './notices';
import { issueRecoveryCodes } from './recovery-code-issue';

/**
 * The authenticator app (TOTP, RFC 6238): start an enrolment (a recent sign-in; the secret and the QR
 * code's URI are shown once), prove it with one code of the app (wrong codes count like any other, and
 * the code's time step can never be used again), remove it (a recent sign-in). Adding the app makes a
 * second factor required at every sign-in of the user, and gives them recovery codes if they had none.
 */
export interface TotpEnrollment {
  readonly enrollmentId: string;
  readonly secret: string;
  readonly otpauthUri: string;
  readonly expiresIn: number;
}

export async function startTotpEnrollment(
  deps: Needs<'challenges' | 'keys'>,
  who: Caller | undefined,
): Promise<TotpEnrollment> {
  const caller = signedInCaller(who);
  const now = epochSeconds(deps.now());
  assertRecentSignIn(deps, caller, now, 'Sign in again to add an authenticator app.');
  const enrollmentId = newOpaqueId();
  const keys = await deps.keys();
  const secret = enrollmentSecret(keys.hmacKey, caller.userId, enrollmentId);
  const started = await startChallenge(
    deps,
    {
      key: hashId(enrollmentId),
      purpose: 'totp-enrollment',
      userId: caller.userId,
      accountId: caller.accountId,
      locale: caller.locale ?? 'en',
      channel: 'totp',
      destination: '',
    },
    now,
    { sendsCode: false },
  );
  logger.info('mfa.totp.enrollment_started', { event: 'mfa.totp.enrollment_started', userId: caller.userId });
  return {
    enrollmentId,
    secret,
    otpauthUri: otpauthUri(secret, deps.config.PRODUCT_NAME, caller.email),
    expiresIn: started.expiresAt - now,
  };
}

export type ConfirmDeps = Needs<'items' | 'challenges' | 'failures' | 'factors' | 'keys' | 'audit' | 'email'>;

export async function confirmTotpEnrollment(
  deps: ConfirmDeps,
  who: Caller | undefined,
  enrollmentId: string,
  code: string,
): Promise<{ enabled: true; recoveryCodes?: string[] }> {
  const caller = signedInCaller(who);
  const now = epochSeconds(deps.now());
  const key = hashId(enrollmentId);
  const [challengeItem, lockItem, userItem] = await deps.items.read([
    deps.challenges.ref(key),
    deps.failures.ref(caller.userId),
    deps.factors.ref(caller.userId),
  ]);
  const challenge = deps.challenges.fromItem(challengeItem);
  // Someone else's enrolment looks exactly like one that does not exist.
  if (challenge?.purpose !== 'totp-enrollment' || challenge.userId !== caller.userId)
    throw factorErrors.enrollmentNotFound();
  const keys = await deps.keys();
  const secret = enrollmentSecret(keys.hmacKey, caller.userId, enrollmentId);
  let step: number | undefined;
  await checkCode(
    deps,
    { challenge, lock: deps.failures.fromItem(lockItem, now) },
    code,
    now,
    factorErrors.enrollmentNotFound,
    {
      match: async (answer) => {
        step = totpStep(secret, answer, now);
        return step !== undefined;
      },
      settle: () =>
        deps.challenges
          .consume(key, undefined, now, deps.config.MFA_MAX_ATTEMPTS)
          .then((won) => (won ? true : undefined)),
    },
  );

  const before = deps.factors.fromItem(userItem);
  await deps.factors.setTotp(
    caller.userId,
    seal(keys.sealKey, secret, totpSealContext(caller.userId)),
    now,
    step as number,
  );
  const recoveryCodes =
    before.recoveryCodeDigests.length === 0 ? await issueRecoveryCodes(deps, caller.userId) : undefined;
  await recordFactorChange(
    deps,
    caller,
    'mfa.totp.enabled',
    { replaced: before.totp !== undefined, recoveryCodesIssued: recoveryCodes !== undefined },
    recoveryCodes
      ? [
          ['totp', 'added'],
          ['recovery_codes', 'added'],
        ]
      : [['totp', 'added']],
  );
  await notifyFactorChange(deps, 'totpEnabled', { email: caller.email, locale: caller.locale });
  return { enabled: true, ...(recoveryCodes ? { recoveryCodes } : {}) };
}

export async function removeTotp(
  deps: Needs<'factors' | 'audit' | 'email'>,
  who: Caller | undefined,
): Promise<void> {
  const caller = signedInCaller(who);
  assertRecentSignIn(
    deps,
    caller,
    epochSeconds(deps.now()),
    'Sign in again to remove your authenticator app.',
  );
  if (!(await deps.factors.removeTotp(caller.userId))) throw factorErrors.notEnrolled();
  await recordFactorChange(deps, caller, 'mfa.totp.removed', {}, [['totp', 'removed']]);
  await notifyFactorChange(deps, 'totpRemoved', { email: caller.email, locale: caller.locale });
}
