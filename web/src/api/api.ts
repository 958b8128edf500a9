import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { currentIdToken, endSession, startSession, storedRefreshToken, type TokenSet } from '../auth/session';
import { networkProblem, type Problem, problemOf } from './problem';
import { PUBLIC_PATHS } from './public-paths';
import type { paths } from './schema';

/**
 * The one way the app talks to the API: openapi-fetch over the types generated from docs/openapi.json.
 * - the auth middleware adds `Authorization: Bearer <id token>` to every route that takes one;
 * - a 401 UNAUTHORIZED on such a route renews the tokens once (one shared refresh for every caller)
 *   and retries once; when that is not possible the session ends and the app shows Sign in;
 * - the tokens are renewed shortly before they expire.
 */
export type ApiPaths = paths;

let client: Client<ApiPaths> | undefined;
let refreshing: Promise<string | undefined> | undefined;

const auth: Middleware = {
  onRequest({ request, schemaPath }) {
    const token = currentIdToken();
    if (token && !PUBLIC_PATHS.has(schemaPath)) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    return ((await response.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** fetch with one renewal and one retry after a 401 UNAUTHORIZED of an authenticated call. */
async function fetchWithRenewal(request: Request): Promise<Response> {
  const spare = request.headers.has('Authorization') ? request.clone() : undefined;
  const response = await fetch(request);
  if (response.status !== 401 || !spare) return response;
  // REAUTHENTICATION_REQUIRED is a 401 too, but a renewed token would not be a fresh sign-in.
  if ((await errorCode(response.clone())) !== 'UNAUTHORIZED') return response;
  const renewed = await refreshSession();
  if (renewed) {
    spare.headers.set('Authorization', `Bearer ${renewed}`);
    const retried = await fetch(spare);
    if (retried.status !== 401) return retried;
  }
  endSession('expired');
  return response;
}

export function initApi(baseUrl: string): void {
  client = createClient<ApiPaths>({ baseUrl, fetch: fetchWithRenewal });
  client.use(auth);
}

export function api(): Client<ApiPaths> {
  if (!client) throw new Error('initApi() must run before the first call');
  return client;
}

/** Starts the session with a sign-in's tokens (and renews them before they expire). */
export function signIn(tokens: TokenSet): void {
  startSession(tokens, () => void refreshSession());
}

/** Renews the tokens with the stored refresh token; one request however many callers ask at once. */
export function refreshSession(): Promise<string | undefined> {
  refreshing ??= renew().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

async function renew(): Promise<string | undefined> {
  const refreshToken = storedRefreshToken();
  if (!refreshToken) return undefined;
  try {
    const { data } = await api().POST('/v1/auth/refresh', { body: { refreshToken } });
    if (!data) return undefined;
    signIn(data.tokens);
    return data.tokens.idToken;
  } catch {
    return undefined;
  }
}

/**
 * Sign out: the service revokes this session's refresh token (every token of the user with
 * `everywhere`), then the session ends here. A failed call still ends it here (nothing is kept).
 */
export async function signOut(options: { everywhere?: boolean } = {}): Promise<Outcome<unknown>> {
  const refreshToken = storedRefreshToken();
  const body = {
    ...(refreshToken ? { refreshToken } : {}),
    ...(options.everywhere ? { everywhere: true } : {}),
  };
  const result = await outcome(api().POST('/v1/auth/logout', { body }));
  if (result.ok || !options.everywhere) endSession('signedOut');
  return result;
}

/** At start: a session of this tab survives a reload through its refresh token. */
export async function resumeSession(): Promise<boolean> {
  if (!storedRefreshToken()) return false;
  const token = await refreshSession();
  if (!token) endSession('expired');
  return token !== undefined;
}

export type Outcome<T> =
  | { readonly ok: true; readonly data: T; readonly response: Response }
  | { readonly ok: false; readonly problem: Problem };

/** A call's answer as data or a Problem (a network failure included), for the screens' reducers. */
export async function outcome<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call;
    if (response.ok) return { ok: true, data: data as T, response };
    return { ok: false, problem: problemOf(error, response) };
  } catch {
    return { ok: false, problem: networkProblem };
  }
}
