import { totpCodeAt } from '../../lambdas/domain/totp';
import type { Caller } from '../../lambdas/http/caller';
import { setMfaSettings } from '../../lambdas/services/admin/account-settings';
import { resetUserMfa } from '../../lambdas/services/admin/users';
import type { Deps } from '../../lambdas/services/deps';
import {
  confirmTotpEnrollment,
  removeTotp,
  startTotpEnrollment,
} from '../../lambdas/services/factors/authenticator-app';
import { forgetAllDevices, forgetDevice } from '../../lambdas/services/factors/devices';
import { myFactors, setPreferredMethod } from '../../lambdas/services/factors/my-factors';
import { regenerateRecoveryCodes } from '../../lambdas/services/factors/recovery-codes';
import {
  startPhoneValidation,
  updatePhone,
  verifyPhoneValidation,
} from '../../lambdas/services/phone/phone-change';
import { changePassword } from '../../lambdas/services/profile/password';
import { type LoginResult, login } from '../../lambdas/services/sign-in/login';
import { logout } from '../../lambdas/services/sign-in/logout';
import { resendCode } from '../../lambdas/services/sign-in/resend';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import { TEST_PASSWORD } from '../support/users';
import { rawItem, settle } from './fixtures';
import { accountWithAdmin, lifecycleDeps, member, type Session, signIn } from './lifecycle';

const CHROME_ON_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/537.36 Chrome/130.0 Safari/537.36';
const nowSeconds = () => Math.floor(Date.now() / 1000);

type Challenge = Extract<LoginResult, { status: 'MFA_REQUIRED' }>;

async function challengeFor(deps: Deps, email: string, deviceToken?: string): Promise<Challenge> {
  const result = await login(deps, {
    email,
    password: TEST_PASSWORD,
    ...(deviceToken ? { deviceToken } : {}),
  });
  if (result.status !== 'MFA_REQUIRED') throw new Error(`expected a second step, got ${result.status}`);
  return result;
}

/** A member of an account with MFA on, signed in just now, with the authenticator app added. */
async function userWithApp(deps: Deps, options: { rememberDeviceDays?: number } = {}) {
  const { accountId, admin } = await accountWithAdmin(deps, { mfaEnabled: true });
  if (options.rememberDeviceDays)
    await setMfaSettings(deps, admin, accountId, { rememberDeviceDays: options.rememberDeviceDays });
  const user = await member(accountId);
  const session = await signIn(deps, user.email);
  const enrollment = await startTotpEnrollment(deps, session.caller);
  const enabled = await confirmTotpEnrollment(
    deps,
    session.caller,
    enrollment.enrollmentId,
    totpCodeAt(enrollment.secret, nowSeconds()),
  );
  return {
    accountId,
    admin,
    user,
    session,
    secret: enrollment.secret,
    recoveryCodes: enabled.recoveryCodes!,
  };
}

const stale = (caller: Caller): Caller => ({ ...caller, authTime: caller.authTime - 3600 });

