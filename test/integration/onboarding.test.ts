import { randomUUID } from 'node:crypto';
import { invitationKey, newInvitationToken } from '../../lambdas/domain/invitation';
import { hashId } from '../../lambdas/domain/secrets';
import { describeInvitation, inviteUser } from '../../lambdas/services/onboarding/invitations';
import { register } from '../../lambdas/services/onboarding/registration';
import { login } from '../../lambdas/services/sign-in/login';
import {
  allStrings,
  invitationTokenFrom,
  RecordingSender,
  rawItem,
  seedAccount,
  settle,
  testDeps,
} from './fixtures';

const PASSWORD = 'purple monkey dishwasher';

async function invited(options: { mfaEnabled?: boolean; locale?: string } = {}) {
  const sender = new RecordingSender();
  const deps = testDeps({ sender });
  const { accountId, admin } = await seedAccount(deps, { mfaEnabled: options.mfaEnabled ?? true });
  const email = `New.User+${randomUUID()}@Example.test `;
  const invitation = await inviteUser(deps, admin, accountId, { email, locale: options.locale });
  return {
    deps,
    sender,
    accountId,
    admin,
    invitation,
    token: invitationTokenFrom(sender),
    email: email.trim().toLowerCase(),
  };
}

describe('invitations', () => {
  test('the invitation email names the account and the inviter, says when it expires, and carries the link', async () => {
    const { sender, invitation, email, accountId } = await invited();
    expect(invitation).toMatchObject({ email, mfaRequired: true, invitationId: expect.any(String) });
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(604_800_000 - 60_000);
    const [sent] = sender.emails;
    expect(sent?.to).toBe(email);
    // The subject holds no text anyone typed (account and inviter names are in the body).
    expect(sent?.message.subject).toBe('Your invitation to Account MFA');
    expect(sent?.message.text).toContain(`Account ${accountId.slice(0, 8)}`);
    expect(sent?.message.text).toContain('Ada Admin');
    expect(sent?.message.text).toMatch(/expires on .*2\d{3}/);
    expect(sent?.message.text).toMatch(
      /^Create your account here: http:\/\/localhost:\d+\/register\?invitation=[\w-]{22}$/m,
    );
  });

  test('the invitation email speaks the requested language', async () => {
    const { sender } = await invited({ locale: 'it' });
    expect(sender.emails[0]?.message.text).toContain('ti ha invitato');
  });

  test('only the token hash is stored, and the invitation describes itself by token', async () => {
    const { deps, token, email, invitation } = await invited();
    const stored = await deps.invitations.get(invitationKey(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    await expect(describeInvitation(deps, token)).resolves.toEqual({
      email,
      accountName: expect.stringMatching(/^Account /),
      mfaRequired: true,
      expiresAt: invitation.expiresAt,
    });
  });

  test('an email that already belongs to a user is USER_EXISTS', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { accountId, admin } = await seedAccount(deps);
    await expect(
      inviteUser(deps, admin, accountId, { email: admin.email.toUpperCase() }),
    ).rejects.toMatchObject({
      code: 'USER_EXISTS',
      status: 409,
    });
    expect(sender.emails).toHaveLength(0);
  });

  test('an admin of another account, and a member, get FORBIDDEN', async () => {
    const deps = testDeps({ sender: new RecordingSender() });
    const mine = await seedAccount(deps);
    const other = await seedAccount(deps);
    await expect(
      inviteUser(deps, mine.admin, other.accountId, { email: 'x@example.test' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      inviteUser(deps, { ...mine.admin, role: 'member' }, mine.accountId, { email: 'x@example.test' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a failed invitation email leaves no invitation behind', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { accountId, admin } = await seedAccount(deps);
    sender.failing = true;
    await expect(inviteUser(deps, admin, accountId, { email: 'nobody@example.test' })).rejects.toMatchObject({
      code: 'DELIVERY_FAILED',
    });
  });

  test('unknown, malformed, expired-but-stored and used tokens get 404, 404, 410 and 410', async () => {
    const { deps, token, accountId } = await invited();
    await expect(describeInvitation(deps, newInvitationToken())).rejects.toMatchObject({
      code: 'INVITATION_NOT_FOUND',
      status: 404,
    });
    await expect(describeInvitation(deps, '../../etc')).rejects.toMatchObject({
      code: 'INVITATION_NOT_FOUND',
    });
    const expiredToken = newInvitationToken();
    await deps.invitations.create({
      key: invitationKey(expiredToken),
      invitationId: randomUUID(),
      accountId,
      email: 'late@example.test',
      role: 'member',
      mfaRequired: true,
      invitedBy: 'test',
      createdAt: 1,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    await expect(describeInvitation(deps, expiredToken)).rejects.toMatchObject({
      code: 'INVITATION_EXPIRED',
      status: 410,
    });
    await expect(
      register(deps, { invitationToken: expiredToken, name: 'Late', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'INVITATION_EXPIRED' });
    await register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD });
    await expect(describeInvitation(deps, token)).rejects.toMatchObject({
      code: 'INVITATION_USED',
      status: 410,
    });
  });
});

describe('registration', () => {
  test('a user with a phone registers, gets SMS, and signs in with an SMS code', async () => {
    const { deps, sender, token, email } = await invited();
    const result = await register(deps, {
      invitationToken: token,
      name: '  Nia Newcomer  ',
      password: PASSWORD,
      phoneNumber: '+1 (415) 555-2671',
      locale: 'es',
    });
    expect(result).toEqual({ userId: expect.any(String), email, mfaChannel: 'sms' });
    const user = await deps.identity.getUser(email);
    expect(user).toMatchObject({
      name: 'Nia Newcomer',
      phoneNumber: '+14155552671',
      locale: 'es',
      role: 'member',
      mfaRequired: true,
    });
    const signIn = await login(deps, { email, password: PASSWORD });
    expect(signIn).toMatchObject({ status: 'MFA_REQUIRED', channel: 'sms', destination: '+1 ********71' });
    expect(sender.sms.at(-1)).toMatchObject({
      to: '+14155552671',
      text: expect.stringContaining('tu codigo'),
    });

    // No stored attribute holds the code, the session id or the tokens in the clear.
    if (signIn.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    const code = sender.lastCode();
    const sessionId = signIn.session.split('.')[0]!;
    const stored = allStrings(await rawItem(`CHALLENGE#${hashId(sessionId)}`));
    expect(stored.length).toBeGreaterThan(5);
    expect(stored.filter((value) => value.includes(code) || value.includes(sessionId))).toEqual([]);
  });

  test('without a phone, codes go by email when MFA is required', async () => {
    const { deps, token, email } = await invited({ mfaEnabled: true });
    await expect(
      register(deps, { invitationToken: token, name: 'Em', password: PASSWORD }),
    ).resolves.toMatchObject({
      mfaChannel: 'email',
    });
    await expect(login(deps, { email, password: PASSWORD })).resolves.toMatchObject({ channel: 'email' });
  });

  test('invited while MFA was off and without a phone: no MFA', async () => {
    const { deps, token, email } = await invited({ mfaEnabled: false });
    await expect(
      register(deps, { invitationToken: token, name: 'Em', password: PASSWORD, phoneNumber: '' }),
    ).resolves.toMatchObject({
      mfaChannel: 'none',
    });
    await expect(login(deps, { email, password: PASSWORD })).resolves.toMatchObject({
      status: 'AUTHENTICATED',
    });
  });

  test('a user invited while MFA was on keeps MFA after the admin turns it off', async () => {
    const { deps, token, email, accountId, admin } = await invited({ mfaEnabled: true });
    await register(deps, { invitationToken: token, name: 'Kept', password: PASSWORD });
    await deps.accounts.setMfa(accountId, { enabled: false }, admin.email, new Date());
    await expect(login(deps, { email, password: PASSWORD })).resolves.toMatchObject({
      status: 'MFA_REQUIRED',
    });
  });

  test('two registrations racing on one token give exactly one success', async () => {
    const { deps, token } = await invited();
    const outcome = await settle(
      Array.from({ length: 8 }, (_, i) =>
        register(deps, { invitationToken: token, name: `Racer ${i}`, password: PASSWORD }),
      ),
    );
    expect(outcome.ok).toHaveLength(1);
    expect(outcome.errors.every((e) => e === 'INVITATION_USED')).toBe(true);
  });

  test('a bad phone or a weak password leaves the invitation usable', async () => {
    const { deps, token } = await invited();
    await expect(
      register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD, phoneNumber: '555-CALL-ME' }),
    ).rejects.toMatchObject({ code: 'INVALID_PHONE_NUMBER', status: 400 });
    await expect(
      register(deps, { invitationToken: token, name: 'Nia', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      message: expect.stringContaining('12 characters'),
      fields: { reason: 'too_short' },
    });
    await expect(
      register(deps, { invitationToken: token, name: 'Nia', password: 'Password1234!' }),
    ).rejects.toMatchObject({ code: 'WEAK_PASSWORD', fields: { reason: 'common_padded' } });
    await expect(
      register(deps, { invitationToken: token, name: '   ', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD }),
    ).resolves.toMatchObject({
      mfaChannel: 'email',
    });
  });

  test('when Cognito refuses the user, the invitation stays usable', async () => {
    const { deps, token, email, accountId } = await invited();
    // Someone registers the same email out of band: Cognito refuses the second user.
    await deps.identity.createUser({
      email,
      name: 'Squatter',
      password: PASSWORD,
      phoneNumber: undefined,
      locale: 'en',
      accountId,
      role: 'member',
      mfaRequired: false,
    });
    await expect(
      register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'USER_EXISTS',
    });
    await expect(describeInvitation(deps, token)).resolves.toMatchObject({ email });
  });
});
