import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { handler as authorizer } from '../../lambdas/authorizer/handler';
import { setMfaSettings } from '../../lambdas/services/admin/account-settings';
import { resetUserMfa, updateUser } from '../../lambdas/services/admin/users';
import { changePassword } from '../../lambdas/services/profile/password';
import { logout } from '../../lambdas/services/sign-in/logout';
import { forgotPassword, resetPassword } from '../../lambdas/services/sign-in/password-reset';
import { refreshTokens } from '../../lambdas/services/sign-in/refresh';
import { TEST_PASSWORD } from '../support/users';
import { accountWithAdmin, lifecycleDeps, member, type Session, signIn, verdict } from './lifecycle';

/**
 * Revocation is real (design §4.1): after each cause, every earlier id token of the user is refused by
 * the session authorizer, and every earlier refresh token stops minting usable tokens; a sign-in made
 * after the answer works. Against cognito-local's real tokens and DynamoDB Local.
 */
jest.setTimeout(30_000);

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:api1234567/prod/GET/v1/me';
const tokenEvent = (token: string): APIGatewayTokenAuthorizerEvent => ({
  type: 'TOKEN',
  authorizationToken: `Bearer ${token}`,
  methodArn: METHOD_ARN,
});

describe('the session authorizer', () => {
  test('lets a fresh id token through, with the caller as its context and a policy for the whole stage', async () => {
    const { deps } = lifecycleDeps();
    const { accountId, adminSession } = await accountWithAdmin(deps);
    const answer = await authorizer(tokenEvent(adminSession.idToken));
    expect(answer.principalId).toBe(adminSession.claims.sub);
    expect(answer.policyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws:execute-api:us-east-1:123456789012:api1234567/prod/*',
      },
    ]);
    expect(answer.context).toMatchObject({
      userId: adminSession.claims.sub,
      accountId,
      role: 'admin',
      authTime: adminSession.claims.authTime,
      sessionId: expect.any(String),
    });
  });

  test('refuses access tokens, tampered tokens and anything that is not a bearer JWT', async () => {
    const { deps } = lifecycleDeps();
    const { adminSession } = await accountWithAdmin(deps);
    const access = await deps.identity.signIn(adminSession.caller.email, 'a long admin passphrase');
    if (!access.ok) throw new Error('no sign-in');
    const [header, payload, signature] = adminSession.idToken.split('.');
    const promoted = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        'custom:account_id': 'x',
      }),
    ).toString('base64url');
    for (const token of [access.tokens.accessToken, `${header}.${promoted}.${signature}`, 'a.b.c']) {
      await expect(authorizer(tokenEvent(token))).rejects.toThrow('Unauthorized');
    }
    await expect(
      authorizer({ ...tokenEvent('x'), authorizationToken: adminSession.idToken }),
    ).rejects.toThrow('Unauthorized');
  });
});

describe('refresh', () => {
  test('keeps the sign-in time and the session, as AWS does, while nothing is revoked', async () => {
    const { deps } = lifecycleDeps();
    const { adminSession } = await accountWithAdmin(deps);
    const refreshed = await refreshTokens(deps, { refreshToken: adminSession.refreshToken });
    expect(refreshed).toEqual({
      status: 'AUTHENTICATED',
      tokens: {
        idToken: expect.any(String),
        accessToken: expect.any(String),
        expiresIn: expect.any(Number),
        tokenType: 'Bearer',
      },
    });
    const claims = await deps.verifyToken(refreshed.tokens.idToken);
    expect(claims?.authTime).toBe(adminSession.claims.authTime);
    expect(claims?.sessionId).toBe(adminSession.claims.sessionId);
    expect(await verdict(deps, refreshed.tokens.idToken)).toBe('allowed');
  });

  test('an unknown, malformed or revoked refresh token is 401 REFRESH_TOKEN_INVALID', async () => {
    const { deps } = lifecycleDeps();
    const { adminSession } = await accountWithAdmin(deps);
    for (const refreshToken of ['x', adminSession.idToken, `${adminSession.refreshToken}x`]) {
      await expect(refreshTokens(deps, { refreshToken })).rejects.toMatchObject({
        status: 401,
        code: 'REFRESH_TOKEN_INVALID',
      });
    }
    await deps.identity.revokeRefreshToken(adminSession.refreshToken);
    await expect(refreshTokens(deps, { refreshToken: adminSession.refreshToken })).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_INVALID',
    });
  });
});

describe('logout', () => {
  test("ends this session (its id tokens and its refresh token); the user's other session goes on", async () => {
    const { deps } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps);
    const user = await member(accountId);
    const phone = await signIn(deps, user.email);
    const laptop = await signIn(deps, user.email);
    await logout(deps, laptop.caller, { refreshToken: laptop.refreshToken });
    expect(await verdict(deps, laptop.idToken)).toBe('logged-out');
    await expect(refreshTokens(deps, { refreshToken: laptop.refreshToken })).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_INVALID',
    });
    expect(await verdict(deps, phone.idToken)).toBe('allowed');
    await expect(refreshTokens(deps, { refreshToken: phone.refreshToken })).resolves.toMatchObject({
      status: 'AUTHENTICATED',
    });
  });

  test('without the refresh token, the session still ends: its refreshed tokens are refused too', async () => {
    const { deps } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps);
    const user = await member(accountId);
    const session = await signIn(deps, user.email);
    await logout(deps, session.caller, {});
    expect(await verdict(deps, session.idToken)).toBe('logged-out');
    await expect(refreshTokens(deps, { refreshToken: session.refreshToken })).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_INVALID',
    });
  });
});

/** Each cause of revocation, as a user or an admin triggers it through the service. */
const CAUSES: [string, (ctx: Ctx) => Promise<unknown>][] = [
  ['logout everywhere', ({ deps, victim }) => logout(deps, victim.caller, { everywhere: true })],
  [
    'a password reset',
    async ({ deps, sender, email }) => {
      const { resetSession } = await forgotPassword(deps, { email });
      await resetPassword(deps, {
        resetSession,
        code: sender.lastCode(),
        newPassword: 'a fresh reset passphrase',
      });
    },
  ],
  [
    'an MFA reset by an admin',
    ({ deps, admin, accountId, victim }) => resetUserMfa(deps, admin, accountId, victim.claims.sub),
  ],
  [
    'a role change',
    ({ deps, admin, accountId, victim }) =>
      updateUser(deps, admin, accountId, victim.claims.sub, { role: 'admin' }),
  ],
  [
    'disabling',
    ({ deps, admin, accountId, victim }) =>
      updateUser(deps, admin, accountId, victim.claims.sub, { disabled: true }),
  ],
];
interface Ctx {
  deps: ReturnType<typeof lifecycleDeps>['deps'];
  sender: ReturnType<typeof lifecycleDeps>['sender'];
  admin: Awaited<ReturnType<typeof accountWithAdmin>>['admin'];
  accountId: string;
  email: string;
  victim: Session;
}

describe.each(CAUSES)('after %s', (_cause, act) => {
  test('every earlier id token and refresh token of the user is refused; a new sign-in works', async () => {
    const { deps, sender } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps);
    const user = await member(accountId, { phoneNumber: '+14155550142' });
    const first = await signIn(deps, user.email);
    const second = await signIn(deps, user.email);
    const refreshed = await refreshTokens(deps, { refreshToken: second.refreshToken });
    const otherUser = await member(accountId);
    const bystander = await signIn(deps, otherUser.email);

    await act({ deps, sender, admin, accountId, email: user.email, victim: first });

    for (const token of [first.idToken, second.idToken, refreshed.tokens.idToken]) {
      expect(await verdict(deps, token)).not.toBe('allowed');
    }
    for (const refreshToken of [first.refreshToken, second.refreshToken]) {
      await expect(refreshTokens(deps, { refreshToken })).rejects.toMatchObject({
        code: 'REFRESH_TOKEN_INVALID',
      });
    }
    // Another user of the account is not touched.
    expect(await verdict(deps, bystander.idToken)).toBe('allowed');
    if (_cause !== 'disabling') {
      // The answer came after the revocation's second began: a sign-in now is a new, valid session.
      const password = _cause === 'a password reset' ? 'a fresh reset passphrase' : TEST_PASSWORD;
      const again = await signIn(deps, user.email, password);
      expect(await verdict(deps, again.idToken)).toBe('allowed');
    }
  });
});

describe('disabling and enabling', () => {
  test('a disabled user is refused on every session, old or new; enabled again, a new sign-in works', async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps);
    const user = await member(accountId);
    await updateUser(deps, admin, accountId, user.userId, { disabled: true });
    // cognito-local still signs a disabled user in (AWS would not, had the service disabled them there):
    // the service's own check refuses the session whatever Cognito does.
    const during = await signIn(deps, user.email);
    expect(await verdict(deps, during.idToken)).toBe('user-disabled');
    await updateUser(deps, admin, accountId, user.userId, { disabled: false });
    expect(await verdict(deps, during.idToken)).toBe('sessions-revoked');
    const after = await signIn(deps, user.email);
    expect(await verdict(deps, after.idToken)).toBe('allowed');
  });
});

describe('a password change', () => {
  test('keeps the session that made it and ends every other', async () => {
    const { deps, sender } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps);
    const user = await member(accountId, { locale: 'it' });
    const here = await signIn(deps, user.email);
    const elsewhere = await signIn(deps, user.email);
    await changePassword(deps, here.caller, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another long passphrase',
    });
    expect(await verdict(deps, here.idToken)).toBe('allowed');
    await expect(refreshTokens(deps, { refreshToken: here.refreshToken })).resolves.toMatchObject({
      status: 'AUTHENTICATED',
    });
    expect(await verdict(deps, elsewhere.idToken)).toBe('sessions-revoked');
    await expect(refreshTokens(deps, { refreshToken: elsewhere.refreshToken })).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_INVALID',
    });
    // The new password signs in; the old one no longer does; an Italian notice went out.
    await expect(deps.identity.signIn(user.email, 'another long passphrase')).resolves.toMatchObject({
      ok: true,
    });
    await expect(deps.identity.signIn(user.email, TEST_PASSWORD)).resolves.toEqual({ ok: false });
    expect(sender.emails.at(-1)).toMatchObject({
      to: user.email,
      message: { subject: expect.stringContaining('password') },
    });
    expect(sender.emails.at(-1)?.message.text).toContain('cambiata');
  });

  test('a wrong current password is 401 INVALID_CREDENTIALS and changes nothing; a weak new one is 400', async () => {
    const { deps } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps);
    const user = await member(accountId);
    const here = await signIn(deps, user.email);
    await expect(
      changePassword(deps, here.caller, {
        currentPassword: 'not my password at all',
        newPassword: 'another long passphrase',
      }),
    ).rejects.toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    await expect(
      changePassword(deps, here.caller, { currentPassword: TEST_PASSWORD, newPassword: 'short' }),
    ).rejects.toMatchObject({ status: 400, code: 'WEAK_PASSWORD', fields: { reason: 'too_short' } });
    await expect(deps.identity.signIn(user.email, TEST_PASSWORD)).resolves.toMatchObject({ ok: true });
    expect(await verdict(deps, here.idToken)).toBe('allowed');
  });
});