describe('authenticator app enrolment', () => {
  test('start, a wrong code (counted), the right code: the app is on, with ten recovery codes and a notice', async () => {
    const { deps, sender } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps);
    const user = await member(accountId, { locale: 'es' });
    const { caller } = await signIn(deps, user.email);

    const enrollment = await startTotpEnrollment(deps, caller);
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.otpauthUri).toContain(`secret=${enrollment.secret}`);
    expect(decodeURIComponent(enrollment.otpauthUri)).toContain(`:${user.email}?`);
    expect(enrollment.expiresIn).toBe(900);

    await expect(
      confirmTotpEnrollment(deps, caller, enrollment.enrollmentId, '000000'),
    ).rejects.toMatchObject({
      code: 'INVALID_CODE',
      fields: { attemptsRemaining: 4 },
    });
    expect((await rawItem(`FAILURES#${user.userId}`))?.failures).toBe(1);

    const enabled = await confirmTotpEnrollment(
      deps,
      caller,
      enrollment.enrollmentId,
      totpCodeAt(enrollment.secret, nowSeconds()),
    );
    expect(enabled.enabled).toBe(true);
    expect(enabled.recoveryCodes).toHaveLength(10);
    expect((await rawItem(`FAILURES#${user.userId}`))?.failures ?? 0).toBe(0);

    const factors = await deps.factors.get(user.userId);
    expect(factors.totp).toBeDefined();
    expect(factors.recoveryCodeDigests).toHaveLength(10);
    // Sealed: the record holds neither the secret nor any recovery code in the clear.
    const record = JSON.stringify([...Object.entries((await deps.factors.get(user.userId)) as object)]);
    expect(record).not.toContain(enrollment.secret);
    for (const code of enabled.recoveryCodes!) expect(record).not.toContain(code);
    expect(sender.emails.at(-1)).toMatchObject({ to: user.email });
    expect(sender.emails.at(-1)?.message.subject).toContain('autenticación');

    // The enrolment is used up; and the app now makes a second factor required, with the app first.
    await expect(
      confirmTotpEnrollment(
        deps,
        caller,
        enrollment.enrollmentId,
        totpCodeAt(enrollment.secret, nowSeconds()),
      ),
    ).rejects.toMatchObject({ code: 'ENROLLMENT_NOT_FOUND', status: 404 });
    const mine = await myFactors(deps, caller);
    expect(mine).toMatchObject({ required: true, preferred: 'totp', recoveryCodesRemaining: 10 });
    expect(mine.methods).toEqual(['totp', 'email', 'recovery_code']);
  });

  test("another user's enrolment, an unknown one and an expired one all look the same", async () => {
    const { deps } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps);
    const alice = await signIn(deps, (await member(accountId)).email);
    const bruno = await signIn(deps, (await member(accountId)).email);
    const enrollment = await startTotpEnrollment(deps, alice.caller);
    const code = totpCodeAt(enrollment.secret, nowSeconds());
    for (const [caller, id] of [
      [bruno.caller, enrollment.enrollmentId],
      [alice.caller, 'not-an-enrolment'],
    ] as const) {
      await expect(confirmTotpEnrollment(deps, caller, id, code)).rejects.toMatchObject({
        code: 'ENROLLMENT_NOT_FOUND',
      });
    }
    const later = { ...deps, now: () => new Date(Date.now() + 901_000) };
    await expect(
      confirmTotpEnrollment(later, alice.caller, enrollment.enrollmentId, code),
    ).rejects.toMatchObject({ code: 'ENROLLMENT_NOT_FOUND' });
    expect((await deps.factors.get(bruno.caller.userId)).totp).toBeUndefined();
  });

  test('adding, removing and new recovery codes need a sign-in of the last 15 minutes', async () => {
    const { deps } = lifecycleDeps();
    const { session } = await userWithApp(deps);
    const old = stale(session.caller);
    for (const change of [
      () => startTotpEnrollment(deps, old),
      () => removeTotp(deps, old),
      () => regenerateRecoveryCodes(deps, old),
    ])
      await expect(change()).rejects.toMatchObject({ code: 'REAUTHENTICATION_REQUIRED', status: 401 });
    expect((await deps.factors.get(session.caller.userId)).totp).toBeDefined();
  });

  test('removal: the app goes, a notice goes out, and a second removal is NOT_ENROLLED', async () => {
    const { deps, sender } = lifecycleDeps();
    const { session, user } = await userWithApp(deps);
    await removeTotp(deps, session.caller);
    expect(sender.emails.at(-1)?.message.subject).toContain('removed');
    expect((await myFactors(deps, session.caller)).methods).not.toContain('totp');
    await expect(removeTotp(deps, session.caller)).rejects.toMatchObject({
      code: 'NOT_ENROLLED',
      status: 404,
    });
    // The sign-in starts with a code by email again (MFA is on for the account).
    expect((await challengeFor(deps, user.email)).channel).toBe('email');
  });
});

