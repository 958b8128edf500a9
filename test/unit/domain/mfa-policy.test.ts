import {
  canAdministerAccount,
  effectiveMfaChannel,
  isMfaRequired,
  type MfaSubject,
  mfaDestination,
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
    caller                                      | accountId   | allowed
    ${{ role: 'admin', accountId: 'acct-1' }}   | ${'acct-1'} | ${true}
    ${{ role: 'admin', accountId: 'acct-2' }}   | ${'acct-1'} | ${false}
    ${{ role: 'member', accountId: 'acct-1' }}  | ${'acct-1'} | ${false}
    ${{ role: 'admin', accountId: undefined }}  | ${'acct-1'} | ${false}
    ${{ role: 'admin' }}                        | ${'acct-1'} | ${false}
    ${{ role: undefined, accountId: 'acct-1' }} | ${'acct-1'} | ${false}
    ${{ role: 'Admin', accountId: 'acct-1' }}   | ${'acct-1'} | ${false}
    ${{ role: 'admin', accountId: 'ACCT-1' }}   | ${'acct-1'} | ${false}
    ${{ role: 'admin', accountId: 'acct-1 ' }}  | ${'acct-1'} | ${false}
  `('$caller on $accountId → $allowed', ({ caller, accountId, allowed }) => {
    expect(canAdministerAccount(caller, accountId)).toBe(allowed);
  });
});
