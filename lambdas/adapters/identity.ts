import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Tokens } from '../domain/tokens';

/** A user as the service sees it, from the Cognito user pool's attributes. */
export interface UserProfile {
  readonly userId: string;
  readonly username: string;
  readonly email: string;
  readonly name: string;
  readonly phoneNumber: string | undefined;
  readonly locale: string | undefined;
  readonly accountId: string | undefined;
  readonly role: 'admin' | 'member' | undefined;
  readonly mfaRequired: boolean;
}

export type { Tokens } from '../domain/tokens';

/** A password that signs in: Cognito's tokens, and the user as the id token describes them. */
export type SignInResult =
  | { readonly ok: true; readonly tokens: Tokens; readonly user: UserProfile }
  | { readonly ok: false };

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly phoneNumber: string | undefined;
  readonly locale: string;
  readonly accountId: string;
  readonly role: 'admin' | 'member';
  readonly mfaRequired: boolean;
}

export type CreateUserResult =
  | { readonly ok: true; readonly userId: string }
  | { readonly ok: false; readonly reason: 'exists' | 'weak-password' };

export interface IdentityProvider {
  /** Checks the password; every kind of refusal looks the same to the caller (no user enumeration). */
  signIn(email: string, password: string): Promise<SignInResult>;
  getUser(username: string): Promise<UserProfile | undefined>;
  /** Creates a confirmed user with a permanent password; all or nothing. */
  createUser(user: NewUser): Promise<CreateUserResult>;
  /** Saves a proven MFA phone number; from then on the user signs in with SMS codes. */
  setMfaPhone(username: string, phoneNumber: string): Promise<void>;
}

/** Cognito's answers that mean "these credentials do not sign in" (cognito-local says InvalidPassword). */
const REFUSALS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidPasswordException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

export function profileFromAttributes(username: string, attributes: AttributeType[]): UserProfile {
  const attr = (name: string) => attributes.find((a) => a.Name === name)?.Value || undefined;
  const role = attr('custom:role');
  return {
    userId: attr('sub') ?? username,
    username,
    email: attr('email') ?? '',
    name: attr('name') ?? '',
    phoneNumber: attr('phone_number'),
    locale: attr('locale'),
    accountId: attr('custom:account_id'),
    role: role === 'admin' || role === 'member' ? role : undefined,
    mfaRequired: attr('custom:mfa_required') === 'true',
  };
}

/**
 * The user as the id token Cognito just returned describes them (its claims are the user's attributes
 * the app client may read): the sign-in needs no second call to read the user.
 */
export function profileFromIdToken(idToken: string): UserProfile | undefined {
  try {
    const claims = JSON.parse(
      Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    if (typeof claims.sub !== 'string') return undefined;
    const attributes = Object.entries(claims)
      .filter(([, value]) => typeof value === 'string' || typeof value === 'boolean')
      .map(([Name, value]) => ({ Name, Value: String(value) }));
    return profileFromAttributes(String(claims['cognito:username'] ?? claims.sub), attributes);
  } catch {
    return undefined;
  }
}

export function cognitoIdentity(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  clientId: string,
): IdentityProvider {
  return {
    async signIn(email, password) {
      try {
        const { AuthenticationResult: result } = await client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: userPoolId,
            ClientId: clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: password },
          }),
        );
        // A pending challenge (e.g. NEW_PASSWORD_REQUIRED) is not a sign-in this API completes.
        if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) return { ok: false };
        const user = profileFromIdToken(result.IdToken);
        if (!user) return { ok: false };
        return {
          ok: true,
          user,
          tokens: {
            idToken: result.IdToken,
            accessToken: result.AccessToken,
            refreshToken: result.RefreshToken,
            expiresIn: result.ExpiresIn ?? 3600,
            tokenType: 'Bearer',
          },
        };
      } catch (error) {
        if (REFUSALS.has((error as Error).name)) return { ok: false };
        throw error;
      }
    },

    async createUser(user) {
      const attributes = [
        { Name: 'email', Value: user.email },
        // The invitation link reached this address: that proves it.
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: user.name },
        { Name: 'locale', Value: user.locale },
        { Name: 'custom:account_id', Value: user.accountId },
        { Name: 'custom:role', Value: user.role },
        { Name: 'custom:mfa_required', Value: String(user.mfaRequired) },
        ...(user.phoneNumber
          ? [
              { Name: 'phone_number', Value: user.phoneNumber },
              { Name: 'phone_number_verified', Value: 'false' },
            ]
          : []),
      ];
      let created: string | undefined;
      try {
        const { User } = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: user.email,
            UserAttributes: attributes,
            MessageAction: 'SUPPRESS',
          }),
        );
        created = User?.Username ?? user.email;
        await client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: userPoolId,
            Username: created,
            Password: user.password,
            Permanent: true,
          }),
        );
        const sub = User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
        return { ok: true, userId: sub ?? created };
      } catch (error) {
        // No half-made user: one whose password was refused is removed again.
        if (created) {
          await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: created }));
        }
        const name = (error as Error).name;
        if (name === 'UsernameExistsException' || name === 'AliasExistsException')
          return { ok: false, reason: 'exists' };
        if (name === 'InvalidPasswordException') return { ok: false, reason: 'weak-password' };
        throw error;
      }
    },

    async setMfaPhone(username, phoneNumber) {
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: [
            { Name: 'phone_number', Value: phoneNumber },
            { Name: 'phone_number_verified', Value: 'true' },
            { Name: 'custom:mfa_required', Value: 'true' },
          ],
        }),
      );
    },

    async getUser(username) {
      try {
        const user = await client.send(
          new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
        );
        return profileFromAttributes(user.Username ?? username, user.UserAttributes ?? []);
      } catch (error) {
        if ((error as Error).name === 'UserNotFoundException') return undefined;
        throw error;
      }
    },
  };
}