describe('signing in with the app', () => {
  test('login starts with the app and sends nothing; the code that proved the app is not accepted again', async () => {
    const { deps, sender } = lifecycleDeps();
    const { user, secret } = await userWithApp(deps);
    const sent = sender.emails.length;
    const challenge = await challengeFor(deps, user.email);
    expect(challenge).toMatchObject({ channel: 'totp', methods: ['totp', 'email', 'recovery_code'] });
    expect(challenge.destination).toBeUndefined();
    expect(sender.emails.length).toBe(sent);

    // The enrolment took this time step: a replay of its code is a wrong code.
    await expect(
      verifyCode(deps, { session: challenge.session, code: totpCodeAt(secret, nowSeconds()) }),
    ).rejects.toMatchObject({ code: 'INVALID_CODE' });
    // The next step's code is within the window, and is taken once.
    const next = totpCodeAt(secret, nowSeconds() + 30);
    await expect(verifyCode(deps, { session: challenge.session, code: next })).resolves.toHaveProperty(
      'tokens',
    );
    const again = await challengeFor(deps, user.email);
    await expect(verifyCode(deps, { session: again.session, code: next })).rejects.toMatchObject({
      code: 'INVALID_CODE',
    });
  });

  test('"send me a code instead" from the app: an email code answers the same session', async () => {
    const { deps, sender } = lifecycleDeps();
    const { user } = await userWithApp(deps);
    const challenge = await challengeFor(deps, user.email);
    await resendCode(deps, { session: challenge.session, channel: 'email' });
    const code = sender.lastCode();
    await expect(
      verifyCode(deps, { session: challenge.session, code, method: 'email' }),
    ).resolves.toHaveProperty('tokens');
  });

  test('the preferred method decides where a sign-in starts; one the user lacks is refused', async () => {
    const { deps, sender } = lifecycleDeps();
    const { session, user } = await userWithApp(deps);
    await expect(setPreferredMethod(deps, session.caller, 'sms')).rejects.toMatchObject({
      code: 'METHOD_NOT_ENROLLED',
      status: 409,
    });
    const view = await setPreferredMethod(deps, session.caller, 'email');
    expect(view.preferred).toBe('email');
    const sent = sender.emails.length;
    const challenge = await challengeFor(deps, user.email);
    expect(challenge.channel).toBe('email');
    expect(sender.emails.length).toBe(sent + 1);
    expect((await myFactors(deps, session.caller)).preferred).toBe('email');
  });

  test('wrong app codes, wrong recovery codes and wrong email codes count toward one lock', async () => {
    const { deps, sender } = lifecycleDeps();
    const { user, secret } = await userWithApp(deps);
    const answers: string[] = [];
    const wrong = async (method: 'totp' | 'recovery_code' | 'email', session: string, code: string) => {
      try {
        await verifyCode(deps, { session, code, method });
      } catch (error) {
        answers.push((error as { code: string }).code);
      }
    };
    const first = await challengeFor(deps, user.email);
    for (let i = 0; i < 4; i++) await wrong('totp', first.session, '000000');
    const second = await challengeFor(deps, user.email);
    for (let i = 0; i < 4; i++) await wrong('recovery_code', second.session, 'AAAA-AAAA-AAAAA');
    const third = await challengeFor(deps, user.email);
    await resendCode(deps, { session: third.session, channel: 'email' });
    const emailCode = sender.lastCode();
    await wrong('email', third.session, emailCode === '000001' ? '000002' : '000001');
    await wrong('email', third.session, emailCode === '000003' ? '000004' : '000003');
    expect(answers).toEqual([...Array(9).fill('INVALID_CODE'), 'MFA_LOCKED']);
    // Locked: even the right code of the app is refused now.
    const fourth = await login(deps, { email: user.email, password: TEST_PASSWORD }).catch((e) => e);
    expect(fourth).toMatchObject({ code: 'MFA_LOCKED' });
    await expect(
      verifyCode(deps, { session: first.session, code: totpCodeAt(secret, nowSeconds() + 30) }),
    ).rejects.toMatchObject({ code: 'MFA_LOCKED' });
  });
});

