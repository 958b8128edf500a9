/**
 * Changing the MFA phone, past the happy path of phone-change.test.ts: what each step stores, counts, logs
 * and writes to the audit trail; the limits on resends; and what happens when a provider or Cognito fails
 * half-way (nothing is lost, nothing is left half-done).
 */
jest.mock('../../lambdas/http/metrics', () => {
  const actual = jest.requireActual<typeof import('../../lambdas/http/metrics')>(
    '../../lambdas/http/metrics',
  );
  return { ...actual, countMetric: jest.fn() };
});

import { hashId } from '../../lambdas/domain/secrets';
import type { Caller } from '../../lambdas/http/caller';
import { logger } from '../../lambdas/http/logger';
import { countMetric } from '../../lambdas/http/metrics';
import {
  resendPhoneValidation,
  startPhoneValidation,
  updatePhone,
  verifyPhoneValidation,
} from '../../lambdas/services/phone/phone-change';
import { RecordingSender, seedAccount, testDeps } from './fixtures';

const metrics = countMetric as jest.MockedFunction<typeof countMetric>;
let info: jest.SpiedFunction<typeof logger.info>;
let error: jest.SpiedFunction<typeof logger.error>;
beforeEach(() => {
  metrics.mockClear();
  info = jest.spyOn(logger, 'info');
  error = jest.spyOn(logger, 'error');
});
afterEach(() => jest.restoreAllMocks());
const events = (spy: jest.SpiedFunction<typeof logger.info>, event: string) =>
  spy.mock.calls.filter(([message]) => message === event).map(([, fields]) => fields);

const OLD_PHONE = '+14155550101';
let nextLine = 300;
/** A number of its own per use, so the per-number daily validation SMS never links two tests. */
const uniquePhone = () => `+1212555${String(1000 + nextLine++).padStart(4, '0')}`;

async function signedInUser(options: { phone?: string | null; env?: Record<string, string> } = {}) {
  const sender = new RecordingSender();
  const deps = testDeps({ sender }, options.env);
  const { admin, accountId } = await seedAccount(deps, {
    adminPhone: options.phone === null ? undefined : (options.phone ?? OLD_PHONE),
    mfaEnabled: true,
  });
  const caller: Caller = { ...admin, authTime: Math.floor(deps.now().getTime() / 1000) };
  return { deps, sender, caller, accountId };
}

/** The trail orders events by time, and the events of one flow can share an instant. */
const lastPhoneChange = async (setup: Awaited<ReturnType<typeof signedInUser>>) =>
  (await setup.deps.audit.list(setup.accountId, { limit: 10 })).events.find(
    (e) => e.type === 'mfa.phone.changed',
  );

async function verified(setup: Awaited<ReturnType<typeof signedInUser>>, phone = uniquePhone()) {
  const { validationId } = await startPhoneValidation(setup.deps, setup.caller, { phoneNumber: phone });
  await verifyPhoneValidation(setup.deps, setup.caller, validationId, setup.sender.lastCode());
  return { validationId, phone };
}

