import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Tokens } from '../domain/tokens';
import { COGNITO_FACTOR_ATTRIBUTES } from '../domain/user-factors';

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
  /** The pool's `phone_number_verified` (set when the number was proven by a code). */
  readonly phoneVerified?: boolean;
  /** When the user was created in the pool (ISO 8601), when the pool says. */
  readonly createdAt?: string;
}

/** What a refresh token mints: new id and access tokens (and a new refresh token when the pool rotates them). */
export interface RefreshedTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
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
  /** New tokens from a refresh token; any refusal (unknown, expired, revoked) is `ok: false`. */
  refresh(refreshToken: string): Promise<{ ok: true; tokens: RefreshedTokens } | { ok: false }>;
  /** Revokes a refresh token (and, in AWS, the tokens minted from it); false when it was not a live one. */
  revokeRefreshToken(refreshToken: string): Promise<boolean>;
  /** Sets a new permanent password; `weak-password` when the pool's policy refuses it. */
  setPassword(
    username: string,
    password: string,
  ): Promise<{ ok: true } | { ok: false; reason: 'weak-password' }>;
  setRole(username: string, role: 'admin' | 'member'): Promise<void>;
  /** Removes the MFA phone (an admin's MFA reset): codes then go by email. */
  removeMfaPhone(username: string): Promise<void>;
}

/** Cognito's answers that mean "these credentials do not sign in" (cognito-local says InvalidPassword). */
const REFUSALS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidPasswordException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

/**
 * Cognito's answers to a refresh token (or a revocation) that is not a live one of this client:
 * unknown, expired, revoked, of a disabled or deleted user, or malformed.
 */
const REFRESH_REFUSALS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidParameterException',
  'UnauthorizedException',
  'UnsupportedTokenTypeException',
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
    phoneVerified: attr('phone_number_verified') === 'true',
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

    async refresh(refreshToken) {
      try {
        const { AuthenticationResult: result } = await client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: userPoolId,
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
        if (!result?.IdToken || !result.AccessToken) return { ok: false };
        return {
          ok: true,
          tokens: {
            idToken: result.IdToken,
            accessToken: result.AccessToken,
            ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
            expiresIn: result.ExpiresIn ?? 3600,
            tokenType: 'Bearer',
          },
        };
      } catch (error) {
        if (REFRESH_REFUSALS.has((error as Error).name)) return { ok: false };
        throw error;
      }
    },

    async revokeRefreshToken(refreshToken) {
      try {
        await client.send(new RevokeTokenCommand({ ClientId: clientId, Token: refreshToken }));
        return true;
      } catch (error) {
        if (REFRESH_REFUSALS.has((error as Error).name)) return false;
        throw error;
      }
    },

    async setPassword(username, password) {
      try {
        await client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: userPoolId,
            Username: username,
            Password: password,
            Permanent: true,
          }),
        );
        return { ok: true };
      } catch (error) {
        if ((error as Error).name === 'InvalidPasswordException')
          return { ok: false, reason: 'weak-password' };
        throw error;
      }
    },

    async setRole(username, role) {
      await client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: [{ Name: 'custom:role', Value: role }],
        }),
      );
    },

    async removeMfaPhone(username) {
      await client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributeNames: [...COGNITO_FACTOR_ATTRIBUTES],
        }),
      );
    },

    async getUser(username) {
      try {
        const user = await client.send(
          new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
        );
        const profile = profileFromAttributes(user.Username ?? username, user.UserAttributes ?? []);
        const created = user.UserCreateDate;
        return created instanceof Date && !Number.isNaN(created.getTime())
          ? { ...profile, createdAt: created.toISOString() }
          : profile;
      } catch (error) {
        if ((error as Error).name === 'UserNotFoundException') return undefined;
        throw error;
      }
    },
  };
}
