import { createStore } from '../store';

/**
 * The signed-in session. The id token lives in memory only; the refresh token in sessionStorage (this
 * tab, gone when it closes), so a reload renews the session (POST /v1/auth/refresh), as does a timer
 * shortly before the id token expires. No session token goes to localStorage or cookies (only the
 * device token of "Remember this device", auth/device-tokens.ts, which alone opens nothing).
 */
export interface TokenSet {
  readonly idToken: string;
  readonly expiresIn: number;
  readonly refreshToken?: string;
}

export type EndReason = 'signedOut' | 'expired' | 'reauthenticate';
export type SessionStatus =
  | { readonly signedIn: true }
  | { readonly signedIn: false; readonly reason?: EndReason };

export const sessionStore = createStore<SessionStatus>({ signedIn: false });

const REFRESH_KEY = 'mfa.refreshToken';
/** Renew this long before the id token expires. */
const REFRESH_MARGIN_SECONDS = 60;

let idToken: string | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

export const currentIdToken = (): string | undefined => idToken;

export function storedRefreshToken(): string | undefined {
  try {
    return window.sessionStorage.getItem(REFRESH_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function storeRefreshToken(token: string | undefined): void {
  try {
    if (token) window.sessionStorage.setItem(REFRESH_KEY, token);
    else window.sessionStorage.removeItem(REFRESH_KEY);
  } catch {
    // Storage refused (private mode): the session simply ends with the tab.
  }
}

/** Starts (or renews) the session; `renew` runs shortly before the id token expires. */
export function startSession(tokens: TokenSet, renew: () => void): void {
  idToken = tokens.idToken;
  if (tokens.refreshToken) storeRefreshToken(tokens.refreshToken);
  clearTimeout(refreshTimer);
  const delay = Math.max(5, tokens.expiresIn - REFRESH_MARGIN_SECONDS) * 1000;
  refreshTimer = setTimeout(renew, delay);
  if (!sessionStore.get().signedIn) sessionStore.set({ signedIn: true });
}

export function endSession(reason: EndReason): void {
  idToken = undefined;
  clearTimeout(refreshTimer);
  storeRefreshToken(undefined);
  sessionStore.set({ signedIn: false, reason });
}
