import { randomUUID } from 'node:crypto';
import type { Caller } from '../../lambdas/http/caller';
import { inviteUser } from '../../lambdas/services/onboarding/invitations';
import { register } from '../../lambdas/services/onboarding/registration';
import { startPhoneValidation } from '../../lambdas/services/phone/phone-change';
import { login } from '../../lambdas/services/sign-in/login';
import { resendCode } from '../../lambdas/services/sign-in/resend';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import { invitationTokenFrom, RecordingSender, seedAccount, testDeps } from './fixtures';

/** The abuse limits (docs/api.md, Limits), against DynamoDB Local, each by the error it answers. */
let line = 2000;
const uniqueMobile = () =>
  `+34 612 ${String(line++)
    .padStart(6, '0')
    .replace(/(\d{3})(\d{3})/, '$1 $2')}`;
const e164 = (written: string) => written.replace(/\s/g, '');
const PASSWORD = 'a long admin passphrase';

async function signedInAdmin(
  env: Record<string, string> = {},
  options: { adminPhone?: string; mfaEnabled?: boolean } = {},
) {
  const sender = new RecordingSender();
  const deps = testDeps({ sender }, { MFA_SMS_ALLOWED_COUNTRIES: 'US,ES', ...env });
  const { admin, accountId } = await seedAccount(deps, options);
  const caller: Caller = { ...admin, authTime: Math.floor(deps.now().getTime() / 1000) };
  return { deps, sender, caller, accountId };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e) =>
      e as { code: string; status: number; fields: Record<string, unknown>; headers: Record<string, string> },
  );

describe('phone validations are limited apart from sign-in codes', () => {
  test("another user's validations to my number cannot use up my sign-in quota (and stop at 3 SMS a day)", async () => {
    const victimPhone = uniqueMobile();
    const victim = await signedInAdmin({}, { adminPhone: e164(victimPhone), mfaEnabled: true });
    for (let i = 0; i < 3; i++) {
      const attacker = await signedInAdmin();
      await startPhoneValidation(attacker.deps, attacker.caller, { phoneNumber: victimPhone });
    }
    const attacker = await signedInAdmin();
    const fourth = await refusal(
      startPhoneValidation(attacker.deps, attacker.caller, { phoneNumber: victimPhone }),
    );
    expect(fourth).toMatchObject({
      code: 'TOO_MANY_SENDS',
      status: 429,
      fields: { limit: 'validation-sends' },
    });
    expect(fourth.fields.retryAfter).toBeGreaterThan(0);
    // Ten sign-in codes an hour are still the victim's own.
    for (let i = 0; i < 10; i++) {
      const answer = await login(victim.deps, { email: victim.caller.email, password: PASSWORD });
      expect(answer).toMatchObject({ status: 'MFA_REQUIRED', channel: 'sms' });
    }
    expect(
      await refusal(login(victim.deps, { email: victim.caller.email, password: PASSWORD })),
    ).toMatchObject({
      code: 'TOO_MANY_SENDS',
      fields: { limit: 'sign-in-sends' },
    });
  });

  test('a user may start 3 validations an hour and 10 a day', async () => {
    const { deps, caller: signedIn } = await signedInAdmin();
    let caller = signedIn;
    const start = () => startPhoneValidation(deps, caller, { phoneNumber: uniqueMobile() });
    for (let i = 0; i < 3; i++) await start();
    const refused = await refusal(start());
    expect(refused).toMatchObject({
      code: 'TOO_MANY_SENDS',
      fields: { limit: 'phone-validations-per-user' },
    });
    expect(refused.fields.retryAfter).toBe(3600);
    expect(refused.headers['Retry-After']).toBe('3600');
    let started = 3;
    for (let hour = 1; hour < 6; hour++) {
      deps.clock.advance(3600);
      caller = { ...caller, authTime: Math.floor(deps.now().getTime() / 1000) }; // a fresh sign-in each time
      for (let i = 0; i < 3; i++)
        started += (await start()
          .then(() => 1)
          .catch(() => 0)) as number;
    }
    expect(started).toBe(10);
  });

  test('an account may start a limited number of validations a day, whoever starts them', async () => {
    const { deps, caller, accountId } = await signedInAdmin({
      MFA_MAX_PHONE_VALIDATIONS_PER_ACCOUNT_PER_DAY: '2',
    });
    await startPhoneValidation(deps, caller, { phoneNumber: uniqueMobile() });
    const email = `member-${randomUUID()}@example.test`;
    const created = await deps.identity.createUser({
      email,
      name: 'Member',
      password: PASSWORD,
      phoneNumber: undefined,
      locale: 'en',
      accountId,
      role: 'member',
      mfaRequired: false,
    });
    if (!created.ok) throw new Error('member not created');
    const member: Caller = {
      userId: created.userId,
      username: email,
      email,
      accountId,
      role: 'member',
      authTime: caller.authTime,
    };
    await startPhoneValidation(deps, member, { phoneNumber: uniqueMobile() });
    expect(await refusal(startPhoneValidation(deps, member, { phoneNumber: uniqueMobile() }))).toMatchObject({
      code: 'TOO_MANY_SENDS',
      fields: { limit: 'phone-validations-per-account' },
    });
  });

  test('a validation SNS refused uses no quota: all three of the hour are still there', async () => {
    const { deps, caller, sender } = await signedInAdmin();
    sender.failing = true;
    for (let i = 0; i < 5; i++) {
      expect(
        await refusal(startPhoneValidation(deps, caller, { phoneNumber: uniqueMobile() })),
      ).toMatchObject({
        code: 'DELIVERY_FAILED',
        status: 502,
      });
    }
    sender.failing = false;
    for (let i = 0; i < 3; i++) await startPhoneValidation(deps, caller, { phoneNumber: uniqueMobile() });
  });
});

