import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
  InvalidPasswordException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { cognitoIdentity, profileFromAttributes } from '../../../lambdas/adapters/identity';

const client = new CognitoIdentityProviderClient({ region: 'us-east-1' });
const cognitoMock = mockClient(client);
const identity = cognitoIdentity(client, 'us-east-1_pool', 'client-id');
const meta = { $metadata: {} };

beforeEach(() => cognitoMock.reset());

/** An id token as Cognito shapes it (header.payload.signature); the adapter reads only its claims. */
const idToken = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(claims), 'signature']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');
const ALICE_ID_TOKEN = idToken({
  sub: 'sub-alice',
  'cognito:username': 'sub-alice',
  email: 'alice@example.com',
  email_verified: true,
  name: 'Alice',
  phone_number: '+34612345678',
  locale: 'es',
  'custom:account_id': 'acct-1',
  'custom:role': 'admin',
  'custom:mfa_required': 'true',
  token_use: 'id',
  auth_time: 1_700_000_000,
});

describe('signIn', () => {
  test('a completed password sign-in returns the tokens and the user as the id token describes them (one call)', async () => {
    cognitoMock.on(AdminInitiateAuthCommand).resolves({
      AuthenticationResult: {
        IdToken: ALICE_ID_TOKEN,
        AccessToken: 'access',
        RefreshToken: 'refresh',
        ExpiresIn: 1800,
      },
    });
    await expect(identity.signIn('alice@example.com', 'pw')).resolves.toEqual({
      ok: true,
      user: {
        userId: 'sub-alice',
        username: 'sub-alice',
        email: 'alice@example.com',
        name: 'Alice',
        phoneNumber: '+34612345678',
        locale: 'es',
        accountId: 'acct-1',
        role: 'admin',
        mfaRequired: true,
      },
      tokens: {
        idToken: ALICE_ID_TOKEN,
        accessToken: 'access',
        refreshToken: 'refresh',
        expiresIn: 1800,
        tokenType: 'Bearer',
      },
    });
    expect(cognitoMock).toHaveReceivedCommandWith(AdminInitiateAuthCommand, {
      UserPoolId: 'us-east-1_pool',
      ClientId: 'client-id',
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice@example.com', PASSWORD: 'pw' },
    });
    expect(cognitoMock.calls()).toHaveLength(1);
  });

  test('an id token that cannot be read is not a sign-in', async () => {
    cognitoMock.on(AdminInitiateAuthCommand).resolves({
      AuthenticationResult: { IdToken: 'not-a-jwt', AccessToken: 'access', RefreshToken: 'refresh' },
    });
    await expect(identity.signIn('alice@example.com', 'pw')).resolves.toEqual({ ok: false });
  });

  test('expiresIn defaults to 3600 when Cognito omits it', async () => {
    cognitoMock.on(AdminInitiateAuthCommand).resolves({
      AuthenticationResult: { IdToken: ALICE_ID_TOKEN, AccessToken: 'access', RefreshToken: 'refresh' },
    });
    const result = await identity.signIn('alice@example.com', 'pw');
    expect(result.ok && result.tokens.expiresIn).toBe(3600);
  });

  test.each([
    [
      'NotAuthorizedException',
      new NotAuthorizedException({ message: 'Incorrect username or password.', ...meta }),
    ],
    ['UserNotFoundException', new UserNotFoundException({ message: 'User does not exist.', ...meta })],
    ['InvalidPasswordException', new InvalidPasswordException({ message: 'Invalid password', ...meta })],
    ['UserNotConfirmedException', new UserNotConfirmedException({ message: 'not confirmed', ...meta })],
    ['PasswordResetRequiredException', new PasswordResetRequiredException({ message: 'reset', ...meta })],
  ])('%s → { ok: false } (same answer, no enumeration)', async (_name, error) => {
    cognitoMock.on(AdminInitiateAuthCommand).rejects(error);
    await expect(identity.signIn('alice@example.com', 'wrong')).resolves.toEqual({ ok: false });
  });

  test('InternalErrorException is rethrown, not hidden as a refusal', async () => {
    const error = new InternalErrorException({ message: 'boom', ...meta });
    cognitoMock.on(AdminInitiateAuthCommand).rejects(error);
    await expect(identity.signIn('alice@example.com', 'pw')).rejects.toBe(error);
  });

  test('a throttling error is rethrown', async () => {
    cognitoMock
      .on(AdminInitiateAuthCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'TooManyRequestsException' }));
    await expect(identity.signIn('alice@example.com', 'pw')).rejects.toThrow('slow down');
  });

  test('a NEW_PASSWORD_REQUIRED challenge (no tokens) → { ok: false }', async () => {
    cognitoMock.on(AdminInitiateAuthCommand).resolves({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'cognito-session',
      ChallengeParameters: { USER_ID_FOR_SRP: 'alice' },
    });
    await expect(identity.signIn('alice@example.com', 'pw')).resolves.toEqual({ ok: false });
  });

  test('a partial token set → { ok: false }', async () => {
    cognitoMock
      .on(AdminInitiateAuthCommand)
      .resolves({ AuthenticationResult: { IdToken: 'id', AccessToken: 'access' } });
    await expect(identity.signIn('alice@example.com', 'pw')).resolves.toEqual({ ok: false });
  });
});

