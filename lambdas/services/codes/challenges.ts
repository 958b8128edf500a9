import type { Challenge, ChallengePurpose } from '../../adapters/challenge-store';
import type { MfaChannel, PreferredMethod } from '../../domain/mfa-policy';
import { challengeDigest, generateCode } from '../../domain/one-time-code';
import { decideResend } from '../../domain/rate-rules';
import type { Needs } from '../deps';
import { explainRefusal, type Gone, resendLimits, resendRefusal } from './challenge-refusal';

/**
 * Starting a challenge and replacing its code: the parts sign-in and phone validation share. The caller
 * sends the code and decides what a refused send undoes. A challenge lives MFA_SESSION_TTL_SECONDS from
 * its start, whatever is resent; each code lives MFA_CODE_TTL_SECONDS, never past the challenge's end.
 */
export interface ChallengeStart {
  readonly key: string;
  readonly purpose: ChallengePurpose;
  readonly userId: string;
  readonly accountId: string | undefined;
  readonly locale: string;
  readonly channel: PreferredMethod;
  readonly destination: string;
}

export interface IssuedCode {
  readonly code: string;
  readonly digest: string;
  readonly codeExpiresAt: number;
}

const codeExpiry = (deps: Needs, now: number, challengeEnd: number) =>
  Math.min(now + deps.config.MFA_CODE_TTL_SECONDS, challengeEnd);

function newCode(
  deps: Needs,
  hmacKey: Buffer,
  challenge: { key: string; purpose: ChallengePurpose },
): { code: string; digest: string } {
  const code = generateCode(deps.config.MFA_CODE_LENGTH);
  return { code, digest: challengeDigest(hmacKey, challenge, code) };
}

/** Stores a new challenge with a fresh code (its HMAC only); returns the code to send. */
export async function startChallenge(
  deps: Needs<'challenges' | 'keys'>,
  start: ChallengeStart,
  now: number,
  options: { sendsCode: boolean } = { sendsCode: true },
): Promise<IssuedCode & { expiresAt: number }> {
  const expiresAt = now + deps.config.MFA_SESSION_TTL_SECONDS;
  if (!options.sendsCode) {
    // Answered without a code of ours (an authenticator app): the first "send me a code" is not a resend.
    await deps.challenges.create({
      ...start,
      codeDigest: undefined,
      codeExpiresAt: expiresAt,
      lastSentAt: 0,
      createdAt: now,
      expiresAt,
      sends: 0,
    });
    // Stryker disable next-line StringLiteral: no code goes out for an app sign-in, so nobody reads these
    return { code: '', digest: '', codeExpiresAt: expiresAt, expiresAt };
  }
  const keys = await deps.keys();
  const { code, digest } = newCode(deps, keys.hmacKey, start);
  const codeExpiresAt = codeExpiry(deps, now, expiresAt);
  await deps.challenges.create({
    ...start,
    codeDigest: digest,
    codeExpiresAt,
    lastSentAt: now,
    createdAt: now,
    expiresAt,
  });
  return { code, digest, codeExpiresAt, expiresAt };
}

/**
 * "Resend code": installs a new code on a live challenge within its cooldown and send limits (one
 * conditional write: of racing resends exactly one wins), optionally to another channel. Returns the new
 * code and the challenge as it was, so a send that is refused afterwards can be undone (`restoreCode`).
 */
export async function replaceCode(
  deps: Needs<'challenges' | 'keys'>,
  challenge: Challenge,
  now: number,
  gone: Gone,
  target: { channel: MfaChannel; destination: string },
): Promise<IssuedCode & { previous: Challenge }> {
  const { config } = deps;
  const decision = decideResend(challenge, now, resendLimits(deps));
  if (!decision.allowed) throw resendRefusal(decision, challenge.purpose);
  const keys = await deps.keys();
  const { code, digest } = newCode(deps, keys.hmacKey, challenge);
  const codeExpiresAt = codeExpiry(deps, now, challenge.expiresAt);
  // Stryker disable next-line ConditionalExpression: a new channel always comes with a new destination
  const switching = target.channel !== challenge.channel || target.destination !== challenge.destination;
  const previous = await deps.challenges.replaceCode(
    challenge.key,
    { codeDigest: digest, now, codeExpiresAt, ...(switching ? target : {}) },
    { ...resendLimits(deps), maxAttempts: config.MFA_MAX_ATTEMPTS },
  );
  // Stryker disable next-line StringLiteral: every step but 'verify' is explained as a resend
  if (!previous) throw await explainRefusal(deps, challenge.key, now, 'resend', gone);
  return { code, digest, codeExpiresAt, previous };
}

/** What the login, resend and validation answers say about time: the truth, in seconds from now. */
export const timesOf = (
  deps: Needs,
  codeExpiresAt: number,
  expiresAt: number,
  lastSentAt: number,
  now: number,
) => ({
  expiresIn: Math.max(0, codeExpiresAt - now),
  sessionExpiresIn: Math.max(0, expiresAt - now),
  resendAvailableIn: Math.max(
    0,
    Math.min(lastSentAt + deps.config.MFA_RESEND_COOLDOWN_SECONDS, expiresAt) - now,
  ),
});
