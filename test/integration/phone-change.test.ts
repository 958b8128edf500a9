import { randomUUID } from 'node:crypto';
import type { Caller } from '../../lambdas/http/caller';
import {
  resendPhoneValidation,
  startPhoneValidation,
  updatePhone,
  verifyPhoneValidation,
} from '../../lambdas/services/phone/phone-change';
import { login } from '../../lambdas/services/sign-in/login';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import { RecordingSender, seedAccount, settle, testDeps } from './fixtures';

const OLD_PHONE = '+14155550101';
const NEW_PHONE_TYPED = '+1 (415) 555-0199';
const NEW_PHONE = '+14155550199';
let nextLine = 10;
/** A different valid number per use, so the per-destination hourly cap never links two tests. */
const uniquePhone = () => `+1212555${String(1000 + nextLine++).padStart(4, '0')}`;

async function signedInUser(options: { phone?: string } = {}) {
  const sender = new RecordingSender();
  const deps = testDeps({ sender });
  const { admin, password, accountId } = await seedAccount(deps, {
    adminPhone: options.phone ?? OLD_PHONE,
    mfaEnabled: true,
  });
  const caller: Caller = { ...admin, authTime: Math.floor(deps.now().getTime() / 1000) };
  return { deps, sender, caller, password, accountId };
}

