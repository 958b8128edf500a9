import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';

/**
 * Checks a Cognito id token the way API Gateway's Cognito authorizer does, and more strictly: RS256
 * signature against the user pool's published keys (fetched once, cached, refetched for an unknown key
 * id), issuer, audience (the app client), expiry, and `token_use` = `id`. Returns the claims, or undefined
 * for any token that fails a check (the reason is not the caller's business).
 */
export interface IdTokenClaims {
  readonly sub: string;
  readonly username: string;
  readonly email: string;
  readonly accountId: string | undefined;
  readonly role: 'admin' | 'member' | undefined;
  readonly authTime: number;
  /** Cognito's `origin_jti`: one value for every token minted from one refresh token (the session). */
  readonly sessionId: string | undefined;
  readonly userMfaRequired: boolean;
  /** The user's `locale` attribute when the token was minted (for notices; may lag a change by a refresh). */
  readonly locale: string | undefined;
  readonly expiresAt: number;
}

export type TokenVerifier = (token: string) => Promise<IdTokenClaims | undefined>;

export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
}

/** The claims the service reads, from a verified payload; undefined when one it needs is missing. */
export function claimsOf(payload: JWTPayload): IdTokenClaims | undefined {
  const text = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : undefined);
  const role = text('custom:role');
  const authTime = payload.auth_time;
  if (typeof payload.sub !== 'string' || typeof authTime !== 'number' || typeof payload.exp !== 'number')
    return undefined;
  return {
    sub: payload.sub,
    username: text('cognito:username') ?? payload.sub,
    email: text('email') ?? '',
    accountId: text('custom:account_id'),
    role: role === 'admin' || role === 'member' ? role : undefined,
    authTime,
    sessionId: text('origin_jti'),
    userMfaRequired: text('custom:mfa_required') === 'true',
    locale: text('locale'),
    expiresAt: payload.exp,
  };
}

const SERVER_PROBLEMS = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID']);

export function cognitoTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 3000 });
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'auth_time', 'token_use'],
      }));
    } catch (error) {
      // The key set could not be fetched or read: a server problem, not a bad token.
      if (!(error instanceof errors.JOSEError) || SERVER_PROBLEMS.has(error.code)) throw error;
      return undefined;
    }
    if (payload.token_use !== 'id') return undefined;
    return claimsOf(payload);
  };
}
