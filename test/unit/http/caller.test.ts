import type { IdTokenClaims } from '../../../lambdas/adapters/token-verifier';
import { callerContext, callerFromEvent } from '../../../lambdas/http/caller';
import { apiEvent } from '../helpers/api-gateway';

const claims: IdTokenClaims = {
  sub: 'user-1',
  username: 'alice',
  email: 'alice@example.com',
  accountId: 'acct-1',
  role: 'admin',
  authTime: 1_700_000_000,
  sessionId: 'session-1',
  userMfaRequired: true,
  locale: 'es',
  expiresAt: 1_700_003_600,
};

/** A proxy event whose authorizer context is `context` (as API Gateway passes it: flat, beside principalId). */
const withContext = (context: Record<string, unknown>) => {
  const event = apiEvent();
  return { ...event, requestContext: { ...event.requestContext, authorizer: context } };
};

test('the authorizer hands over flat primitive values only, none undefined', () => {
  const context = callerContext(claims);
  expect(context).toEqual({
    userId: 'user-1',
    username: 'alice',
    email: 'alice@example.com',
    accountId: 'acct-1',
    role: 'admin',
    authTime: 1_700_000_000,
    sessionId: 'session-1',
    userMfaRequired: true,
    locale: 'es',
  });
  const bare = callerContext({
    ...claims,
    accountId: undefined,
    role: undefined,
    sessionId: undefined,
    locale: undefined,
  });
  expect(Object.values(bare).every((v) => ['string', 'number', 'boolean'].includes(typeof v))).toBe(true);
  expect(Object.keys(bare)).not.toContain('accountId');
  expect(Object.keys(bare)).not.toContain('locale');
});

test('maps the authorizer context back to the caller, whether values arrive typed or as strings', () => {
  const expected = {
    userId: 'user-1',
    username: 'alice',
    email: 'alice@example.com',
    accountId: 'acct-1',
    role: 'admin',
    authTime: 1_700_000_000,
    sessionId: 'session-1',
    locale: 'es',
  };
  expect(callerFromEvent(withContext({ principalId: 'user-1', ...callerContext(claims) }))).toEqual(expected);
  const strings = Object.fromEntries(Object.entries(callerContext(claims)).map(([k, v]) => [k, String(v)]));
  expect(callerFromEvent(withContext({ principalId: 'user-1', ...strings }))).toEqual(expected);
});

test('no authorizer context, or none from the session authorizer, means no caller', () => {
  expect(callerFromEvent(apiEvent())).toBeUndefined();
  // What API Gateway's Cognito authorizer would pass: not trusted any more (it checks no revocation).
  expect(callerFromEvent(withContext({ claims: { sub: 'user-1' } }))).toBeUndefined();
  expect(callerFromEvent(withContext({ principalId: 'user-1', userId: '' }))).toBeUndefined();
});

test.each(['Admin', 'owner', '', 'admin '])('an unknown role %p becomes undefined', (role) => {
  expect(callerFromEvent(withContext({ userId: 'u', role }))?.role).toBeUndefined();
});

test('missing optional values fall back safely', () => {
  expect(callerFromEvent(withContext({ userId: 'user-2', authTime: 'not a number' }))).toEqual({
    userId: 'user-2',
    username: 'user-2',
    email: '',
    accountId: undefined,
    role: undefined,
    authTime: 0,
  });
});
