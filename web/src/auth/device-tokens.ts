/**
 * "Remember this device": the device token a verify answered, kept in localStorage per email (this
 * browser, across tabs and restarts) and sent with the next sign-in of that email. It is not a session:
 * alone it opens nothing, and the service forgets it on a password change, an MFA reset or "Sign out
 * everywhere".
 */
const PREFIX = 'mfa.deviceToken:';

const keyOf = (email: string) => `${PREFIX}${email.trim().toLowerCase()}`;

export function deviceTokenFor(email: string): string | undefined {
  try {
    return window.localStorage.getItem(keyOf(email)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberDeviceToken(email: string, token: string): void {
  try {
    window.localStorage.setItem(keyOf(email), token);
  } catch {
    // Storage refused (private mode): the next sign-in asks for a code, as without the checkbox.
  }
}

export function forgetDeviceToken(email: string): void {
  try {
    window.localStorage.removeItem(keyOf(email));
  } catch {
    // nothing kept
  }
}
