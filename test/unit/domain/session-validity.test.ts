import {
  AUTHORIZER_CACHE_MAX_SECONDS,
  LOGGED_OUT_MEMORY_SECONDS,
  revocationStamp,
  type SessionState,
  sessionRefusal,
  untilStamp,
} from '../../../lambdas/domain/session-validity';

const SIGNED_IN = 1_800_000_000;
const token = { authTime: SIGNED_IN, sessionId: 'session-a', userMfaRequired: false };
const clean: SessionState = {
  user: { status: 'active', sessionsValidAfter: undefined, keptSession: undefined },
  accountMfaSessionsValidAfter: undefined,
  loggedOut: false,
};
const withUser = (user: Partial<SessionState['user']>): SessionState => ({
  ...clean,
  user: { ...clean.user, ...user },
});

describe('sessionRefusal', () => {
  test('a session with nothing against it opens routes', () => {
    expect(sessionRefusal(token, clean)).toBeUndefined();
  });

  test('a disabled user is refused whatever the session', () => {
    expect(sessionRefusal(token, withUser({ status: 'disabled' }))).toBe('user-disabled');
    expect(sessionRefusal({ ...token, authTime: SIGNED_IN + 10_000 }, withUser({ status: 'disabled' }))).toBe(
      'user-disabled',
    );
  });

  test('a logged-out session is refused', () => {
    expect(sessionRefusal(token, { ...clean, loggedOut: true })).toBe('logged-out');
  });

  test('sessions begun before the revocation stamp are refused; those begun at or after it are not', () => {
    expect(sessionRefusal(token, withUser({ sessionsValidAfter: SIGNED_IN + 1 }))).toBe('sessions-revoked');
    expect(sessionRefusal(token, withUser({ sessionsValidAfter: SIGNED_IN }))).toBeUndefined();
    expect(sessionRefusal(token, withUser({ sessionsValidAfter: SIGNED_IN - 1 }))).toBeUndefined();
  });

  test('the kept session (the one that changed the password) survives its own stamp, no other does', () => {
    const state = withUser({ sessionsValidAfter: SIGNED_IN + 5, keptSession: 'session-a' });
    expect(sessionRefusal(token, state)).toBeUndefined();
    expect(sessionRefusal({ ...token, sessionId: 'session-b' }, state)).toBe('sessions-revoked');
    expect(sessionRefusal({ ...token, sessionId: undefined }, state)).toBe('sessions-revoked');
  });

  test('with no kept session, a token without a session id is not taken for the kept one', () => {
    const state = withUser({ sessionsValidAfter: SIGNED_IN + 5, keptSession: undefined });
    expect(sessionRefusal({ ...token, sessionId: undefined }, state)).toBe('sessions-revoked');
    const mfaOn = { ...clean, accountMfaSessionsValidAfter: SIGNED_IN + 1, accountMfaKeptSession: undefined };
    expect(sessionRefusal({ ...token, sessionId: undefined }, mfaOn)).toBe('mfa-turned-on');
  });

  test('turning MFA on ends sessions begun without a code, not those of users who already needed one', () => {
    const state = { ...clean, accountMfaSessionsValidAfter: SIGNED_IN + 1 };
    expect(sessionRefusal(token, state)).toBe('mfa-turned-on');
    expect(sessionRefusal({ ...token, userMfaRequired: true }, state)).toBeUndefined();
    expect(sessionRefusal({ ...token, authTime: SIGNED_IN + 1 }, state)).toBeUndefined();
  });

  test('the session of the admin who turned MFA on is kept; no other, and no session without an id', () => {
    const state = {
      ...clean,
      accountMfaSessionsValidAfter: SIGNED_IN + 1,
      accountMfaKeptSession: 'session-a',
    };
    expect(sessionRefusal(token, state)).toBeUndefined();
    expect(sessionRefusal({ ...token, sessionId: 'session-b' }, state)).toBe('mfa-turned-on');
    expect(sessionRefusal({ ...token, sessionId: undefined }, state)).toBe('mfa-turned-on');
    // A user-level revocation still ends the kept session.
    const revoked = { ...state, user: { ...state.user, sessionsValidAfter: SIGNED_IN + 1 } };
    expect(sessionRefusal(token, revoked)).toBe('sessions-revoked');
  });

  test('the order of refusals: disabled, logged out, revoked, MFA turned on', () => {
    const all: SessionState = {
      user: { status: 'disabled', sessionsValidAfter: SIGNED_IN + 1, keptSession: undefined },
      accountMfaSessionsValidAfter: SIGNED_IN + 1,
      loggedOut: true,
    };
    expect(sessionRefusal(token, all)).toBe('user-disabled');
    expect(sessionRefusal(token, { ...all, user: { ...all.user, status: 'active' } })).toBe('logged-out');
    expect(sessionRefusal(token, { ...all, loggedOut: false, user: { ...all.user, status: 'active' } })).toBe(
      'sessions-revoked',
    );
  });
});

describe('revocation stamp', () => {
  test('voids the whole current second: the stamp is the next one', () => {
    expect(revocationStamp(new Date(SIGNED_IN * 1000))).toBe(SIGNED_IN + 1);
    expect(revocationStamp(new Date(SIGNED_IN * 1000 + 999))).toBe(SIGNED_IN + 1);
    // A session begun earlier in this very second is refused by it.
    expect(
      sessionRefusal(
        token,
        withUser({ sessionsValidAfter: revocationStamp(new Date(SIGNED_IN * 1000 + 400)) }),
      ),
    ).toBe('sessions-revoked');
  });

  test('the wait until the stamp begins is at most a second, never negative', () => {
    const stamp = SIGNED_IN + 1;
    expect(untilStamp(stamp, new Date(SIGNED_IN * 1000 + 250))).toBe(750);
    expect(untilStamp(stamp, new Date(stamp * 1000))).toBe(0);
    expect(untilStamp(stamp, new Date(stamp * 1000 + 5000))).toBe(0);
    expect(untilStamp(stamp + 3600, new Date(SIGNED_IN * 1000))).toBe(1000);
  });

  test('revocation takes effect within a minute, as the contract says', () => {
    expect(AUTHORIZER_CACHE_MAX_SECONDS).toBeLessThanOrEqual(60);
  });
});

test('a logged-out session is remembered for a day: the longest an id token minted from it lives', () => {
  expect(LOGGED_OUT_MEMORY_SECONDS).toBe(24 * 60 * 60);
});
