import type { Tokens } from '../../adapters/identity';
import { errors } from '../../domain/errors';
import { maskDestination, maskEmail } from '../../domain/masking';
import { isMfaRequired, type MfaChannel, mfaDestination } from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import { logger } from '../../http/logger';
import { issueChallenge } from '../codes/code-delivery';
import type { Needs } from '../deps';
import { mfaSubjectOf } from '../mfa-subject';

export type LoginResult =
  | { status: 'AUTHENTICATED'; tokens: Tokens }
  | {
      status: 'MFA_REQUIRED';
      session: string;
      channel: MfaChannel;
      destination: string;
      expiresIn: number;
      resendAvailableIn: number;
    };

/**
 * The password step. Without MFA the caller gets Cognito's tokens; with MFA the tokens are sealed into a
 * new challenge and only an opaque session id goes back, with the code on its way by SMS or email.
 */
export async function login(
  deps: Needs<'identity' | 'accounts' | 'challenges' | 'failures' | 'sendLimiter' | 'keys' | 'sms' | 'email'>,
  input: { email: string; password: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const signIn = await deps.identity.signIn(email, input.password);
  const user = signIn.ok ? await deps.identity.getUser(email) : undefined;
  if (!signIn.ok || !user) {
    logger.info('auth.login.failed', { event: 'auth.login.failed', email: maskEmail(email) });
    throw errors.invalidCredentials();
  }
  const subject = await mfaSubjectOf(deps, user);
  if (!isMfaRequired(subject)) {
    logger.info('auth.login.succeeded', { event: 'auth.login.succeeded', userId: user.userId, mfa: false });
    return { status: 'AUTHENTICATED', tokens: signIn.tokens };
  }

  const { config } = deps;
  const now = epochSeconds(deps.now());
  const { channel, destination } = mfaDestination(subject);
  const session = await issueChallenge(
    deps,
    { purpose: 'login', user, channel, destination, tokens: signIn.tokens },
    now,
  );
  return {
    status: 'MFA_REQUIRED',
    session,
    channel,
    destination: maskDestination(channel, destination),
    expiresIn: config.MFA_CODE_TTL_SECONDS,
    resendAvailableIn: config.MFA_RESEND_COOLDOWN_SECONDS,
  };
}