describe('starting a validation', () => {
  test('stores a phone validation by SMS to the new number, in the user language, and logs it by user', async () => {
    const { deps, caller } = await signedInUser();
    const appendKeys = jest.spyOn(logger, 'appendKeys');
    const phone = uniquePhone();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: phone });
    expect(await deps.challenges.get(hashId(validationId))).toMatchObject({
      purpose: 'phone-validation',
      channel: 'sms',
      destination: phone,
      userId: caller.userId,
      locale: 'en',
    });
    expect(appendKeys).toHaveBeenCalledWith({ userId: caller.userId });
    expect(events(info, 'mfa.phone.validation_started')).toEqual([
      { event: 'mfa.phone.validation_started', userId: caller.userId },
    ]);
    expect(events(info, 'mfa.code.sent')).toEqual([
      expect.objectContaining({ purpose: 'phone-validation', channel: 'sms' }),
    ]);
  });

  test('the green message comes in the language of the user, from what the validation stored', async () => {
    const { deps, sender, caller } = await signedInUser();
    const getUser = deps.identity.getUser.bind(deps.identity);
    jest.spyOn(deps.identity, 'getUser').mockImplementation(async (username) => {
      const user = await getUser(username);
      return user && { ...user, locale: 'es' };
    });
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: uniquePhone() });
    const answer = await verifyPhoneValidation(deps, caller, validationId, sender.lastCode());
    expect(answer.message).toBe('Se ha validado tu número de teléfono');
  });

  test('a user Cognito no longer knows is UNAUTHORIZED, and nothing is sent', async () => {
    const { deps, sender, caller } = await signedInUser();
    jest.spyOn(deps.identity, 'getUser').mockResolvedValue(undefined);
    await expect(startPhoneValidation(deps, caller, { phoneNumber: uniquePhone() })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(sender.sms).toEqual([]);
  });

  test('an SMS that SNS refuses: DELIVERY_FAILED, the validation is deleted and its limits given back', async () => {
    const { deps, sender, caller } = await signedInUser();
    const remove = jest.spyOn(deps.challenges, 'delete');
    sender.failingSms = true;
    const phone = uniquePhone();
    await expect(startPhoneValidation(deps, caller, { phoneNumber: phone })).rejects.toMatchObject({
      code: 'DELIVERY_FAILED',
    });
    expect(remove).toHaveBeenCalledTimes(1);
    sender.failingSms = false;
    // Three validation SMS a day per number: the refused one did not count.
    for (let i = 0; i < 3; i++) await startPhoneValidation(deps, caller, { phoneNumber: phone });
    expect(sender.sms.filter((m) => m.to === phone)).toHaveLength(3);
  });

  test('a failure before anything was stored deletes nothing', async () => {
    const { deps, caller } = await signedInUser();
    const remove = jest.spyOn(deps.challenges, 'delete');
    jest.spyOn(deps.challenges, 'create').mockRejectedValueOnce(new Error('DynamoDB is down'));
    await expect(startPhoneValidation(deps, caller, { phoneNumber: uniquePhone() })).rejects.toThrow(
      'DynamoDB is down',
    );
    expect(remove).not.toHaveBeenCalled();
  });

  test('the refusals say what to do, in words', async () => {
    const { deps, caller } = await signedInUser();
    await expect(startPhoneValidation(deps, caller, { phoneNumber: OLD_PHONE })).rejects.toMatchObject({
      code: 'PHONE_UNCHANGED',
      message: 'This number is already your MFA phone number.',
    });
    const stale = { ...caller, authTime: caller.authTime - 3600 };
    await expect(startPhoneValidation(deps, stale, { phoneNumber: uniquePhone() })).rejects.toMatchObject({
      code: 'REAUTHENTICATION_REQUIRED',
      message: 'Sign in again to change your MFA phone number.',
    });
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: uniquePhone() });
    await expect(updatePhone(deps, caller, validationId)).rejects.toMatchObject({
      message: 'Enter the code sent to the new number before saving it.',
    });
    await expect(
      updatePhone(deps, caller, 'no-such-validation-id-0000000000000000000000'),
    ).rejects.toMatchObject({
      code: 'VALIDATION_NOT_FOUND',
      message: 'This phone validation does not exist or has expired. Start again.',
    });
  });
});

