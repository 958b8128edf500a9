import { quotaRules } from '../../lambdas/domain/quotas';
import { epochSeconds } from '../../lambdas/domain/rate-rules';
import { getUser, listUsers, resetUserMfa, unlockUser, updateUser } from '../../lambdas/services/admin/users';
import { myProfile } from '../../lambdas/services/profile/profile';
import { settle } from './fixtures';
import { accountWithAdmin, lifecycleDeps, member, signIn, verdict } from './lifecycle';

/** The admin's view of the account's people (design §4.1): list, detail, role, access, MFA reset, unlock. */
jest.setTimeout(30_000);

/** Locks the user as wrong codes do: reserved failures up to the limit, then the lock. */
async function lockOut(deps: ReturnType<typeof lifecycleDeps>['deps'], userId: string, now: number) {
  for (let i = 0; i < deps.config.MFA_MAX_CONSECUTIVE_FAILURES; i++) await deps.failures.reserve(userId, now);
  await deps.failures.lock(userId, now);
}

describe('listing and reading users', () => {
  test('pages of 25 in the order they joined, each with their MFA state; a bad cursor is a 400', async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps, { mfaEnabled: true });
    const created: Awaited<ReturnType<typeof member>>[] = [];
    for (let i = 0; i < 26; i++)
      created.push(await member(accountId, i === 0 ? { phoneNumber: '+14155550177' } : {}));
    const first = await listUsers(deps, admin, accountId);
    expect(first.users).toHaveLength(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listUsers(deps, admin, accountId, first.nextCursor ?? undefined);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.users, ...second.users].map((u) => u.userId);
    expect(new Set(ids).size).toBe(27);
    expect(ids).toEqual(expect.arrayContaining([admin.userId, ...created.map((u) => u.userId)]));
    const withPhone = [...first.users, ...second.users].find((u) => u.userId === created[0]!.userId);
    expect(withPhone).toEqual({
      userId: created[0]!.userId,
      email: created[0]!.email,
      name: 'Test User',
      role: 'member',
      status: 'active',
      locale: 'en',
      createdAt: expect.stringMatching(/^20\d\d-/),
      mfa: {
        required: true,
        // A phone given at registration is unproven until an SMS code comes back: email is still possible.
        methods: ['sms', 'email'],
        preferred: 'sms',
        phoneNumber: '+1 ********77',
        phoneVerified: false,
        recoveryCodesRemaining: 0,
        rememberedDevices: 0,
        locked: false,
        lockedUntil: null,
      },
    });
    await expect(listUsers(deps, admin, accountId, 'bm90IGEgY3Vyc29y')).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  test("a cursor of another account is refused: it cannot page through someone else's users", async () => {
    const { deps } = lifecycleDeps();
    const mine = await accountWithAdmin(deps);
    const theirs = await accountWithAdmin(deps);
    for (let i = 0; i < 26; i++) await member(theirs.accountId);
    const page = await listUsers(deps, theirs.admin, theirs.accountId);
    await expect(
      listUsers(deps, mine.admin, mine.accountId, page.nextCursor ?? undefined),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  test('users of other accounts (and unknown ids) are 404 USER_NOT_FOUND, not 403, for every admin action', async () => {
    const { deps } = lifecycleDeps();
    const mine = await accountWithAdmin(deps);
    const theirs = await accountWithAdmin(deps);
    const stranger = await member(theirs.accountId);
    for (const userId of [
      stranger.userId,
      theirs.admin.userId,
      '00000000-0000-0000-0000-000000000000',
      '../x',
    ]) {
      for (const act of [
        () => getUser(deps, mine.admin, mine.accountId, userId),
        () => updateUser(deps, mine.admin, mine.accountId, userId, { disabled: true }),
        () => resetUserMfa(deps, mine.admin, mine.accountId, userId),
        () => unlockUser(deps, mine.admin, mine.accountId, userId),
      ]) {
        await expect(act()).rejects.toMatchObject({ status: 404, code: 'USER_NOT_FOUND' });
      }
    }
    // Nothing happened to them.
    expect((await deps.users.get(stranger.userId)).status).toBe('active');
    // The path's account must be the admin's own: another account's path is 403 (as for every admin route).
    await expect(listUsers(deps, mine.admin, theirs.accountId)).rejects.toMatchObject({ status: 403 });
    await expect(
      getUser(deps, { ...mine.admin, role: 'member' }, mine.accountId, mine.admin.userId),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('roles and access', () => {
  test("a role change is made in the pool, audited with who did it, and ends the user's sessions", async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps);
    const user = await member(accountId);
    const session = await signIn(deps, user.email);
    const view = await updateUser(deps, admin, accountId, user.userId, { role: 'admin' });
    expect(view).toMatchObject({ userId: user.userId, role: 'admin', status: 'active' });
    expect((await deps.identity.getUser(user.userId))?.role).toBe('admin');
    expect(await verdict(deps, session.idToken)).toBe('sessions-revoked');
    expect(await deps.accounts.activeAdmins(accountId)).toEqual(
      expect.arrayContaining([admin.userId, user.userId]),
    );
    const [event] = (await deps.audit.list(accountId, { limit: 1 })).events;
    expect(event).toMatchObject({
      type: 'user.role.changed',
      actor: admin.email,
      details: { userId: user.userId, from: 'member', to: 'admin' },
    });
  });

  test('the last active admin can be neither demoted nor disabled (409 LAST_ADMIN)', async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps);
    await expect(updateUser(deps, admin, accountId, admin.userId, { role: 'member' })).rejects.toMatchObject({
      status: 409,
      code: 'LAST_ADMIN',
    });
    await expect(updateUser(deps, admin, accountId, admin.userId, { disabled: true })).rejects.toMatchObject({
      code: 'LAST_ADMIN',
    });
    expect((await deps.identity.getUser(admin.userId))?.role).toBe('admin');
    // With a second admin, one of them may step down; a disabled admin does not count.
    const second = await member(accountId, { role: 'admin' });
    await updateUser(deps, admin, accountId, second.userId, { disabled: true });
    await expect(updateUser(deps, admin, accountId, admin.userId, { role: 'member' })).rejects.toMatchObject({
      code: 'LAST_ADMIN',
    });
    await updateUser(deps, admin, accountId, second.userId, { disabled: false });
    await expect(updateUser(deps, admin, accountId, admin.userId, { role: 'member' })).resolves.toMatchObject(
      {
        role: 'member',
      },
    );
    expect(await deps.accounts.activeAdmins(accountId)).toEqual([second.userId]);
  });

  test('two admins demoting each other at the same moment: exactly one succeeds, one admin remains', async () => {
    for (let round = 0; round < 3; round++) {
      const { deps } = lifecycleDeps();
      const { accountId, admin } = await accountWithAdmin(deps);
      const other = await member(accountId, { role: 'admin' });
      const otherAdmin = (await signIn(deps, other.email)).caller;
      const outcome = await settle([
        updateUser(deps, admin, accountId, other.userId, { role: 'member' }),
        updateUser(deps, otherAdmin, accountId, admin.userId, { role: 'member' }),
      ]);
      expect(outcome.ok).toHaveLength(1);
      expect(outcome.errors).toEqual(['LAST_ADMIN']);
      const roles = await Promise.all([admin.userId, other.userId].map((id) => deps.identity.getUser(id)));
      expect(roles.filter((u) => u?.role === 'admin')).toHaveLength(1);
      expect(await deps.accounts.activeAdmins(accountId)).toHaveLength(1);
    }
  });

  test('twenty racing disablings of four admins leave exactly one active admin', async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps);
    const admins = [admin.userId];
    for (let i = 0; i < 3; i++) admins.push((await member(accountId, { role: 'admin' })).userId);
    const outcome = await settle(
      Array.from({ length: 20 }, (_, i) =>
        updateUser(deps, admin, accountId, admins[i % 4]!, { disabled: true }),
      ),
    );
    const active = await Promise.all(admins.map((id) => deps.users.get(id)));
    expect(active.filter((u) => u.status === 'active')).toHaveLength(1);
    expect(await deps.accounts.activeAdmins(accountId)).toHaveLength(1);
    expect(outcome.ok.length).toBeGreaterThanOrEqual(3);
    expect(outcome.errors.every((e) => e === 'LAST_ADMIN')).toBe(true);
  });

  test("disabling is audited, refuses the user's sessions, and shows in the user's status", async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps);
    const user = await member(accountId);
    const session = await signIn(deps, user.email);
    await expect(updateUser(deps, admin, accountId, user.userId, { disabled: true })).resolves.toMatchObject({
      status: 'disabled',
    });
    expect(await verdict(deps, session.idToken)).toBe('user-disabled');
    const [event] = (await deps.audit.list(accountId, { limit: 1 })).events;
    expect(event).toMatchObject({
      type: 'user.disabled',
      actor: admin.email,
      details: { userId: user.userId },
    });
  });
});

