import { randomUUID } from 'node:crypto';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import { FAKE_TOKENS, rawItem, seedChallenge, settle, testDeps, tokensAfter } from './fixtures';

describe('verify against DynamoDB Local', () => {
  test('the right code returns the tokens once, and the session cannot be used again', async () => {
    const deps = testDeps();
    const { session, code } = await seedChallenge(deps);
    await expect(verifyCode(deps, { session, code }).then((v) => v.tokens)).resolves.toEqual(FAKE_TOKENS);
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  test('50 parallel verifies with the right code give exactly one success', async () => {
    const deps = testDeps();
    const { session, code, key } = await seedChallenge(deps);
    const outcome = await settle(Array.from({ length: 50 }, () => verifyCode(deps, { session, code })));
    expect(outcome.ok).toHaveLength(1);
    expect(outcome.errors).toHaveLength(49);
    expect(outcome.errors.every((e) => e === 'SESSION_EXPIRED')).toBe(true);
    const item = await rawItem(`CHALLENGE#${key}`);
    expect(item?.consumedAt).toEqual(expect.any(Number));
    expect(item?.codeDigest).toBeUndefined();
  });

  test('the challenge item holds no token, no code and no session id, and stays one write unit', async () => {
    const deps = testDeps();
    const { session, key } = await seedChallenge(deps);
    const item = await rawItem(`CHALLENGE#${key}`);
    const text = JSON.stringify(item);
    for (const secret of [FAKE_TOKENS.idToken, FAKE_TOKENS.refreshToken, session, session.split('.')[0]!])
      expect(text).not.toContain(secret);
    expect(Buffer.byteLength(text)).toBeLessThan(1024);
  });

  test('50 parallel wrong guesses on one session: at most 5 are answered as wrong codes, then the right code fails', async () => {
    const deps = testDeps();
    const { session, code, key, userId } = await seedChallenge(deps);
    const outcome = await settle(
      Array.from({ length: 50 }, () => verifyCode(deps, { session, code: '000001' })),
    );
    expect(outcome.ok).toHaveLength(0);
    expect(outcome.errors.filter((e) => e === 'INVALID_CODE').length).toBeLessThanOrEqual(4);
    expect(outcome.errors.every((e) => ['INVALID_CODE', 'TOO_MANY_ATTEMPTS', 'MFA_LOCKED'].includes(e))).toBe(
      true,
    );
    expect((await rawItem(`CHALLENGE#${key}`))?.attempts).toBe(5);
    // Every wrong code that was answered reserved its place first: the user's count stops at the limit.
    expect((await rawItem(`FAILURES#${userId}`))?.failures).toBe(10);
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'MFA_LOCKED' });
  });

  test('wrong codes count down attemptsRemaining, the fifth ends the challenge and removes its code', async () => {
    const deps = testDeps();
    const { session, code, key } = await seedChallenge(deps);
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
    expect((await rawItem(`CHALLENGE#${key}`))?.codeDigest).toBeUndefined();
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  test('a session whose end has passed but is still stored is refused, even with the right code', async () => {
    const deps = testDeps();
    const { session, code, key } = await seedChallenge(deps, { expiresIn: -1, sessionExpiresIn: -1 });
    expect(await rawItem(`CHALLENGE#${key}`)).toBeDefined();
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  test('a code is refused at exactly its expiry (CODE_EXPIRED while the session lives) and accepted one second before', async () => {
    const deps = testDeps();
    const late = await seedChallenge(deps, { expiresIn: 300 });
    const onTime = await seedChallenge(deps, { expiresIn: 300 });
    deps.clock.advance(299);
    await expect(verifyCode(deps, onTime).then((v) => v.tokens)).resolves.toEqual(tokensAfter(299));
    deps.clock.advance(1);
    await expect(verifyCode(deps, late)).rejects.toMatchObject({ code: 'CODE_EXPIRED', status: 401 });
    // An expired code is not a wrong guess: nothing was counted.
    expect(await rawItem(`FAILURES#${late.userId}`)).toBeUndefined();
  });

  test('the tokens handed out say how long they really have: counted from the password step', async () => {
    const deps = testDeps();
    const seeded = await seedChallenge(deps);
    deps.clock.advance(120);
    const { tokens } = await verifyCode(deps, seeded);
    expect(tokens.expiresIn).toBe(3600 - 120);
  });

  test('an unknown, malformed, tampered or transplanted session looks the same as an expired one', async () => {
    const deps = testDeps();
    const a = await seedChallenge(deps);
    const b = await seedChallenge(deps);
    const [idA, ...sealedA] = a.session.split('.');
    const [idB] = b.session.split('.');
    const tampered = `${idA}.${sealedA.join('.').slice(0, -2)}AA`;
    for (const session of ['A'.repeat(43), 'no dots at all', tampered, `${idB}.${sealedA.join('.')}`]) {
      await expect(verifyCode(deps, { session, code: a.code })).rejects.toMatchObject({
        code: 'SESSION_EXPIRED',
        status: 401,
      });
    }
    // None of those touched the real sessions.
    await expect(verifyCode(deps, a).then((v) => v.tokens)).resolves.toEqual(FAKE_TOKENS);
  });

  test("an SMS code that comes back proves the phone it went to (the user's record says so)", async () => {
    const deps = testDeps();
    const seeded = await seedChallenge(deps, { userId: randomUUID() });
    expect((await deps.users.get(seeded.userId)).provenPhone).toBeUndefined();
    await verifyCode(deps, seeded);
    expect((await deps.users.get(seeded.userId)).provenPhone).toBe(seeded.phoneNumber);
  });
});
