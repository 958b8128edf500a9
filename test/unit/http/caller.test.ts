import { callerFromEvent } from '../../../lambdas/http/caller';
import { apiEvent } from '../helpers/api-gateway';

const claims = {
  sub: 'user-1',
  email: 'alice@example.com',
  'cognito:username': 'alice',
  'custom:account_id': 'acct-1',
  'custom:role': 'admin',
  auth_time: '1700000000',
};

test('maps the Cognito id-token claims', () => {
  expect(callerFromEvent(apiEvent({ claims }))).toEqual({
    userId: 'user-1',
    username: 'alice',
    email: 'alice@example.com',
    accountId: 'acct-1',
    role: 'admin',
    authTime: 1_700_000_000,
  });
});

test('no authorizer, or no subject, means no caller', () => {
  expect(callerFromEvent(apiEvent())).toBeUndefined();
  const { sub: _sub, ...noSub } = claims;
  expect(callerFromEvent(apiEvent({ claims: noSub }))).toBeUndefined();
});

test.each(['Admin', 'owner', '', 'admin '])('an unknown role %p becomes undefined', (role) => {
  expect(callerFromEvent(apiEvent({ claims: { ...claims, 'custom:role': role } }))?.role).toBeUndefined();
});

test('missing optional claims fall back safely', () => {
  const caller = callerFromEvent(apiEvent({ claims: { sub: 'user-2' } }));
  expect(caller).toEqual({
    userId: 'user-2',
    username: 'user-2',
    email: '',
    accountId: undefined,
    role: undefined,
    authTime: 0,
  });
});