describe('MFA reset and unlock', () => {
  test('an MFA reset removes the phone and factor state, clears the lock and send limits, ends sessions, tells the user', async () => {
    const { deps, sender } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps, { mfaEnabled: true });
    const phone = '+14155550188';
    const user = await member(accountId, { phoneNumber: phone, mfaRequired: true, locale: 'es' });
    const session = await signIn(deps, user.email);
    const now = epochSeconds(new Date());
    await deps.users.markPhoneProven(user.userId, phone);
    await lockOut(deps, user.userId, now);
    const rule = quotaRules(deps.config)['sign-in-sends'];
    for (const destination of [phone, user.email])
      for (let i = 0; i < rule.windows[0]!.max; i++) await deps.quotas.take(rule, destination, now);
    expect((await deps.failures.status(user.userId, now)).locked).toBe(true);
    expect((await deps.quotas.take(rule, phone, now)).admitted).toBe(false);
    expect((await deps.quotas.take(rule, user.email, now)).admitted).toBe(false);

    const view = await resetUserMfa(deps, admin, accountId, user.userId);
    expect(view.mfa).toEqual({
      required: true,
      methods: ['email'],
      preferred: 'email',
      phoneNumber: null,
      phoneVerified: false,
      recoveryCodesRemaining: 0,
      rememberedDevices: 0,
      locked: false,
      lockedUntil: null,
    });
    const profile = await deps.identity.getUser(user.userId);
    expect(profile?.phoneNumber).toBeUndefined();
    expect(profile?.mfaRequired).toBe(true);
    expect((await deps.users.get(user.userId)).provenPhone).toBeUndefined();
    expect((await deps.quotas.take(rule, phone, now)).admitted).toBe(true);
    expect((await deps.quotas.take(rule, user.email, now)).admitted).toBe(true);
    expect(await verdict(deps, session.idToken)).toBe('sessions-revoked');
    expect(sender.emails.at(-1)).toMatchObject({ to: user.email });
    expect(sender.emails.at(-1)?.message.subject).toContain('dos pasos');
    const [event] = (await deps.audit.list(accountId, { limit: 1 })).events;
    expect(event).toMatchObject({
      type: 'mfa.reset',
      actor: admin.email,
      details: { userId: user.userId, phone: '+1 ********88' },
    });
    // The user sees it too: their next sign-in gets email codes.
    const me = await myProfile(deps, (await signIn(deps, user.email)).caller);
    expect(me).toMatchObject({
      mfaChannel: 'email',
      phoneNumber: null,
      mfa: { required: true, methods: ['email'] },
    });
  });

  test('unlock lifts a lock before it runs out, and is audited', async () => {
    const { deps } = lifecycleDeps();
    const { accountId, admin } = await accountWithAdmin(deps);
    const user = await member(accountId);
    const now = epochSeconds(new Date());
    await lockOut(deps, user.userId, now);
    const locked = await getUser(deps, admin, accountId, user.userId);
    expect(locked.mfa).toMatchObject({ locked: true, lockedUntil: expect.stringMatching(/^20\d\d-/) });
    const view = await unlockUser(deps, admin, accountId, user.userId);
    expect(view.mfa).toMatchObject({ locked: false, lockedUntil: null });
    expect((await deps.failures.status(user.userId, now)).locked).toBe(false);
    const [event] = (await deps.audit.list(accountId, { limit: 1 })).events;
    expect(event).toMatchObject({ type: 'mfa.user.unlocked', actor: admin.email });
  });
});

describe('/v1/me shows the MFA rule', () => {
  test('a user invited while MFA was on keeps MFA when the account turns it off', async () => {
    const { deps } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps);
    const kept = await member(accountId, { mfaRequired: true });
    const plain = await member(accountId);
    expect((await myProfile(deps, (await signIn(deps, kept.email)).caller)).mfa.required).toBe(true);
    expect((await myProfile(deps, (await signIn(deps, plain.email)).caller)).mfa.required).toBe(false);
  });
});
