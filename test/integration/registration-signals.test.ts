/**
 * Registration, past the flows of onboarding.test.ts: what it writes to the audit trail, logs and counts,
 * who becomes an active admin, which channel the codes take when the account changed since the
 * invitation, and what a refusal or a failure of Cognito leaves behind (a usable invitation).
 */
jest.mock('../../lambdas/http/metrics', () => {
  const actual = jest.requireActual<typeof import('../../lambdas/http/metrics')>(
    '../../lambdas/http/metrics',
  );
  return { ...actual, countMetric: jest.fn() };
});

import { randomUUID } from 'node:crypto';
import { logger } from '../../lambdas/http/logger';
import { countMetric } from '../../lambdas/http/metrics';
import { describeInvitation, inviteUser } from '../../lambdas/services/onboarding/invitations';
import { register } from '../../lambdas/services/onboarding/registration';
import { invitationTokenFrom, RecordingSender, seedAccount, testDeps } from './fixtures';

const metrics = countMetric as jest.MockedFunction<typeof countMetric>;
let info: jest.SpiedFunction<typeof logger.info>;
beforeEach(() => {
  metrics.mockClear();
  info = jest.spyOn(logger, 'info');
});
afterEach(() => jest.restoreAllMocks());

const PASSWORD = 'purple monkey dishwasher';

async function invited(options: { mfaEnabled?: boolean; role?: 'admin' | 'member' } = {}) {
  const sender = new RecordingSender();
  const deps = testDeps({ sender });
  const { accountId, admin } = await seedAccount(deps, { mfaEnabled: options.mfaEnabled ?? true });
  const email = `new-${randomUUID()}@example.test`;
  const invitation = await inviteUser(deps, admin, accountId, { email, role: options.role });
  return { deps, accountId, admin, invitation, email, token: invitationTokenFrom(sender) };
}

test('the audit trail gets the invitation used and the user registered; the log and the metric say so too', async () => {
  const { deps, accountId, invitation, email, token } = await invited();
  const { userId } = await register(deps, {
    invitationToken: token,
    name: 'Nia',
    password: PASSWORD,
    phoneNumber: '+1 415 555 2671',
  });
  // The trail orders events by time, and these (like the invitation before them) can share an instant.
  const events = (await deps.audit.list(accountId, { limit: 10 })).events.filter(
    (e) => e.type === 'user.registered' || e.type === 'invitation.used',
  );
  expect(events.map((e) => [e.type, e.actor, e.details])).toEqual(
    expect.arrayContaining([
      ['user.registered', email, { userId, role: 'member', mfaChannel: 'sms', phone: '+1 ********71' }],
      ['invitation.used', email, { invitationId: invitation.invitationId }],
    ]),
  );
  expect(events).toHaveLength(2);
  expect(metrics.mock.calls).toContainEqual(['InvitationsUsed']);
  const completed = info.mock.calls.filter(([message]) => message === 'registration.completed');
  expect(completed.map(([, fields]) => fields)).toEqual([
    {
      event: 'registration.completed',
      accountId,
      userId,
      email: expect.not.stringContaining(email.split('@')[0]!),
      mfaRequired: true,
    },
  ]);
});

test('a member is not an active admin; an invited admin is', async () => {
  const member = await invited();
  const { userId: memberId } = await register(member.deps, {
    invitationToken: member.token,
    name: 'Mia Member',
    password: PASSWORD,
  });
  expect(await member.deps.accounts.activeAdmins(member.accountId)).not.toContain(memberId);

  const admin = await invited({ role: 'admin' });
  const { userId: adminId } = await register(admin.deps, {
    invitationToken: admin.token,
    name: 'Ada Two',
    password: PASSWORD,
  });
  expect(await admin.deps.accounts.activeAdmins(admin.accountId)).toContain(adminId);
});

test('a phone of blanks is no phone: the user registers, with email codes once the account has MFA on', async () => {
  const { deps, accountId, admin, token } = await invited({ mfaEnabled: false });
  // MFA turned on after the invitation went out: the new user needs codes all the same.
  await deps.accounts.setMfaSetting(accountId, {
    enabled: true,
    by: admin.email,
    at: new Date(),
    sessionsValidAfter: Math.floor(Date.now() / 1000),
  });
  await expect(
    register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD, phoneNumber: '   ' }),
  ).resolves.toMatchObject({ mfaChannel: 'email' });
});

test("a password Cognito's own policy refuses: WEAK_PASSWORD with reason policy, and the invitation stays usable", async () => {
  const { deps, email, token } = await invited();
  jest.spyOn(deps.identity, 'createUser').mockResolvedValueOnce({ ok: false, reason: 'weak-password' });
  await expect(
    register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD }),
  ).rejects.toMatchObject({
    status: 400,
    code: 'WEAK_PASSWORD',
    message: 'The password does not meet the password policy.',
    fields: { reason: 'policy' },
  });
  await expect(describeInvitation(deps, token)).resolves.toMatchObject({ email });
});

test('when Cognito fails, the error is passed on and the invitation stays usable', async () => {
  const { deps, email, token } = await invited();
  jest.spyOn(deps.identity, 'createUser').mockRejectedValueOnce(new Error('Cognito is down'));
  await expect(register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD })).rejects.toThrow(
    'Cognito is down',
  );
  await expect(describeInvitation(deps, token)).resolves.toMatchObject({ email });
  await expect(
    register(deps, { invitationToken: token, name: 'Nia', password: PASSWORD }),
  ).resolves.toMatchObject({
    email,
  });
});