describe('getUser', () => {
  test('maps the user pool attributes', async () => {
    cognitoMock.on(AdminGetUserCommand).resolves({
      Username: 'alice-username',
      UserAttributes: [
        { Name: 'sub', Value: 'sub-1' },
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'custom:role', Value: 'admin' },
      ],
    });
    const user = await identity.getUser('alice@example.com');
    expect(user).toMatchObject({
      userId: 'sub-1',
      username: 'alice-username',
      email: 'alice@example.com',
      role: 'admin',
    });
    expect(cognitoMock).toHaveReceivedCommandWith(AdminGetUserCommand, {
      UserPoolId: 'us-east-1_pool',
      Username: 'alice@example.com',
    });
  });

  test('UserNotFoundException → undefined', async () => {
    cognitoMock.on(AdminGetUserCommand).rejects(new UserNotFoundException({ message: 'nope', ...meta }));
    await expect(identity.getUser('ghost@example.com')).resolves.toBeUndefined();
  });

  test('other errors are rethrown', async () => {
    cognitoMock.on(AdminGetUserCommand).rejects(new InternalErrorException({ message: 'boom', ...meta }));
    await expect(identity.getUser('alice@example.com')).rejects.toBeInstanceOf(InternalErrorException);
  });
});

describe('profileFromAttributes', () => {
  test('maps standard and custom attributes', () => {
    expect(
      profileFromAttributes('alice', [
        { Name: 'sub', Value: 'sub-1' },
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'name', Value: 'Alice Liddell' },
        { Name: 'phone_number', Value: '+14155552671' },
        { Name: 'locale', Value: 'es-MX' },
        { Name: 'custom:account_id', Value: 'acct-1' },
        { Name: 'custom:role', Value: 'member' },
        { Name: 'custom:mfa_required', Value: 'true' },
      ]),
    ).toEqual({
      userId: 'sub-1',
      username: 'alice',
      email: 'alice@example.com',
      name: 'Alice Liddell',
      phoneNumber: '+14155552671',
      locale: 'es-MX',
      accountId: 'acct-1',
      role: 'member',
      mfaRequired: true,
    });
  });

  test('missing, empty and unknown values fall back safely', () => {
    expect(
      profileFromAttributes('bob', [
        { Name: 'phone_number', Value: '' },
        { Name: 'custom:role', Value: 'root' },
        { Name: 'custom:mfa_required', Value: 'TRUE' },
      ]),
    ).toEqual({
      userId: 'bob',
      username: 'bob',
      email: '',
      name: '',
      phoneNumber: undefined,
      locale: undefined,
      accountId: undefined,
      role: undefined,
      mfaRequired: false,
    });
  });

  test.each([
    ['true', true],
    ['false', false],
    ['1', false],
  ])('custom:mfa_required=%p → %p', (value, expected) => {
    expect(profileFromAttributes('u', [{ Name: 'custom:mfa_required', Value: value }]).mfaRequired).toBe(
      expected,
    );
  });
});