describe('turning MFA on for the account', () => {
  test('ends the sessions that began without a code; users who already needed one keep theirs', async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin, adminSession, adminPassword } = await accountWithAdmin(deps);
    const adminElsewhere = await signIn(deps, admin.email, adminPassword);
    const plain = await member(accountId);
    const invitedWithMfa = await member(accountId, { mfaRequired: true });
    const plainSession = await signIn(deps, plain.email);
    const mfaSession = await signIn(deps, invitedWithMfa.email);

    await setMfaSettings(deps, admin, accountId, { enabled: true });
    expect(await verdict(deps, plainSession.idToken)).toBe('mfa-turned-on');
    // The admin at the switch goes on; their other sessions end like everyone's.
    expect(adminSession.caller.sessionId).toBeDefined();
    expect(await verdict(deps, adminSession.idToken)).toBe('allowed');
    expect(await verdict(deps, adminElsewhere.idToken)).toBe('mfa-turned-on');
    await expect(refreshTokens(deps, { refreshToken: plainSession.refreshToken })).rejects.toMatchObject({
      code: 'REFRESH_TOKEN_INVALID',
    });
    expect(await verdict(deps, mfaSession.idToken)).toBe('allowed');

    // A session begun after (through the MFA step in the service) is fine; setting it on again ends nothing.
    const after = await signIn(deps, plain.email);
    await setMfaSettings(deps, admin, accountId, { enabled: true });
    expect(await verdict(deps, after.idToken)).toBe('allowed');
  });
});