describe('recovery codes', () => {
  test('ten parallel sign-ins with one recovery code: exactly one gets in, the user is told how many are left', async () => {
    const { deps, sender } = lifecycleDeps();
    const { user, recoveryCodes } = await userWithApp(deps);
    const challenges = await Promise.all(Array.from({ length: 8 }, () => challengeFor(deps, user.email)));
    const code = recoveryCodes[0]!.toLowerCase().replace(/-/g, ' ');
    const outcome = await settle(
      challenges.map((c) => verifyCode(deps, { session: c.session, code, method: 'recovery_code' })),
    );
    expect(outcome.ok).toHaveLength(1);
    expect(outcome.errors).toEqual(Array(7).fill('INVALID_CODE'));
    expect((await deps.factors.get(user.userId)).recoveryCodeDigests).toHaveLength(9);
    expect(sender.emails.at(-1)?.message.text).toMatch(/\b9\b/);
  });

  test('new codes replace every earlier one at once', async () => {
    const { deps, sender } = lifecycleDeps();
    const { user, session, recoveryCodes } = await userWithApp(deps);
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(deps, session.caller);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    expect(sender.emails.at(-1)?.message.subject).toContain('recovery codes');
    const challenge = await challengeFor(deps, user.email);
    await expect(
      verifyCode(deps, { session: challenge.session, code: recoveryCodes[0]!, method: 'recovery_code' }),
    ).rejects.toMatchObject({ code: 'INVALID_CODE' });
    await expect(
      verifyCode(deps, { session: challenge.session, code: fresh[3]!, method: 'recovery_code' }),
    ).resolves.toHaveProperty('tokens');
    expect((await myFactors(deps, session.caller)).recoveryCodesRemaining).toBe(9);
  });

  test('a user without recovery codes cannot answer with one', async () => {
    const { deps } = lifecycleDeps();
    const { accountId } = await accountWithAdmin(deps, { mfaEnabled: true });
    const user = await member(accountId);
    const challenge = await challengeFor(deps, user.email);
    expect(challenge.methods).toEqual(['email']);
    await expect(
      verifyCode(deps, { session: challenge.session, code: 'ABCD-EFGH-JKMNP', method: 'recovery_code' }),
    ).rejects.toMatchObject({ code: 'METHOD_NOT_AVAILABLE', status: 409 });
  });
});

