import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { CallerContext } from '../http/caller';

/** `Bearer <JWT>` → the JWT; anything else → undefined. */
export const bearerToken = (header: string | undefined): string | undefined =>
  /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(header ?? '')?.[1];

/** `arn:…:<api>/<stage>/GET/v1/me` → `arn:…:<api>/<stage>/*`: every method and path of the stage. */
export const stageWildcard = (methodArn: string): string => {
  const [api, stage] = methodArn.split('/');
  if (!api?.startsWith('arn:') || !stage) throw new Error('unexpected method ARN');
  return `${api}/${stage}/*`;
};

/**
 * An allowed token's answer: a policy for every method of the stage (API Gateway caches the answer per
 * token, and a cached answer must hold for the next route too) and the caller as the context handlers read.
 */
export const allowAll = (
  principalId: string,
  methodArn: string,
  context: CallerContext,
): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: stageWildcard(methodArn) }],
  },
  context,
});
