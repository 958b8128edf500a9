import type { Tokens } from '../../adapters/identity';
import { errors } from '../../domain/errors';
import { epochSeconds } from '../../domain/rate-rules';
import { hashId, unseal } from '../../domain/secrets';
import { liveChallenge } from '../codes/challenge-refusal';
import { checkCode } from '../codes/code-check';
import type { Needs } from '../deps';

/**
 * The sign-in code step: the right code consumes the challenge in one conditional write that also checks
 * expiry, and only that one winner gets the tokens sealed into it at login.
 */
export async function verifyCode(
  deps: Needs<'challenges' | 'failures' | 'keys' | 'audit'>,
  input: { session: string; code: string },
): Promise<Tokens> {
  const now = epochSeconds(deps.now());
  const key = hashId(input.session);
  const challenge = await liveChallenge(deps, key, now, 'login', errors.sessionExpired);
  const sealed = await checkCode(deps, challenge, input.code, now, errors.sessionExpired, (digest) =>
    deps.challenges.consume(key, digest, now),
  );
  const keys = await deps.keys();
  return JSON.parse(unseal(keys.sealKey, sealed, key)) as Tokens;
}