describe('remembered devices', () => {
  /** Signs in with the app and "Remember this device"; returns the device token. */
  async function rememberedDevice(deps: Deps, email: string, secret: string, offset = 30) {
    const challenge = await challengeFor(deps, email);
    const verified = await verifyCode(
      deps,
      { session: challenge.session, code: totpCodeAt(secret, nowSeconds() + offset), rememberDevice: true },
      { userAgent: CHROME_ON_MAC },
    );
    return { challenge, deviceToken: verified.deviceToken };
  }

  test('off by default: no device token, and login never skips the code', async () => {
    const { deps } = lifecycleDeps();
    const { user, secret } = await userWithApp(deps);
    const { challenge, deviceToken } = await rememberedDevice(deps, user.email, secret);
    expect(challenge.rememberDeviceDays).toBeUndefined();
    expect(deviceToken).toBeUndefined();
  });

  test('a device token skips the second step for its own user only, until it is forgotten', async () => {
    const { deps } = lifecycleDeps();
    const { user, secret, session, accountId } = await userWithApp(deps, { rememberDeviceDays: 30 });
    const { challenge, deviceToken } = await rememberedDevice(deps, user.email, secret);
    expect(challenge.rememberDeviceDays).toBe(30);
    expect(deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const skipped = await login(deps, { email: user.email, password: TEST_PASSWORD, deviceToken });
    expect(skipped.status).toBe('AUTHENTICATED');
    // Bound to its user: another user of the account with the same token still needs a code.
    const other = await member(accountId);
    expect((await login(deps, { email: other.email, password: TEST_PASSWORD, deviceToken })).status).toBe(
      'MFA_REQUIRED',
    );
    // Never without the password.
    await expect(
      login(deps, { email: user.email, password: 'wrong password here', deviceToken }),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });

    const { rememberedDevices } = await myFactors(deps, session.caller);
    expect(rememberedDevices).toEqual([
      {
        deviceId: expect.any(String),
        label: 'Chrome on macOS',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        expiresAt: expect.any(String),
      },
    ]);
    const days =
      (Date.parse(rememberedDevices[0]!.expiresAt) - Date.parse(rememberedDevices[0]!.createdAt)) /
      86_400_000;
    expect(days).toBe(30);
    // Nothing in the record can be replayed as the token.
    expect(JSON.stringify(await deps.factors.get(user.userId))).not.toContain(deviceToken);

    await forgetDevice(deps, session.caller, rememberedDevices[0]!.deviceId);
    expect((await login(deps, { email: user.email, password: TEST_PASSWORD, deviceToken })).status).toBe(
      'MFA_REQUIRED',
    );
    await expect(forgetDevice(deps, session.caller, rememberedDevices[0]!.deviceId)).rejects.toMatchObject({
      code: 'DEVICE_NOT_FOUND',
      status: 404,
    });
    await expect(forgetDevice(deps, session.caller, '../../etc')).rejects.toMatchObject({
      code: 'DEVICE_NOT_FOUND',
    });
  });

  test('the account turning remembered devices off makes every token need a code again', async () => {
    const { deps } = lifecycleDeps();
    const { user, secret, admin, accountId } = await userWithApp(deps, { rememberDeviceDays: 7 });
    const { deviceToken } = await rememberedDevice(deps, user.email, secret);
    await setMfaSettings(deps, admin, accountId, { rememberDeviceDays: 0 });
    expect((await login(deps, { email: user.email, password: TEST_PASSWORD, deviceToken })).status).toBe(
      'MFA_REQUIRED',
    );
  });

  const endings: [
    string,
    (deps: Deps, s: { session: Session; admin: Caller; accountId: string }) => Promise<unknown>,
  ][] = [
    ['forget all devices', (deps, { session }) => forgetAllDevices(deps, session.caller)],
    ['logout everywhere', (deps, { session }) => logout(deps, session.caller, { everywhere: true })],
    [
      'a password change',
      (deps, { session }) =>
        changePassword(deps, session.caller, {
          currentPassword: TEST_PASSWORD,
          newPassword: TEST_PASSWORD, // the same password is allowed; the revocation is what matters
        }),
    ],
    [
      'an MFA reset by an admin',
      (deps, { session, admin, accountId }) => resetUserMfa(deps, admin, accountId, session.caller.userId),
    ],
    [
      'a change of MFA phone',
      async (deps, { session }) => {
        const sender = (deps as Deps & { sms: { lastCode(): string } }).sms;
        const started = await startPhoneValidation(deps, session.caller, { phoneNumber: '+14155550142' });
        await verifyPhoneValidation(deps, session.caller, started.validationId, sender.lastCode());
        await updatePhone(deps, session.caller, started.validationId);
      },
    ],
  ];

  test.each(endings)('%s: every remembered device needs a code again', async (_name, end) => {
    const { deps } = lifecycleDeps();
    const { user, secret, session, admin, accountId } = await userWithApp(deps, { rememberDeviceDays: 30 });
    const fresh = await signIn(deps, user.email);
    const { deviceToken } = await rememberedDevice(deps, user.email, secret);
    expect((await login(deps, { email: user.email, password: TEST_PASSWORD, deviceToken })).status).toBe(
      'AUTHENTICATED',
    );
    await end(deps, { session: { ...session, caller: fresh.caller }, admin, accountId });
    const after = await login(deps, { email: user.email, password: TEST_PASSWORD, deviceToken }).catch(
      (e) => e,
    );
    expect(after).toMatchObject({ status: 'MFA_REQUIRED' });
    expect((await myFactors(deps, (await signIn(deps, user.email)).caller)).rememberedDevices).toEqual([]);
  });
});

describe("an admin's MFA reset", () => {
  test('removes the app and every recovery code: the next sign-in is by email, and old codes sign in nowhere', async () => {
    const { deps } = lifecycleDeps();
    const { user, admin, accountId, recoveryCodes, secret } = await userWithApp(deps);
    const reset = await resetUserMfa(deps, admin, accountId, user.userId);
    expect(reset.mfa).toMatchObject({ methods: ['email'], preferred: 'email', recoveryCodesRemaining: 0 });
    const factors = await deps.factors.get(user.userId);
    expect(factors.totp).toBeUndefined();
    expect(factors.recoveryCodeDigests ?? []).toEqual([]);

    const challenge = await challengeFor(deps, user.email);
    expect(challenge).toMatchObject({ channel: 'email', methods: ['email'] });
    for (const [method, code] of [
      ['recovery_code', recoveryCodes[0]!],
      ['totp', totpCodeAt(secret, nowSeconds() + 30)],
    ] as const)
      expect(
        await verifyCode(deps, { session: challenge.session, code, method }).catch((e) => ({
          method,
          code: e.code,
          status: e.status,
        })),
      ).toEqual({ method, code: 'METHOD_NOT_AVAILABLE', status: 409 });
  });
});
