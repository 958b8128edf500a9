import { bearerToken, stageWildcard } from '../../../lambdas/authorizer/policy';
import { BEARER_TOKEN_PATTERN } from '../../../lib/session-authorizer';
import { authorizerContext, policyAllows } from '../../../local/gateway';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln';

test('only a Bearer JWT reaches the check (as the API Gateway validation expression lets through)', () => {
  expect(bearerToken(`Bearer ${JWT}`)).toBe(JWT);
  for (const header of [
    undefined,
    '',
    JWT,
    `Basic ${JWT}`,
    `Bearer ${JWT} x`,
    'Bearer a.b',
    `Bearer  ${JWT}`,
  ]) {
    expect(bearerToken(header)).toBeUndefined();
  }
  const gateway = new RegExp(BEARER_TOKEN_PATTERN);
  expect(gateway.test(`Bearer ${JWT}`)).toBe(true);
  expect(gateway.test(`Bearer ${JWT}\n`)).toBe(false);
  expect(gateway.test('Bearer a.b')).toBe(false);
});

test('an allowed token gets a policy for every method of the stage (API Gateway caches it per token)', () => {
  expect(stageWildcard('arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1/me')).toBe(
    'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*',
  );
  expect(() => stageWildcard('arn:aws:execute-api:eu-west-1:123456789012:abc123')).toThrow();
});

describe('the local gateway reads an authorizer answer as API Gateway does', () => {
  const arn = 'arn:aws:execute-api:us-east-1:000000000000:local/local/GET/v1/me';
  const allow = (resource: string, effect: 'Allow' | 'Deny' = 'Allow') => ({
    principalId: 'u1',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: resource }],
    },
    context: { userId: 'u1', authTime: 1_800_000_000, userMfaRequired: false },
  });

  test('a wildcard resource allows; a Deny or another stage does not', () => {
    expect(policyAllows(allow(stageWildcard(arn)), arn)).toBe(true);
    expect(policyAllows(allow(stageWildcard(arn), 'Deny'), arn)).toBe(false);
    expect(policyAllows(allow('arn:aws:execute-api:us-east-1:000000000000:local/prod/*'), arn)).toBe(false);
  });

  test('the context arrives flat, beside principalId, as strings', () => {
    expect(authorizerContext(allow('*'))).toEqual({
      principalId: 'u1',
      userId: 'u1',
      authTime: '1800000000',
      userMfaRequired: 'false',
    });
  });
});