describe('changing the MFA phone: validate, verify, update', () => {
  test('the whole flow: the code goes to the new number only; the old one signs in until Update; then notices', async () => {
    const { deps, sender, caller, password } = await signedInUser();
    const started = await startPhoneValidation(deps, caller, { phoneNumber: NEW_PHONE_TYPED });
    expect(started).toEqual({
      validationId: expect.stringMatching(/^[\w-]{43}$/),
      destination: '+1 ********99',
      expiresIn: 300,
      sessionExpiresIn: 900,
      resendAvailableIn: 30,
    });
    expect(sender.sms.map((m) => m.to)).toEqual([NEW_PHONE]);
    const code = sender.lastCode();

    // Until Update, sign-in codes still go to the old number.
    await login(deps, { email: caller.email, password });
    expect(sender.sms.at(-1)?.to).toBe(OLD_PHONE);

    await expect(verifyPhoneValidation(deps, caller, started.validationId, code)).resolves.toEqual({
      validated: true,
      phoneNumber: NEW_PHONE,
      message: 'Your phone number has been validated',
    });
    expect((await deps.identity.getUser(caller.username))?.phoneNumber).toBe(OLD_PHONE);

    const sentBefore = sender.sms.length;
    await expect(updatePhone(deps, caller, started.validationId)).resolves.toEqual({
      phoneNumber: NEW_PHONE,
      mfaChannel: 'sms',
    });
    expect((await deps.identity.getUser(caller.username))?.phoneNumber).toBe(NEW_PHONE);

    // Notices: one email to the user's address and one SMS to the old number; masked, no code.
    const notices = [...sender.sms.slice(sentBefore).map((m) => ({ to: m.to, text: m.text }))];
    expect(notices).toEqual([{ to: OLD_PHONE, text: expect.stringContaining('+1 ********99') }]);
    const email = sender.emails.at(-1);
    expect(email?.to).toBe(caller.email);
    expect(email?.message.text).toContain('+1 ********99');
    expect(email?.message.text).toMatch(/20\d\d/);
    expect(email?.message.text).toMatch(/did not.*reset your password/s);
    for (const text of [notices[0]?.text, email?.message.text, email?.message.subject]) {
      expect(text).not.toContain(code);
      expect(text).not.toContain('5550199');
    }

    // From now on sign-in codes go to the new number; the validation is used up.
    await login(deps, { email: caller.email, password });
    expect(sender.sms.at(-1)?.to).toBe(NEW_PHONE);
    await expect(updatePhone(deps, caller, started.validationId)).rejects.toMatchObject({
      code: 'VALIDATION_NOT_FOUND',
    });
  });

  test('Update before Verify is VALIDATION_NOT_VERIFIED and changes nothing', async () => {
    const NEW = uniquePhone();
    const { deps, caller } = await signedInUser();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: NEW });
    await expect(updatePhone(deps, caller, validationId)).rejects.toMatchObject({
      code: 'VALIDATION_NOT_VERIFIED',
      status: 409,
    });
    expect((await deps.identity.getUser(caller.username))?.phoneNumber).toBe(OLD_PHONE);
  });

  test('Update racing itself: exactly one wins', async () => {
    const NEW = uniquePhone();
    const { deps, sender, caller } = await signedInUser();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: NEW });
    await verifyPhoneValidation(deps, caller, validationId, sender.lastCode());
    const outcome = await settle(Array.from({ length: 8 }, () => updatePhone(deps, caller, validationId)));
    expect(outcome.ok).toHaveLength(1);
    expect(outcome.errors.every((e) => e === 'VALIDATION_NOT_FOUND')).toBe(true);
    expect(sender.emails).toHaveLength(1);
  });

  test("another user's validation is VALIDATION_NOT_FOUND for resend, verify and update", async () => {
    const NEW = uniquePhone();
    const owner = await signedInUser();
    const other = await signedInUser();
    const { validationId } = await startPhoneValidation(owner.deps, owner.caller, { phoneNumber: NEW });
    const code = owner.sender.lastCode();
    owner.deps.clock.advance(30);
    for (const attempt of [
      resendPhoneValidation(owner.deps, other.caller, validationId),
      verifyPhoneValidation(owner.deps, other.caller, validationId, code),
      updatePhone(owner.deps, other.caller, validationId),
    ]) {
      await expect(attempt).rejects.toMatchObject({ code: 'VALIDATION_NOT_FOUND', status: 404 });
    }
    // The owner's validation is untouched: no attempt was taken.
    await expect(verifyPhoneValidation(owner.deps, owner.caller, validationId, code)).resolves.toMatchObject({
      validated: true,
    });
  });

  test('purpose binding: a sign-in session is no validation, and a validation is no sign-in session', async () => {
    const NEW = uniquePhone();
    const { deps, sender, caller, password } = await signedInUser();
    const signIn = await login(deps, { email: caller.email, password });
    if (signIn.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    const loginCode = sender.lastCode();
    // Neither the whole session nor its id (whose hash is the sign-in challenge's key) is a validation.
    for (const id of [signIn.session, signIn.session.split('.')[0]!]) {
      await expect(verifyPhoneValidation(deps, caller, id, loginCode)).rejects.toMatchObject({
        code: 'VALIDATION_NOT_FOUND',
      });
    }
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: NEW });
    const phoneCode = sender.lastCode();
    await expect(verifyCode(deps, { session: validationId, code: phoneCode })).rejects.toMatchObject({
      code: 'SESSION_EXPIRED',
    });
    // Neither refusal cost the other challenge an attempt.
    await expect(
      verifyCode(deps, { session: signIn.session, code: loginCode }).then((v) => v.tokens),
    ).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
    await expect(verifyPhoneValidation(deps, caller, validationId, phoneCode)).resolves.toMatchObject({
      validated: true,
    });
  });

  test('a stale sign-in must sign in again to start or to update', async () => {
    const NEW = uniquePhone();
    const { deps, sender, caller } = await signedInUser();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: NEW });
    await verifyPhoneValidation(deps, caller, validationId, sender.lastCode());
    const stale = { ...caller, authTime: caller.authTime - 901 };
    await expect(startPhoneValidation(deps, stale, { phoneNumber: '+14155550177' })).rejects.toMatchObject({
      code: 'REAUTHENTICATION_REQUIRED',
      status: 401,
    });
    await expect(updatePhone(deps, stale, validationId)).rejects.toMatchObject({
      code: 'REAUTHENTICATION_REQUIRED',
    });
    expect((await deps.identity.getUser(caller.username))?.phoneNumber).toBe(OLD_PHONE);
  });

  test('the number already saved is PHONE_UNCHANGED; bad numbers are 400s; nothing is sent', async () => {
    const { deps, sender, caller } = await signedInUser();
    await expect(
      startPhoneValidation(deps, caller, { phoneNumber: '+1 415 555 0101' }),
    ).rejects.toMatchObject({
      code: 'PHONE_UNCHANGED',
      status: 409,
    });
    for (const phoneNumber of ['4155550199', '+1 800 555 0100', 'call me', '+44 7911 123456']) {
      await expect(startPhoneValidation(deps, caller, { phoneNumber })).rejects.toMatchObject({
        status: 400,
      });
    }
    expect(sender.sms).toHaveLength(0);
  });

  test('Update still saves the number 899 seconds after Verify', async () => {
    const NEW = uniquePhone();
    const { deps, sender, caller } = await signedInUser();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: NEW });
    await verifyPhoneValidation(deps, caller, validationId, sender.lastCode());
    deps.clock.advance(899);
    const fresh = { ...caller, authTime: Math.floor(deps.now().getTime() / 1000) };
    await expect(updatePhone(deps, fresh, validationId)).resolves.toMatchObject({ phoneNumber: NEW });
  });

  test('Update is possible for 15 minutes after Verify, not later', async () => {
    const NEW = uniquePhone();
    const { deps, sender, caller } = await signedInUser();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: NEW });
    await verifyPhoneValidation(deps, caller, validationId, sender.lastCode());
    deps.clock.advance(900);
    const fresh = { ...caller, authTime: Math.floor(deps.now().getTime() / 1000) };
    await expect(updatePhone(deps, fresh, validationId)).rejects.toMatchObject({
      code: 'VALIDATION_NOT_FOUND',
    });
  });

  test('wrong codes share the per-user failure counter with sign-in', async () => {
    const NEW = uniquePhone();
    const { deps, sender, caller, password } = await signedInUser();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: NEW });
    for (let i = 0; i < 5; i++)
      await verifyPhoneValidation(deps, caller, validationId, '000000').catch(() => undefined);
    const signIn = await login(deps, { email: caller.email, password });
    if (signIn.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    for (let i = 0; i < 4; i++)
      await verifyCode(deps, { session: signIn.session, code: '000000' }).catch(() => undefined);
    await expect(verifyCode(deps, { session: signIn.session, code: '000000' })).rejects.toMatchObject({
      code: 'MFA_LOCKED',
    });
    await expect(startPhoneValidation(deps, caller, { phoneNumber: '+14155550188' })).rejects.toMatchObject({
      code: 'MFA_LOCKED',
    });
    expect(sender.sms.filter((m) => m.to === '+14155550188')).toHaveLength(0);
  });

  test('resend sends a new code to the new number and kills the earlier one', async () => {
    const { deps, sender, caller } = await signedInUser({ phone: `+1415555${String(Date.now()).slice(-4)}` });
    const newPhone = '+14155550166';
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: newPhone });
    const first = sender.lastCode();
    await expect(resendPhoneValidation(deps, caller, validationId)).rejects.toMatchObject({
      code: 'RESEND_TOO_SOON',
    });
    deps.clock.advance(30);
    await expect(resendPhoneValidation(deps, caller, validationId)).resolves.toMatchObject({
      channel: 'sms',
    });
    expect(sender.sms.at(-1)?.to).toBe(newPhone);
    const second = sender.lastCode();
    await expect(verifyPhoneValidation(deps, caller, validationId, first)).rejects.toMatchObject({
      code: 'INVALID_CODE',
    });
    await expect(verifyPhoneValidation(deps, caller, validationId, second)).resolves.toMatchObject({
      validated: true,
    });
  });

  test('an unknown validation id is VALIDATION_NOT_FOUND', async () => {
    const { deps, caller } = await signedInUser();
    await expect(
      verifyPhoneValidation(deps, caller, randomUUID().replace(/-/g, ''), '123456'),
    ).rejects.toMatchObject({
      code: 'VALIDATION_NOT_FOUND',
    });
  });
});
