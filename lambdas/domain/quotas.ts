import type { Config } from '../config';

/**
 * The abuse limits (docs/api.md, Limits) as data: what is counted, per what, over which windows. Every quota is a
 * sliding log of timestamps per subject (a destination, a user, an account, an address), so "at most N in
 * any hour" holds exactly; the store takes a use with one conditional write.
 */
export interface QuotaWindow {
  readonly seconds: number;
  readonly max: number;
}

export type QuotaName =
  | 'sign-in-sends'
  | 'phone-validations-per-user'
  | 'phone-validations-per-account'
  | 'validation-sends'
  | 'invitations-per-account'
  | 'invitations-per-address'
  | 'password-resets';

export interface QuotaRule {
  readonly name: QuotaName;
  readonly windows: readonly QuotaWindow[];
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Every quota with its windows, from the settings (names in lambdas/config.ts). */
export function quotaRules(config: Config): Readonly<Record<QuotaName, QuotaRule>> {
  const rule = (name: QuotaName, ...windows: QuotaWindow[]): QuotaRule => ({ name, windows });
  return {
    // Sign-in codes per phone or email, counted apart from phone validations: nobody can use up another
    // user's sign-in quota by starting validations to their number.
    'sign-in-sends': rule('sign-in-sends', {
      seconds: HOUR,
      max: config.MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR,
    }),
    'phone-validations-per-user': rule(
      'phone-validations-per-user',
      { seconds: HOUR, max: config.MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_HOUR },
      { seconds: DAY, max: config.MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_DAY },
    ),
    'phone-validations-per-account': rule('phone-validations-per-account', {
      seconds: DAY,
      max: config.MFA_MAX_PHONE_VALIDATIONS_PER_ACCOUNT_PER_DAY,
    }),
    'validation-sends': rule('validation-sends', {
      seconds: DAY,
      max: config.MFA_MAX_VALIDATION_SENDS_PER_DESTINATION_PER_DAY,
    }),
    'invitations-per-account': rule('invitations-per-account', {
      seconds: DAY,
      max: config.MAX_INVITATIONS_PER_ACCOUNT_PER_DAY,
    }),
    'invitations-per-address': rule('invitations-per-address', {
      seconds: DAY,
      max: config.MAX_INVITATIONS_PER_ADDRESS_PER_DAY,
    }),
    'password-resets': rule('password-resets', {
      seconds: HOUR,
      max: config.MAX_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
    }),
  };
}

export type QuotaDecision =
  | { readonly admitted: true; readonly kept: number[] }
  | { readonly admitted: false; readonly retryAfter: number };

/**
 * Sliding windows over one log of timestamps: admitted when every window has room, with the stamps to
 * keep (the longest window's worth, plus `now`); refused with the wait until the tightest window frees a
 * slot.
 */
export function admitToWindows(
  timestamps: readonly number[],
  now: number,
  windows: readonly QuotaWindow[],
): QuotaDecision {
  const longest = Math.max(...windows.map((w) => w.seconds));
  const recent = timestamps.filter((t) => t > now - longest).sort((a, b) => a - b);
  let retryAfter = 0;
  for (const window of windows) {
    const inWindow = recent.filter((t) => t > now - window.seconds);
    if (inWindow.length >= window.max) {
      // The oldest stamp that keeps the window full leaves it first; one slot frees then.
      const oldest = inWindow[inWindow.length - window.max] ?? now;
      retryAfter = Math.max(retryAfter, Math.max(1, oldest + window.seconds - now));
    }
  }
  return retryAfter > 0 ? { admitted: false, retryAfter } : { admitted: true, kept: [...recent, now] };
}

/** How long a quota item must live: its longest window. */
export const quotaLifetime = (rule: QuotaRule): number => Math.max(...rule.windows.map((w) => w.seconds));
