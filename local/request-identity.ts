import type { APIGatewayEventIdentity } from 'aws-lambda';

/** The `requestContext.identity` API Gateway puts in a REST event: only the source IP and user agent vary. */
export const requestIdentity = (sourceIp: string, userAgent: string): APIGatewayEventIdentity => ({
  accessKey: null,
  accountId: null,
  apiKey: null,
  apiKeyId: null,
  caller: null,
  clientCert: null,
  cognitoAuthenticationProvider: null,
  cognitoAuthenticationType: null,
  cognitoIdentityId: null,
  cognitoIdentityPoolId: null,
  principalOrgId: null,
  sourceIp,
  user: null,
  userAgent,
  userArn: null,
});
