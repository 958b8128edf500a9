import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Who is calling, from the claims of the Cognito id token that API Gateway's authorizer checked. */
export interface Caller {
  readonly userId: string;
  readonly username: string;
  readonly email: string;
  readonly accountId: string | undefined;
  readonly role: 'admin' | 'member' | undefined;
  /** Epoch seconds of the sign-in that minted the token. */
  readonly authTime: number;
}

type Claims = Record<string, string | number | boolean | undefined>;

export function callerFromEvent(event: APIGatewayProxyEvent): Caller | undefined {
  const claims = event.requestContext?.authorizer?.claims as Claims | undefined;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const role = claims['custom:role'];
  return {
    userId: claims.sub,
    username: String(claims['cognito:username'] ?? claims.sub),
    email: String(claims.email ?? ''),
    accountId: typeof claims['custom:account_id'] === 'string' ? claims['custom:account_id'] : undefined,
    role: role === 'admin' || role === 'member' ? role : undefined,
    authTime: Number(claims.auth_time ?? 0),
  };
}
