import { ApiError, errors } from '../../domain/errors';
import type { Caller } from '../../http/caller';
import type { Needs } from '../deps';

/** The signed-in caller, or 401 UNAUTHORIZED (the authorizer lets no route run without one). */
export function signedInCaller(caller: Caller | undefined): Caller {
  if (!caller) throw errors.unauthorized();
  return caller;
}

/**
 * Binding or removing an authenticator (a phone, an app, recovery codes) needs a sign-in of the last
 * MFA_REAUTH_MAX_AGE_SECONDS (NIST 800-63B-4 §4.1: reauthentication before changing authenticators), so
 * a session left open on a shared computer cannot swap the user's factors. `message` says what for.
 */
export function assertRecentSignIn(deps: Needs, caller: Caller, now: number, message: string): void {
  if (!caller.authTime || now - caller.authTime > deps.config.MFA_REAUTH_MAX_AGE_SECONDS) {
    throw new ApiError(401, 'REAUTHENTICATION_REQUIRED', message);
  }
}
