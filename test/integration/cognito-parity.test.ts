import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  DeleteUserAttributesCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createTestAccount, createTestUser, TEST_PASSWORD, type TestUser } from '../support/users';

/**
 * The local Cognito refuses what the deployed app client refuses (test/infra/local-parity.test.ts holds the
 * settings equal to the template): only ADMIN_USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, and with a user's
 * own access token only `name` and `locale` may be written — with AWS's error names, through the real SDK.
 */
const cognito = new CognitoIdentityProviderClient({});
const clientId = () => process.env.USER_POOL_CLIENT_ID!;
const poolId = () => process.env.USER_POOL_ID!;

let member: TestUser;
let accessToken: string;
let refreshToken: string;

beforeAll(async () => {
  const account = await createTestAccount();
  member = await createTestUser(account.accountId, { role: 'member' });
  const { AuthenticationResult } = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId(),
      ClientId: clientId(),
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: member.email, PASSWORD: TEST_PASSWORD },
    }),
  );
  accessToken = AuthenticationResult!.AccessToken!;
  refreshToken = AuthenticationResult!.RefreshToken!;
});

afterAll(() => cognito.destroy());

const attributes = async () => {
  const { UserAttributes } = await cognito.send(
    new AdminGetUserCommand({ UserPoolId: poolId(), Username: member.email }),
  );
  return Object.fromEntries((UserAttributes ?? []).map((a) => [a.Name, a.Value]));
};

describe('auth flows', () => {
  test.each(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH', 'CUSTOM_AUTH'] as const)(
    'InitiateAuth %s straight to Cognito is refused as AWS refuses it',
    async (flow) => {
      await expect(
        cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId(),
            AuthFlow: flow,
            AuthParameters: { USERNAME: member.email, PASSWORD: TEST_PASSWORD, SRP_A: 'abc' },
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: `${flow} flow not enabled for this client`,
      });
    },
  );

  test('the flows the deployed client allows still work: admin password, refresh', async () => {
    const refreshed = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId(),
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    expect(refreshed.AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });
});

describe('attributes a member may write with their own access token', () => {
  test.each([
    ['custom:role', 'admin'],
    ['custom:account_id', 'someone-elses-account'],
    ['custom:mfa_required', 'false'],
    ['email', 'other@example.test'],
    ['phone_number', '+14155552671'],
  ])('%s is refused with NotAuthorizedException and left unchanged', async (name, value) => {
    const before = await attributes();
    await expect(
      cognito.send(
        new UpdateUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributes: [{ Name: name, Value: value }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    expect(await attributes()).toEqual(before);
  });

  test('a refused attribute among allowed ones refuses the whole call', async () => {
    await expect(
      cognito.send(
        new UpdateUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributes: [
            { Name: 'name', Value: 'Sneaky' },
            { Name: 'custom:role', Value: 'admin' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect((await attributes())['custom:role']).toBe('member');
  });

  test('deleting a privileged attribute is refused too', async () => {
    await expect(
      cognito.send(
        new DeleteUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributeNames: ['custom:mfa_required'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  test('name and locale may be written, as the deployed client allows', async () => {
    await cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: accessToken,
        UserAttributes: [
          { Name: 'name', Value: 'Renamed Member' },
          { Name: 'locale', Value: 'it' },
        ],
      }),
    );
    expect(await attributes()).toMatchObject({
      name: 'Renamed Member',
      locale: 'it',
      'custom:role': 'member',
    });
  });
});
