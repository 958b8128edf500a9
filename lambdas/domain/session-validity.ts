/**
 * When a signed-in session stops opening routes, as a pure rule. Cognito's tokens are signed for an
 * hour (refresh tokens for longer) and API Gateway cannot take them back, so the service keeps, per user
 * and per account, the time from which earlier sign-ins are void, and compares each token's sign-in time
 * (`auth_time`, which Cognito keeps unchanged when a refresh token mints new tokens) with it.
 */
export interface SessionToken {
  /** Epoch seconds of the sign-in that started the session (the token's `auth_time`). */
  readonly authTime: number;
  /** The session's id (Cognito's `origin_jti`: the same for every token minted from one refresh token). */
  readonly sessionId: string | undefined;
  /** The user's own `custom:mfa_required` flag when the token was minted. */
  readonly userMfaRequired: boolean;
}

export interface SessionState {
  readonly user: {
    readonly status: 'active' | 'disabled';
    /** Sessions that began before this second are void... */
    readonly sessionsValidAfter: number | undefined;
    /** ...except this one (the session that changed the password keeps working). */
    readonly keptSession: string | undefined;
  };
  /** Sessions that began before MFA was last turned on for the account (when it ever was)... */
  readonly accountMfaSessionsValidAfter: number | undefined;
  /** ...except the session of the admin who turned it on (they are at the switch, not an intruder). */
  readonly accountMfaKeptSession?: string;
  /** This very session was ended by a logout. */
  readonly loggedOut: boolean;
}

export const SESSION_REFUSALS = ['user-disabled', 'logged-out', 'sessions-revoked', 'mfa-turned-on'] as const;
export type SessionRefusal = (typeof SESSION_REFUSALS)[number];

/** Why this session may no longer open a route, or undefined when it may. */
export function sessionRefusal(token: SessionToken, state: SessionState): SessionRefusal | undefined {
  if (state.user.status === 'disabled') return 'user-disabled';
  if (state.loggedOut) return 'logged-out';
  const { sessionsValidAfter, keptSession } = state.user;
  const kept = keptSession !== undefined && token.sessionId === keptSession;
  if (token.authTime < (sessionsValidAfter ?? 0) && !kept) return 'sessions-revoked';
  // A user who needed a code on their own already signed in with one; the others had no second factor.
  const mfaStamp = state.accountMfaSessionsValidAfter;
  const keptByAdmin = token.sessionId !== undefined && token.sessionId === state.accountMfaKeptSession;
  if (!token.userMfaRequired && token.authTime < (mfaStamp ?? 0) && !keptByAdmin) return 'mfa-turned-on';
  return undefined;
}

/**
 * The stamp that voids every session begun up to now: the next whole second. `auth_time` has whole
 * seconds, so a session begun earlier in this second is void too; the service waits for that second to
 * begin before it answers (see `untilStamp`), so a sign-in made after the answer is never caught by it.
 */
export const revocationStamp = (now: Date): number => Math.floor(now.getTime() / 1000) + 1;

/** Milliseconds from `now` until `stamp` (epoch seconds) begins, at most one second. */
export const untilStamp = (stamp: number, now: Date): number =>
  Math.min(1000, Math.max(0, stamp * 1000 - now.getTime()));

/** How long the API Gateway may reuse an authorizer's answer for one token (revocation takes at most this). */
export const AUTHORIZER_CACHE_MAX_SECONDS = 60;

/** How long a logged-out session is remembered: the longest an id token minted from it can live. */
export const LOGGED_OUT_MEMORY_SECONDS = 24 * 3600;