describe('invitations are limited per account and per address', () => {
  test('3 invitations a day to one address, then TOO_MANY_SENDS with the wait', async () => {
    const { deps, caller, accountId } = await signedInAdmin();
    const email = `invitee-${randomUUID()}@example.test`;
    for (let i = 0; i < 3; i++) await inviteUser(deps, caller, accountId, { email });
    const refused = await refusal(inviteUser(deps, caller, accountId, { email }));
    expect(refused).toMatchObject({ code: 'TOO_MANY_SENDS', fields: { limit: 'invitations-per-address' } });
    expect(refused.fields.retryAfter).toBe(24 * 3600);
  });

  test('an account may send a limited number of invitations a day; a failed email uses none', async () => {
    const { deps, caller, accountId, sender } = await signedInAdmin({
      MAX_INVITATIONS_PER_ACCOUNT_PER_DAY: '2',
    });
    sender.failing = true;
    await refusal(inviteUser(deps, caller, accountId, { email: `x-${randomUUID()}@example.test` }));
    sender.failing = false;
    await inviteUser(deps, caller, accountId, { email: `a-${randomUUID()}@example.test` });
    await inviteUser(deps, caller, accountId, { email: `b-${randomUUID()}@example.test` });
    expect(
      await refusal(inviteUser(deps, caller, accountId, { email: `c-${randomUUID()}@example.test` })),
    ).toMatchObject({
      code: 'TOO_MANY_SENDS',
      fields: { limit: 'invitations-per-account' },
    });
  });
});

