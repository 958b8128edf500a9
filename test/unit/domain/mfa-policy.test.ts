import {
  canAdministerAccount,
  codeChannels,
  effectiveMfaChannel,
  isMfaRequired,
  type MfaSubject,
  mfaDestination,
  signInMethods,
  startingMethod,
} from '../../../lambdas/domain/mfa-policy';

const PHONE = '+14155552671';
const EMAIL = 'user@example.com';

describe('who needs a code and where it goes', () => {
  test.each`
    accountMfaEnabled | userMfaRequired | phoneNumber  | required | channel    | destination
    ${false}          | ${false}        | ${undefined} | ${false} | ${'none'}  | ${EMAIL}
    ${false}          | ${false}        | ${PHONE}     | ${false} | ${'none'}  | ${PHONE}
    ${true}           | ${false}        | ${undefined} | ${true}  | ${'email'} | ${EMAIL}
    ${true}           | ${false}        | ${PHONE}     | ${true}  | ${'sms'}   | ${PHONE}
    ${false}          | ${true}         | ${undefined} | ${true}  | ${'email'} | ${EMAIL}
    ${false}          | ${true}         | ${PHONE}     | ${true}  | ${'sms'}   | ${PHONE}
    ${true}           | ${true}         | ${undefined} | ${true}  | ${'email'} | ${EMAIL}
    ${true}           | ${true}         | ${PHONE}     | ${true}  | ${'sms'}   | ${PHONE}
    ${true}           | ${false}        | ${''}        | ${true}  | ${'email'} | ${EMAIL}
  `(
    'account $accountMfaEnabled, user $userMfaRequired, phone $phoneNumber → required $required via $channel',
    ({ accountMfaEnabled, userMfaRequired, phoneNumber, required, channel, destination }) => {
      const subject: MfaSubject = { accountMfaEnabled, userMfaRequired, phoneNumber, email: EMAIL };
      expect(isMfaRequired(subject)).toBe(required);
      expect(effectiveMfaChannel(subject)).toBe(channel);
      expect(mfaDestination(subject).destination).toBe(destination);
      if (required) expect(mfaDestination(subject).channel).toBe(channel);
    },
  );
});

describe('canAdministerAccount (tenancy)', () => {
  test.each`
    caller                                      | accountId    | allowed
    ${{ role: 'admin', accountId: 'acct-1' }}   | ${'acct-1'}  | ${true}
    ${{ role: 'admin', accountId: 'acct-2' }}   | ${'acct-1'}  | ${false}
    ${{ role: 'member', accountId: 'acct-1' }}  | ${'acct-1'}  | ${false}
    ${{ role: 'admin', accountId: undefined }}  | ${'acct-1'}  | ${false}
    ${{ role: 'admin' }}                        | ${'acct-1'}  | ${false}
    ${{ role: undefined, accountId: 'acct-1' }} | ${'acct-1'}  | ${false}
    ${{ role: 'Admin', accountId: 'acct-1' }}   | ${'acct-1'}  | ${false}
    ${{ role: 'admin', accountId: 'ACCT-1' }}   | ${'acct-1'}  | ${false}
    ${{ role: 'admin', accountId: 'acct-1 ' }}  | ${'acct-1'}  | ${false}
    ${{ role: 'admin' }}                        | ${undefined} | ${false}
  `('$caller on $accountId → $allowed', ({ caller, accountId, allowed }) => {
    expect(canAdministerAccount(caller, accountId)).toBe(allowed);
  });
});

describe('the methods of a sign-in', () => {
  const subject = (phoneNumber?: string): MfaSubject => ({
    accountMfaEnabled: true,
    userMfaRequired: false,
    phoneNumber,
    email: EMAIL,
  });
  const proven = { provenPhone: PHONE, smsFailedAt: undefined };
  const none = { totp: false, recoveryCodes: 0, preferred: undefined };

  test('an authenticator app makes a second factor required, whatever the switch says', () => {
    const off = { accountMfaEnabled: false, userMfaRequired: false, phoneNumber: undefined, email: EMAIL };
    expect(isMfaRequired(off)).toBe(false);
    expect(isMfaRequired({ ...off, hasAuthenticatorApp: false })).toBe(false);
    expect(isMfaRequired({ ...off, hasAuthenticatorApp: true })).toBe(true);
  });

  test.each`
    phone        | standing                                                   | channels
    ${undefined} | ${{ provenPhone: undefined, smsFailedAt: undefined }}      | ${['email']}
    ${PHONE}     | ${{ provenPhone: PHONE, smsFailedAt: undefined }}          | ${['sms']}
    ${PHONE}     | ${{ provenPhone: undefined, smsFailedAt: undefined }}      | ${['sms', 'email']}
    ${PHONE}     | ${{ provenPhone: '+14155550000', smsFailedAt: undefined }} | ${['sms', 'email']}
    ${PHONE}     | ${{ provenPhone: PHONE, smsFailedAt: 1 }}                  | ${['sms', 'email']}
  `('phone $phone, standing $standing → code channels $channels', ({ phone, standing, channels }) => {
    expect(codeChannels(subject(phone), standing)).toEqual(channels);
  });

  test('strongest first: the app, the code channels, then a recovery code', () => {
    expect(signInMethods(subject(PHONE), proven, { ...none, totp: true, recoveryCodes: 3 })).toEqual([
      'totp',
      'sms',
      'recovery_code',
    ]);
    expect(signInMethods(subject(), proven, none)).toEqual(['email']);
    expect(signInMethods(subject(), proven, { ...none, recoveryCodes: 1 })).toEqual([
      'email',
      'recovery_code',
    ]);
  });

  test.each`
    methods                             | preferred    | starts
    ${['totp', 'sms', 'recovery_code']} | ${undefined} | ${'totp'}
    ${['totp', 'sms', 'recovery_code']} | ${'sms'}     | ${'sms'}
    ${['sms', 'email']}                 | ${undefined} | ${'sms'}
    ${['sms', 'email']}                 | ${'email'}   | ${'email'}
    ${['sms']}                          | ${'totp'}    | ${'sms'}
    ${['sms']}                          | ${'email'}   | ${'sms'}
    ${['email', 'recovery_code']}       | ${undefined} | ${'email'}
    ${['recovery_code']}                | ${undefined} | ${'email'}
    ${[]}                               | ${undefined} | ${'email'}
  `('methods $methods, preferred $preferred → starts with $starts', ({ methods, preferred, starts }) => {
    expect(startingMethod(methods, preferred)).toBe(starts);
  });
});
