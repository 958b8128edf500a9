import { errors } from '../../domain/errors';
import { epochSeconds } from '../../domain/rate-rules';
import { hashId } from '../../domain/secrets';
import { liveChallenge } from '../codes/challenge-refusal';
import { type ResendResult, sendNewCode } from '../codes/new-code';
import type { Needs } from '../deps';

/** "Resend code" of a sign-in session. */
export async function resendCode(
  deps: Needs<'challenges' | 'failures' | 'sendLimiter' | 'keys' | 'sms' | 'email'>,
  input: { session: string },
): Promise<ResendResult> {
  const now = epochSeconds(deps.now());
  const challenge = await liveChallenge(deps, hashId(input.session), now, 'login', errors.sessionExpired);
  return sendNewCode(deps, challenge, now, errors.sessionExpired);
}
