import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { callerContext } from '../http/caller';
import { logger } from '../http/logger';
import { checkSession } from '../services/sessions/session-check';
import { core } from '../wiring/core';
import { sessions, tokenVerifier } from '../wiring/sessions';
import { allowAll, bearerToken } from './policy';

/**
 * The session authorizer of every user and admin route: a Lambda TOKEN authorizer (a bundle of its own,
 * not a route). API Gateway's Cognito authorizer checks signatures only; this one also refuses tokens of
 * revoked sessions and disabled users (lambdas/domain/session-validity.ts). The local gateway runs this
 * very handler in-process.
 *
 * Any refusal throws `Unauthorized` (API Gateway answers 401 UNAUTHORIZED); an allowed token gets a policy
 * for the whole stage and the caller as its context (lambdas/http/caller.ts). A failure to check
 * (DynamoDB, the key set) is thrown as is: API Gateway answers 500, never lets the request through.
 */
const deps = { ...core(), verifyToken: tokenVerifier(), sessions: sessions() };

export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const token = bearerToken(event.authorizationToken);
  if (!token) throw new Error('Unauthorized');
  const check = await checkSession(deps, token, 'authorizer');
  if (!check.allowed) throw new Error('Unauthorized');
  logger.debug('session.allowed', { event: 'session.allowed', userId: check.claims.sub });
  return allowAll(check.claims.sub, event.methodArn, callerContext(check.claims));
};
