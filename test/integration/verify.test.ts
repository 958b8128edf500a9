import { verifyCode } from '../../lambdas/services/sign-in/verify';
import { FAKE_TOKENS, rawItem, seedChallenge, settle, testDeps } from './fixtures';

describe('verify against DynamoDB Local', () => {
  test('the right code returns the sealed tokens once, and the session cannot be used again', async () => {
    const deps = testDeps();
    const { session, code } = await seedChallenge(deps);
    await expect(verifyCode(deps, { session, code })).resolves.toEqual(FAKE_TOKENS);
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  test('50 parallel verifies with the right code give exactly one success', async () => {
    const deps = testDeps();
    const { session, code, key } = await seedChallenge(deps);
    const outcome = await settle(Array.from({ length: 50 }, () => verifyCode(deps, { session, code })));
    expect(outcome.ok).toHaveLength(1);
    expect(outcome.errors).toHaveLength(49);
    expect(outcome.errors.every((e) => e === 'SESSION_EXPIRED' || e === 'TOO_MANY_ATTEMPTS')).toBe(true);
    const item = await rawItem(`CHALLENGE#${key}`);
    expect(item?.consumedAt).toEqual(expect.any(Number));
    expect(item?.sealedTokens).toBeUndefined();
  });

  test('50 parallel wrong guesses are evaluated at most 5 times, then the right code fails', async () => {
    const deps = testDeps();
    const { session, code, key, userId } = await seedChallenge(deps);
    const outcome = await settle(
      Array.from({ length: 50 }, () => verifyCode(deps, { session, code: '000001' })),
    );
    expect(outcome.ok).toHaveLength(0);
    const evaluated = outcome.errors.filter((e) => e === 'INVALID_CODE').length;
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(outcome.errors.filter((e) => e !== 'INVALID_CODE').every((e) => e === 'TOO_MANY_ATTEMPTS')).toBe(
      true,
    );
    expect((await rawItem(`CHALLENGE#${key}`))?.attempts).toBe(5);
    // Exactly the evaluated guesses were counted against the user (4 INVALID_CODE + the one that ended it).
    expect((await rawItem(`FAILURES#${userId}`))?.failures).toBe(5);
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  test('wrong codes count down attemptsRemaining, the fifth ends the challenge', async () => {
    const deps = testDeps();
    const { session, code } = await seedChallenge(deps);
    for (const remaining of [4, 3, 2, 1]) {
      await expect(verifyCode(deps, { session, code: '999999' })).rejects.toMatchObject({
        code: 'INVALID_CODE',
        status: 401,
        fields: { attemptsRemaining: remaining },
      });
    }
    await expect(verifyCode(deps, { session, code: '999999' })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  test('an item whose expiresAt has passed but is still stored is refused, even with the right code', async () => {
    const deps = testDeps();
    const { session, code, key } = await seedChallenge(deps, { expiresIn: -1 });
    expect(await rawItem(`CHALLENGE#${key}`)).toBeDefined();
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  test('a code is refused at exactly its expiry and accepted one second before', async () => {
    const deps = testDeps();
    const late = await seedChallenge(deps, { expiresIn: 300 });
    const onTime = await seedChallenge(deps, { expiresIn: 300 });
    deps.clock.advance(299);
    await expect(verifyCode(deps, onTime)).resolves.toEqual(FAKE_TOKENS);
    deps.clock.advance(1);
    await expect(verifyCode(deps, late)).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  test('an unknown session and a malformed one look the same as an expired one', async () => {
    const deps = testDeps();
    await expect(verifyCode(deps, { session: 'A'.repeat(43), code: '123456' })).rejects.toMatchObject({
      code: 'SESSION_EXPIRED',
      status: 401,
    });
  });
});