describe('resending a validation code', () => {
  test('counts a resend, and the code it sends, by purpose', async () => {
    const { deps, caller } = await signedInUser({ env: { MFA_RESEND_COOLDOWN_SECONDS: '0' } });
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: uniquePhone() });
    metrics.mockClear();
    await resendPhoneValidation(deps, caller, validationId);
    expect(metrics.mock.calls).toContainEqual(['Resends', { Purpose: 'phone-validation' }]);
    expect(metrics.mock.calls).toContainEqual(['CodesSent', { Channel: 'sms', Purpose: 'phone-validation' }]);
  });

  test('the number daily validation SMS hold for resends too, and a refused resend keeps the earlier code', async () => {
    const { deps, sender, caller } = await signedInUser({ env: { MFA_RESEND_COOLDOWN_SECONDS: '0' } });
    const phone = uniquePhone();
    const { validationId } = await startPhoneValidation(deps, caller, { phoneNumber: phone });
    await resendPhoneValidation(deps, caller, validationId);
    await resendPhoneValidation(deps, caller, validationId);
    const lastCode = sender.lastCode();
    await expect(resendPhoneValidation(deps, caller, validationId)).rejects.toMatchObject({
      code: 'TOO_MANY_SENDS',
      fields: expect.objectContaining({ limit: 'validation-sends' }),
    });
    expect(sender.sms.filter((m) => m.to === phone)).toHaveLength(3);
    await expect(verifyPhoneValidation(deps, caller, validationId, lastCode)).resolves.toMatchObject({
      validated: true,
    });
  });

  test('after Verify there is nothing to resend', async () => {
    const setup = await signedInUser({ env: { MFA_RESEND_COOLDOWN_SECONDS: '0' } });
    const { validationId } = await verified(setup);
    const sent = setup.sender.sms.length;
    await expect(resendPhoneValidation(setup.deps, setup.caller, validationId)).rejects.toMatchObject({
      code: 'VALIDATION_NOT_FOUND',
    });
    expect(setup.sender.sms).toHaveLength(sent);
  });
});

describe('Update', () => {
  test('logs, counts and audits the change with both numbers masked', async () => {
    const setup = await signedInUser();
    const { validationId, phone } = await verified(setup);
    metrics.mockClear();
    await updatePhone(setup.deps, setup.caller, validationId);
    const masked = `+1 ********${phone.slice(-2)}`;
    expect(events(info, 'mfa.phone.changed')).toEqual([
      { event: 'mfa.phone.changed', userId: setup.caller.userId, phone: masked },
    ]);
    expect(metrics.mock.calls).toContainEqual(['PhoneChanges']);
    const event = await lastPhoneChange(setup);
    expect(event).toMatchObject({
      type: 'mfa.phone.changed',
      actor: setup.caller.email,
      details: { userId: setup.caller.userId, phone: masked, previous: '+1 ********01' },
    });
    expect(events(error, 'mfa.phone.notice_failed')).toEqual([]);
  });

  test('a user who had no phone: the audit says none, and only the email notice goes out', async () => {
    const setup = await signedInUser({ phone: null });
    const { validationId } = await verified(setup);
    const sms = setup.sender.sms.length;
    await updatePhone(setup.deps, setup.caller, validationId);
    expect(setup.sender.sms).toHaveLength(sms);
    const event = await lastPhoneChange(setup);
    expect(event?.details).toMatchObject({ previous: 'none' });
    expect(events(error, 'mfa.phone.notice_failed')).toEqual([]);
  });

  test('a notice that cannot be sent is logged with how many failed, and the change stands', async () => {
    const setup = await signedInUser();
    const { validationId, phone } = await verified(setup);
    setup.sender.failingSms = true;
    await expect(updatePhone(setup.deps, setup.caller, validationId)).resolves.toMatchObject({
      phoneNumber: phone,
    });
    expect(events(error, 'mfa.phone.notice_failed')).toEqual([
      { event: 'mfa.phone.notice_failed', failed: 1 },
    ]);
  });

  test('when Cognito fails to save the number, the validation stays usable for another Update', async () => {
    const setup = await signedInUser();
    const { validationId, phone } = await verified(setup);
    jest.spyOn(setup.deps.identity, 'setMfaPhone').mockRejectedValueOnce(new Error('Cognito is down'));
    await expect(updatePhone(setup.deps, setup.caller, validationId)).rejects.toThrow('Cognito is down');
    await expect(updatePhone(setup.deps, setup.caller, validationId)).resolves.toMatchObject({
      phoneNumber: phone,
    });
  });

  test('a user Cognito no longer knows is UNAUTHORIZED, and the number is not saved', async () => {
    const setup = await signedInUser();
    const { validationId } = await verified(setup);
    const setMfaPhone = jest.spyOn(setup.deps.identity, 'setMfaPhone');
    jest.spyOn(setup.deps.identity, 'getUser').mockResolvedValue(undefined);
    await expect(updatePhone(setup.deps, setup.caller, validationId)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(setMfaPhone).not.toHaveBeenCalled();
  });
});
