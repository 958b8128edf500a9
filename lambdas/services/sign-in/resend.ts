import { errors } from '../../domain/errors';
import { maskDestination } from '../../domain/masking';
import { codeChannels, type MfaChannel } from '../../domain/mfa-policy';
import { epochSeconds } from '../../domain/rate-rules';
import { openSession } from '../../domain/sign-in-session';
import { countMetric, MetricNames } from '../../http/metrics';
import { assertUnlocked, liveOf } from '../codes/challenge-refusal';
import { replaceCode, timesOf } from '../codes/challenges';
import { takeQuotas } from '../codes/quota';
import type { Needs } from '../deps';
import { deliverSignInCode } from './delivery';

export type ResendDeps = Needs<
  'items' | 'challenges' | 'failures' | 'users' | 'quotas' | 'keys' | 'sms' | 'email'
>;

export interface ResendResult {
  channel: MfaChannel;
  destination: string;
  expiresIn: number;
  sessionExpiresIn: number;
  resendAvailableIn: number;
  fallbackFrom?: MfaChannel;
}

/**
 * "Resend code" of a sign-in session, optionally by another channel (`email` while the phone is unproven
 * or after an SMS failed; `sms` when the user has a phone, also to leave the authenticator app). One batched read, one conditional write that
 * installs the new code (of racing resends exactly one wins, so only one uses quota), one quota write.
 * A send that is refused or fails puts the earlier code back and uses no quota.
 */
export async function resendCode(
  deps: ResendDeps,
  input: { session: string; channel?: MfaChannel },
): Promise<ResendResult> {
  const now = epochSeconds(deps.now());
  const keys = await deps.keys();
  const opened = openSession(keys.sealKey, input.session);
  if (!opened) throw errors.sessionExpired();
  const { key, contents } = opened;
  const [challengeItem, lockItem, userItem] = await deps.items.read([
    deps.challenges.ref(key),
    deps.failures.ref(contents.userId),
    deps.users.ref(contents.userId),
  ]);
  const challenge = liveOf(deps.challenges.fromItem(challengeItem), now, 'login', errors.sessionExpired);
  if (challenge.userId !== contents.userId) throw errors.sessionExpired();
  assertUnlocked(deps.failures.fromItem(lockItem, now));

  // A sign-in that started with the authenticator app has no code to send again: it asks for a channel.
  const channel = input.channel ?? (challenge.channel === 'totp' ? undefined : challenge.channel);
  if (!channel) throw errors.channelNotAvailable('totp');
  const allowed = codeChannels(
    {
      accountMfaEnabled: true,
      userMfaRequired: true,
      phoneNumber: contents.phoneNumber,
      email: contents.email,
    },
    deps.users.fromItem(contents.userId, userItem),
  );
  // An SMS that failed during this very session also opens email, whatever the record says.
  if (!allowed.includes(channel) && !(channel === 'email' && challenge.fallbackFrom === 'sms'))
    throw errors.channelNotAvailable(channel);
  const destination = channel === 'sms' ? (contents.phoneNumber ?? '') : contents.email;

  const issued = await replaceCode(deps, challenge, now, errors.sessionExpired, { channel, destination });
  let release: (() => Promise<void>) | undefined;
  try {
    release = await takeQuotas(deps, [{ name: 'sign-in-sends', subject: destination }], now);
    const { delivered } = await deliverSignInCode(
      deps,
      {
        key,
        userId: contents.userId,
        code: issued.code,
        digest: issued.digest,
        locale: challenge.locale,
        channel,
        destination,
        email: contents.email,
      },
      now,
      release,
    );
    countMetric(MetricNames.Resends, { Purpose: 'login' });
    return {
      channel: delivered.channel,
      destination: maskDestination(delivered.channel, delivered.destination),
      ...timesOf(deps, issued.codeExpiresAt, challenge.expiresAt, now, now),
      ...(delivered.fallbackFrom ? { fallbackFrom: delivered.fallbackFrom } : {}),
    };
  } catch (error) {
    await deps.challenges.restoreCode(key, issued.previous, issued.digest);
    await release?.();
    throw error;
  }
}
