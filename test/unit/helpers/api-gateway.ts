import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { requestIdentity } from '../../../local/request-identity';

/**
 * The context the session authorizer hands API Gateway for a token with these id-token claims (as
 * lambdas/http/caller.ts `callerContext` builds it), every value a string as in a REST proxy event.
 */
export function authorizerContextFor(claims: Record<string, string>): Record<string, string> {
  const context: Record<string, string> = { principalId: claims.sub ?? '' };
  const map: Record<string, string> = {
    sub: 'userId',
    'cognito:username': 'username',
    email: 'email',
    'custom:account_id': 'accountId',
    'custom:role': 'role',
    auth_time: 'authTime',
    origin_jti: 'sessionId',
  };
  for (const [claim, key] of Object.entries(map))
    if (claims[claim] !== undefined) context[key] = claims[claim];
  return context;
}

/** A hand-made REST API (v1) proxy event, as API Gateway hands it to the Lambda. */
export function apiEvent(
  options: {
    method?: string;
    path?: string;
    body?: string | null;
    headers?: Record<string, string>;
    /** Id-token claims of the caller: become the session authorizer's context. */
    claims?: Record<string, string>;
    pathParameters?: Record<string, string> | null;
    isBase64Encoded?: boolean;
  } = {},
): APIGatewayProxyEvent {
  const method = options.method ?? 'POST';
  const path = options.path ?? '/v1/test';
  return {
    body: options.body === undefined ? null : options.body,
    headers: options.headers ?? { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    httpMethod: method,
    isBase64Encoded: options.isBase64Encoded ?? false,
    path,
    pathParameters: options.pathParameters ?? null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    resource: path,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api123',
      authorizer: options.claims ? authorizerContextFor(options.claims) : undefined,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: requestIdentity('203.0.113.7', 'jest'),
      path,
      stage: 'v1',
      requestId: 'gateway-request-id',
      requestTimeEpoch: 1_700_000_000_000,
      resourceId: 'res123',
      resourcePath: path,
    },
  };
}

export function lambdaContext(awsRequestId = 'test-request-id-0001'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'account-mfa-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:account-mfa-test',
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: '/aws/lambda/account-mfa-test',
    logStreamName: '2024/01/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The parsed `{"error":{...}}` of an error response. */
export function errorBody(result: APIGatewayProxyResult): Record<string, unknown> {
  const parsed = JSON.parse(result.body) as { error?: Record<string, unknown> };
  if (!parsed.error) throw new Error(`not an error body: ${result.body}`);
  return parsed.error;
}

/** Response header lookup, case-insensitive as HTTP headers are. */
export function header(result: APIGatewayProxyResult, name: string): string | undefined {
  const entry = Object.entries(result.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry === undefined ? undefined : String(entry[1]);
}
