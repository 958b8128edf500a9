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

  test('every factor field is one the user record knows (so a reset clears what exists)', () => {
    const record = userRecordFromItem(
      'u1',
      Object.fromEntries(USER_FACTOR_FIELDS.map((f) => [f, f === 'provenPhone' ? '+1' : 1])),
    );
    for (const field of USER_FACTOR_FIELDS) expect(record).toHaveProperty(field);
    expect(USER_FACTOR_FIELDS).toContain('provenPhone');
  });
});
