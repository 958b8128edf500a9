import { randomUUID } from 'node:crypto';
import {
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from '../../lambdas/services/admin/invitations';
import { updateUser } from '../../lambdas/services/admin/users';
import { describeInvitation, inviteUser } from '../../lambdas/services/onboarding/invitations';
import { register } from '../../lambdas/services/onboarding/registration';
import { type RecordingSender, settle } from './fixtures';
import { accountWithAdmin, lifecycleDeps } from './lifecycle';

/** The admin's handle on invitations (design §4.1): list by status, revoke, resend, replace. */
jest.setTimeout(30_000);

const PASSWORD = 'purple monkey dishwasher';
const linkIn = (sender: RecordingSender, to: string): string => {
  const text = [...sender.emails].reverse().find((e) => e.to === to)?.message.text ?? '';
  const token = /register\?invitation=([\w-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no invitation link to ${to}`);
  return token;
};
const address = () => `invitee-${randomUUID()}@example.test`;

async function setUp() {
  const { deps, sender } = lifecycleDeps();
  const { accountId, admin } = await accountWithAdmin(deps);
  const invite = async (email = address(), role: 'admin' | 'member' = 'member') => {
    const invitation = await inviteUser(deps, admin, accountId, { email, role, locale: 'es' });
    return { ...invitation, token: linkIn(sender, email) };
  };
  return { deps, sender, accountId, admin, invite };
}

describe('listing invitations', () => {
  test('newest first, by status, with who invited and when; a bad status or cursor is a 400', async () => {
    const { deps, accountId, admin, invite } = await setUp();
    const used = await invite();
    await register(deps, { invitationToken: used.token, name: 'Used One', password: PASSWORD });
    const revoked = await invite();
    await revokeInvitation(deps, admin, accountId, revoked.invitationId);
    const pending = await invite();
    const expiredLater = await invite();

    const all = await listInvitations(deps, admin, accountId, {});
    expect(all.invitations.map((i) => i.invitationId)).toEqual([
      expiredLater.invitationId,
      pending.invitationId,
      revoked.invitationId,
      used.invitationId,
    ]);
    expect(all.invitations[1]).toEqual({
      invitationId: pending.invitationId,
      email: pending.email,
      role: 'member',
      status: 'pending',
      mfaRequired: false,
      createdAt: expect.stringMatching(/^20\d\d-/),
      expiresAt: pending.expiresAt,
      invitedBy: admin.userId,
    });
    const only = async (status: string) =>
      (await listInvitations(deps, admin, accountId, { status })).invitations.map((i) => i.invitationId);
    expect(await only('used')).toEqual([used.invitationId]);
    expect(await only('revoked')).toEqual([revoked.invitationId]);
    expect(await only('pending')).toEqual([expiredLater.invitationId, pending.invitationId]);
    expect(await only('expired')).toEqual([]);
    const future = lifecycleDeps({ now: () => new Date(Date.now() + 8 * 24 * 3600 * 1000) }).deps;
    expect((await listInvitations(future, admin, accountId, { status: 'expired' })).invitations).toHaveLength(
      2,
    );

    await expect(listInvitations(deps, admin, accountId, { status: 'open' })).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    await expect(listInvitations(deps, admin, accountId, { cursor: 'x' })).rejects.toMatchObject({
      status: 400,
    });
  });

  test('pages of 25 with a cursor', async () => {
    const { deps, accountId, admin, invite } = await setUp();
    for (let i = 0; i < 27; i++) await invite();
    const first = await listInvitations(deps, admin, accountId, {});
    expect(first.invitations).toHaveLength(25);
    const second = await listInvitations(deps, admin, accountId, { cursor: first.nextCursor ?? undefined });
    expect(second.invitations).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });
});

describe('revoking', () => {
  test('its link then answers 410 INVITATION_REVOKED, to a lookup and to a registration', async () => {
    const { deps, accountId, admin, invite } = await setUp();
    const invitation = await invite();
    await revokeInvitation(deps, admin, accountId, invitation.invitationId);
    await expect(describeInvitation(deps, invitation.token)).rejects.toMatchObject({
      status: 410,
      code: 'INVITATION_REVOKED',
    });
    await expect(
      register(deps, { invitationToken: invitation.token, name: 'Late', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'INVITATION_REVOKED' });
    // Again: nothing more to do (204 again).
    await expect(revokeInvitation(deps, admin, accountId, invitation.invitationId)).resolves.toBeUndefined();
    const [event] = (await deps.audit.list(accountId, { limit: 1 })).events;
    expect(event).toMatchObject({ type: 'invitation.revoked', actor: admin.email });
  });

  test('a used invitation is 409 INVITATION_USED; an unknown one or one of another account is 404', async () => {
    const { deps, accountId, admin, invite } = await setUp();
    const used = await invite();
    await register(deps, { invitationToken: used.token, name: 'Used One', password: PASSWORD });
    await expect(revokeInvitation(deps, admin, accountId, used.invitationId)).rejects.toMatchObject({
      status: 409,
      code: 'INVITATION_USED',
    });
    await expect(revokeInvitation(deps, admin, accountId, randomUUID())).rejects.toMatchObject({
      status: 404,
      code: 'INVITATION_NOT_FOUND',
    });
    const other = await setUp();
    const theirs = await other.invite();
    await expect(revokeInvitation(deps, admin, accountId, theirs.invitationId)).rejects.toMatchObject({
      status: 404,
    });
    await expect(describeInvitation(deps, theirs.token)).resolves.toMatchObject({ email: theirs.email });
  });

  test('a revocation racing a registration: one wins, never both', async () => {
    for (let round = 0; round < 3; round++) {
      const { deps, accountId, admin, invite } = await setUp();
      const invitation = await invite();
      const [revoked, registered] = await Promise.allSettled([
        revokeInvitation(deps, admin, accountId, invitation.invitationId),
        register(deps, { invitationToken: invitation.token, name: 'Racer', password: PASSWORD }),
      ]);
      expect([revoked.status, registered.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
    }
  });
});

describe('resending and replacing', () => {
  test('a resend sends a new link with a new expiry; the old link answers 410 INVITATION_REVOKED', async () => {
    const { deps, sender, accountId, admin, invite } = await setUp();
    const first = await invite();
    const resent = await resendInvitation(deps, admin, accountId, first.invitationId);
    expect(resent).toMatchObject({ email: first.email, mfaRequired: false });
    expect(resent.invitationId).not.toBe(first.invitationId);
    const newToken = linkIn(sender, first.email);
    expect(newToken).not.toBe(first.token);
    // The same language as the first email.
    expect(sender.emails.at(-1)?.message.text).toContain('te ha invitado');
    await expect(describeInvitation(deps, first.token)).rejects.toMatchObject({ code: 'INVITATION_REVOKED' });
    await expect(describeInvitation(deps, newToken)).resolves.toMatchObject({ email: first.email });
    await expect(resendInvitation(deps, admin, accountId, randomUUID())).rejects.toMatchObject({
      status: 404,
    });
  });

  test('resending a used invitation is 409; each address gets at most 3 invitations a day (429)', async () => {
    const { deps, accountId, admin, invite } = await setUp();
    const used = await invite();
    await register(deps, { invitationToken: used.token, name: 'Used One', password: PASSWORD });
    await expect(resendInvitation(deps, admin, accountId, used.invitationId)).rejects.toMatchObject({
      status: 409,
      code: 'INVITATION_USED',
    });
    const again = await invite();
    const second = await resendInvitation(deps, admin, accountId, again.invitationId);
    await resendInvitation(deps, admin, accountId, second.invitationId);
    await expect(resendInvitation(deps, admin, accountId, second.invitationId)).rejects.toMatchObject({
      status: 429,
      code: 'TOO_MANY_SENDS',
      fields: { retryAfter: expect.any(Number) },
    });
  });

  test('inviting an address with a pending invitation replaces it', async () => {
    const { deps, invite } = await setUp();
    const email = address();
    const first = await invite(email);
    const second = await invite(email);
    await expect(describeInvitation(deps, first.token)).rejects.toMatchObject({ code: 'INVITATION_REVOKED' });
    await expect(describeInvitation(deps, second.token)).resolves.toMatchObject({ email });
  });

  test('racing invitations to one address leave exactly one pending', async () => {
    const { deps, sender, accountId, admin } = await setUp();
    const email = address();
    const outcome = await settle([0, 1, 2].map(() => inviteUser(deps, admin, accountId, { email })));
    expect(outcome.ok).toHaveLength(3);
    const tokens = sender.emails
      .filter((e) => e.to === email)
      .map((e) => /register\?invitation=([\w-]+)/.exec(e.message.text)?.[1] ?? '');
    const states = await settle(tokens.map((token) => describeInvitation(deps, token)));
    expect(states.ok).toHaveLength(1);
    expect(states.errors).toEqual(['INVITATION_REVOKED', 'INVITATION_REVOKED']);
  });
});

describe('an admin who registers', () => {
  test("joins the account's active admins, so the first admin can step down", async () => {
    const { deps, accountId, admin, invite } = await setUp();
    const second = await invite(address(), 'admin');
    const { userId } = await register(deps, {
      invitationToken: second.token,
      name: 'Second Admin',
      password: PASSWORD,
    });
    expect(await deps.accounts.activeAdmins(accountId)).toEqual(
      expect.arrayContaining([admin.userId, userId]),
    );
    await expect(updateUser(deps, admin, accountId, admin.userId, { role: 'member' })).resolves.toMatchObject(
      {
        role: 'member',
      },
    );
  });
});
