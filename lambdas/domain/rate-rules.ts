import { admitToWindows, type QuotaDecision } from './quotas';

/**
 * Pure rules behind the code limits (docs/api.md, Codes). The stores enforce them atomically with conditional
 * writes; these functions decide what to tell the caller.
 */

/** Sliding window: at most `max` events in any `windowSeconds`; returns the timestamps to keep. */
export function admitToWindow(
  timestamps: readonly number[],
  now: number,
  windowSeconds: number,
  max: number,
): QuotaDecision {
  return admitToWindows(timestamps, now, [{ seconds: windowSeconds, max }]);
}

export interface SendState {
  readonly sends: number;
  readonly lastSentAt: number;
}

export type ResendDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'cooldown'; readonly retryAfter: number }
  | { readonly allowed: false; readonly reason: 'max-sends' };

export function decideResend(
  state: SendState,
  now: number,
  limits: { cooldownSeconds: number; maxSends: number },
): ResendDecision {
  if (state.sends >= limits.maxSends) return { allowed: false, reason: 'max-sends' };
  const wait = state.lastSentAt + limits.cooldownSeconds - now;
  if (wait > 0) return { allowed: false, reason: 'cooldown', retryAfter: wait };
  return { allowed: true };
}

/** Seconds until the next resend is allowed, as the contract's `resendAvailableIn`. */
export const resendAvailableIn = (lastSentAt: number, now: number, cooldownSeconds: number): number =>
  Math.max(0, lastSentAt + cooldownSeconds - now);

/** How long a user's failure streak is remembered without a new failure (then it starts again at zero). */
export const FAILURE_MEMORY_SECONDS = 24 * 60 * 60;

export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
