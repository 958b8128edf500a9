import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { IdTokenClaims } from '../adapters/token-verifier';

/**
 * Who is calling, as the session authorizer (lambdas/authorizer) found them: it checked the Cognito id
 * token and that the session is not revoked, and handed these fields to API Gateway as its context.
 */
export interface Caller {
  readonly userId: string;
  readonly username: string;
  readonly email: string;
  readonly accountId: string | undefined;
  readonly role: 'admin' | 'member' | undefined;
  /** Epoch seconds of the sign-in that minted the token. */
  readonly authTime: number;
  /** The session (Cognito's `origin_jti`), when the pool stamps one: what a logout or password change names. */
  readonly sessionId?: string;
  /** The user's language as the token says it (notices; `resolveLocale` picks en for anything else). */
  readonly locale?: string;
}

/** API Gateway passes an authorizer's context as flat strings, numbers and booleans only. */
export type CallerContext = Record<string, string | number | boolean>;

/** What the authorizer hands over for a verified token. */
export function callerContext(claims: IdTokenClaims): CallerContext {
  return {
    userId: claims.sub,
    username: claims.username,
    email: claims.email,
    authTime: claims.authTime,
    userMfaRequired: claims.userMfaRequired,
    ...(claims.accountId ? { accountId: claims.accountId } : {}),
    ...(claims.role ? { role: claims.role } : {}),
    ...(claims.sessionId ? { sessionId: claims.sessionId } : {}),
    ...(claims.locale ? { locale: claims.locale } : {}),
  };
}

/** The caller from the authorizer's context (values may arrive as strings); undefined without one. */
export function callerFromEvent(event: APIGatewayProxyEvent): Caller | undefined {
  const context = event.requestContext?.authorizer as Record<string, unknown> | null | undefined;
  if (!context || typeof context.userId !== 'string' || context.userId === '') return undefined;
  const text = (name: string) =>
    typeof context[name] === 'string' && context[name] !== '' ? (context[name] as string) : undefined;
  const role = context.role;
  const authTime = Number(context.authTime ?? 0);
  return {
    userId: context.userId,
    username: text('username') ?? context.userId,
    email: text('email') ?? '',
    accountId: text('accountId'),
    role: role === 'admin' || role === 'member' ? role : undefined,
    authTime: Number.isFinite(authTime) ? authTime : 0,
    ...(text('sessionId') ? { sessionId: text('sessionId') } : {}),
    ...(text('locale') ? { locale: text('locale') } : {}),
  };
}
