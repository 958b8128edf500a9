import { errors } from '../../domain/errors';
import { epochSeconds } from '../../domain/rate-rules';
import { openSession, tokensAt } from '../../domain/sign-in-session';
import type { Tokens } from '../../domain/tokens';
import { checkCode } from '../codes/code-check';
import type { Needs } from '../deps';

export type VerifyDeps = Needs<'items' | 'challenges' | 'failures' | 'users' | 'keys' | 'audit'>;

/**
 * The sign-in code step: one batched read (the challenge and the user's lock), then one conditional write
 * that consumes the challenge with the right code (checking the code's expiry and the attempts left), and
 * only that one winner gets the tokens sealed into the session. An SMS code that comes back proves the
 * phone it went to.
 */
export async function verifyCode(
  deps: VerifyDeps,
  input: { session: string; code: string },
): Promise<Tokens> {
  const now = epochSeconds(deps.now());
  const keys = await deps.keys();
  const opened = openSession(keys.sealKey, input.session);
  if (!opened) throw errors.sessionExpired();
  const { key, contents } = opened;
  const [challengeItem, lockItem] = await deps.items.read([
    deps.challenges.ref(key),
    deps.failures.ref(contents.userId),
  ]);
  const challenge = deps.challenges.fromItem(challengeItem);
  if (challenge?.purpose !== 'login' || challenge.userId !== contents.userId) throw errors.sessionExpired();
  await checkCode(
    deps,
    { challenge, lock: deps.failures.fromItem(lockItem, now) },
    input.code,
    now,
    errors.sessionExpired,
    async (digest) =>
      (await deps.challenges.consume(key, digest, now, deps.config.MFA_MAX_ATTEMPTS)) ? true : undefined,
  );
  // An SMS code that comes back proves the phone and that SMS gets through (unless the session says so already).
  if (
    challenge.channel === 'sms' &&
    !(contents.phoneTrusted && challenge.destination === contents.phoneNumber)
  )
    await deps.users.markPhoneProven(contents.userId, challenge.destination);
  return tokensAt(contents, now);
}
