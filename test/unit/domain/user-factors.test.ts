import { factorsFromItem } from '../../../lambdas/adapters/factor-store';
import { userRecordFromItem } from '../../../lambdas/adapters/user-store';
import { codeStateKeys, USER_FACTOR_FIELDS } from '../../../lambdas/domain/user-factors';

describe("the one list of a user's factor state", () => {
  test('codeStateKeys: the lock and every send limit of every destination, once each', () => {
    const keys = codeStateKeys('u1', ['a@x.test', '+14155552671', 'a@x.test'], {
      failures: (id) => `F#${id}`,
      sendLimits: [(d) => `S#${d}`, (d) => `Q#${d}`],
    });
    expect(keys).toEqual(['F#u1', 'S#a@x.test', 'Q#a@x.test', 'S#+14155552671', 'Q#+14155552671']);
  });

  test('every factor field is one the user record or the factor store reads (so a reset clears what exists)', () => {
    const item = Object.fromEntries(USER_FACTOR_FIELDS.map((f) => [f, f === 'provenPhone' ? '+1' : 1]));
    const record = userRecordFromItem('u1', item);
    const withSecret = {
      ...item,
      totpSecret: 'sealed',
      recoveryCodes: new Set(['a']),
      preferredMethod: 'totp',
    };
    const factors = factorsFromItem(withSecret);
    const read = new Set([
      ...Object.keys(record).filter((k) => record[k as keyof typeof record] !== undefined),
      ...(factors.totp ? ['totpSecret', 'totpEnabledAt', 'totpLastStep'] : []),
      ...(factors.recoveryCodeDigests.length ? ['recoveryCodes'] : []),
      ...(factors.preferred ? ['preferredMethod'] : []),
    ]);
    for (const field of USER_FACTOR_FIELDS) expect(read).toContain(field);
    expect(USER_FACTOR_FIELDS).toEqual(
      expect.arrayContaining(['provenPhone', 'totpSecret', 'recoveryCodes']),
    );
  });
});