describe('delivery fallback and the unproven phone', () => {
  async function registeredWithPhone() {
    const admin = await signedInAdmin({}, { mfaEnabled: true });
    const email = `phone-user-${randomUUID()}@example.test`;
    await inviteUser(admin.deps, admin.caller, admin.accountId, { email, locale: 'it' });
    const phone = uniqueMobile();
    await register(admin.deps, {
      invitationToken: invitationTokenFrom(admin.sender),
      name: 'Paola Rossi',
      password: 'quiet river stones at dawn',
      phoneNumber: phone,
      locale: 'it',
    });
    return { ...admin, email, phone: e164(phone), password: 'quiet river stones at dawn' };
  }

  test('a registration phone is unproven until its first SMS code comes back: until then the user may switch to email', async () => {
    const user = await registeredWithPhone();
    const first = await login(user.deps, { email: user.email, password: user.password });
    expect(first).toMatchObject({ status: 'MFA_REQUIRED', channel: 'sms', methods: ['sms', 'email'] });
    if (first.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    user.deps.clock.advance(30);
    const switched = await resendCode(user.deps, { session: first.session, channel: 'email' });
    expect(switched.channel).toBe('email');
    expect(user.sender.emails.at(-1)?.to).toBe(user.email);
    // The email code works; the SMS code sent before it does not.
    await verifyCode(user.deps, { session: first.session, code: user.sender.lastCode() });

    // Once an SMS code has come back, the phone is proven and email is no longer offered.
    user.deps.clock.advance(60);
    const second = await login(user.deps, { email: user.email, password: user.password });
    if (second.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    await verifyCode(user.deps, { session: second.session, code: user.sender.lastCode() });
    const third = await login(user.deps, { email: user.email, password: user.password });
    expect(third).toMatchObject({ channel: 'sms', methods: ['sms'] });
    if (third.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    user.deps.clock.advance(30);
    expect(await refusal(resendCode(user.deps, { session: third.session, channel: 'email' }))).toMatchObject({
      code: 'CHANNEL_NOT_AVAILABLE',
      status: 409,
    });
  });

  test("when SNS refuses the sign-in SMS, the same sign-in gets the code by email at once, in the user's language", async () => {
    const user = await registeredWithPhone();
    user.sender.failingSms = true;
    const answer = await login(user.deps, { email: user.email, password: user.password });
    expect(answer).toMatchObject({ status: 'MFA_REQUIRED', channel: 'email', fallbackFrom: 'sms' });
    expect(user.sender.emails.at(-1)).toMatchObject({ to: user.email });
    expect(user.sender.emails.at(-1)?.message.subject).toMatch(/codice/i);
    if (answer.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    await expect(
      verifyCode(user.deps, { session: answer.session, code: user.sender.lastCode() }),
    ).resolves.toMatchObject({ tokens: { tokenType: 'Bearer' } });
    // The user record remembers: the next sign-in offers email too, even after SNS recovers.
    user.sender.failingSms = false;
    expect(
      (await user.deps.users.get((await user.deps.identity.getUser(user.email))!.userId)).smsFailedAt,
    ).toEqual(expect.any(Number));
  });

  test('SNS and SES both refusing: DELIVERY_FAILED, no session left, no quota used', async () => {
    const user = await registeredWithPhone();
    user.sender.failing = true;
    expect(await refusal(login(user.deps, { email: user.email, password: user.password }))).toMatchObject({
      code: 'DELIVERY_FAILED',
      status: 502,
    });
    user.sender.failing = false;
    for (let i = 0; i < 10; i++) await login(user.deps, { email: user.email, password: user.password });
  });
});

describe('free text', () => {
  test.each([
    ['a line break with a forged header', 'Mallory\r\nBcc: everyone@example.com'],
    ['a right-to-left override', 'Ana \u202eadmin'],
    ['a control character', 'Ana\u0007'],
    ['101 characters', 'a'.repeat(101)],
  ])(
    'a registration name with %s is VALIDATION_FAILED and leaves the invitation usable',
    async (_what, name) => {
      const admin = await signedInAdmin();
      const email = `free-text-${randomUUID()}@example.test`;
      await inviteUser(admin.deps, admin.caller, admin.accountId, { email });
      const token = invitationTokenFrom(admin.sender);
      const refused = await refusal(
        register(admin.deps, { invitationToken: token, name, password: 'quiet river stones at dawn' }),
      );
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
      expect(JSON.stringify(refused.fields.details)).toContain('"field":"name"');
      await expect(
        register(admin.deps, {
          invitationToken: token,
          name: 'Ana María Núñez 😀',
          password: 'quiet river stones at dawn',
        }),
      ).resolves.toMatchObject({ email });
    },
  );
});
