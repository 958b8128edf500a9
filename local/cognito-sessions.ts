import { AsyncLocalStorage } from 'node:async_hooks';
import { dirname } from 'node:path';

/**
 * What AWS does with a session's tokens that cognito-local (5.3.0) does not, so the local stack shows
 * AWS's behaviour:
 *
 * - A refresh (`REFRESH_TOKEN_AUTH`) keeps the sign-in time: AWS's new id and access tokens carry the
 *   `auth_time` of the sign-in that issued the refresh token; cognito-local stamps the refresh time. The
 *   service's revocation check compares `auth_time` with the user's revocation time, so without this a
 *   refresh would launder a revoked session locally.
 * - Every token of a session names it: AWS puts `origin_jti` (the refresh token's revocation id) in the id
 *   and access tokens of a client with token revocation on, the same in every token minted from that
 *   refresh token. cognito-local puts none; here it is the refresh token's `jti`.
 *
 * `withSessionClaims` wraps cognito-local's token generator and re-signs the id and access tokens with the
 * same key, key id, issuer, audience and lifetimes; `sessionRouter` wraps its router so that a refresh
 * tells the generator which session (and sign-in time) it continues.
 */
type Generated = { AccessToken: string; IdToken: string; RefreshToken?: string };
interface TokenGenerator {
  generate(...args: unknown[]): Promise<Generated>;
}
type Route = (ctx: unknown, request: Record<string, unknown>) => Promise<unknown>;
type Router = (target: string) => Route;

interface Session {
  readonly authTime: number;
  readonly originJti: string;
}

const fromCognitoLocal = (module: string) =>
  require(require.resolve(module, { paths: [dirname(require.resolve('cognito-local/package.json'))] }));

const jwt = () =>
  fromCognitoLocal('jsonwebtoken') as {
    sign(payload: object, key: string, options: object): string;
    decode(token: string, options?: { complete: true }): unknown;
  };

/** The session a refresh continues, for the token generator called inside it. */
const refreshing = new AsyncLocalStorage<Session>();

/** The session of a refresh token minted by cognito-local (a JWT: `iat` = the sign-in, `jti`). */
function sessionOf(refreshToken: unknown): Session | undefined {
  if (typeof refreshToken !== 'string') return undefined;
  const payload = jwt().decode(refreshToken) as { iat?: unknown; jti?: unknown } | null;
  if (typeof payload?.iat !== 'number' || typeof payload.jti !== 'string') return undefined;
  return { authTime: payload.iat, originJti: payload.jti };
}

export function withSessionClaims<T extends TokenGenerator>(generator: T): T {
  const { pem } = require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string };
  const original = generator.generate.bind(generator);
  const resign = (token: string, session: Session): string => {
    const { header, payload } = jwt().decode(token, { complete: true }) as {
      header: { kid?: string };
      payload: Record<string, unknown>;
    };
    return jwt().sign({ ...payload, auth_time: session.authTime, origin_jti: session.originJti }, pem, {
      algorithm: 'RS256',
      keyid: header.kid,
    });
  };
  generator.generate = async (...args: unknown[]) => {
    const tokens = await original(...args);
    const session = refreshing.getStore() ?? sessionOf(tokens.RefreshToken);
    if (!session) return tokens;
    return {
      ...tokens,
      IdToken: resign(tokens.IdToken, session),
      AccessToken: resign(tokens.AccessToken, session),
    };
  };
  return generator;
}

const REFRESH_FLOWS = new Set(['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);

export function sessionRouter(router: Router): Router {
  return (target) => {
    const route = router(target);
    if (target !== 'AdminInitiateAuth' && target !== 'InitiateAuth') return route;
    return (ctx, request) => {
      const parameters = request?.AuthParameters as Record<string, unknown> | undefined;
      const session = REFRESH_FLOWS.has(String(request?.AuthFlow))
        ? sessionOf(parameters?.REFRESH_TOKEN)
        : undefined;
      return session ? refreshing.run(session, () => route(ctx, request)) : route(ctx, request);
    };
  };
}
