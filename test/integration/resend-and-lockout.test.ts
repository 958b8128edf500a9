import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/clients/dynamo';
import { resendCode } from '../../lambdas/services/sign-in/resend';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import { FAKE_TOKENS, RecordingSender, rawItem, seedChallenge, settle, testDeps } from './fixtures';

describe('resend', () => {
  test('a resend makes every earlier code of the challenge invalid', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session, code: first } = await seedChallenge(deps, { lastSentAgo: 30 });
    const answer = await resendCode(deps, { session });
    expect(answer).toMatchObject({ channel: 'sms', expiresIn: 300, resendAvailableIn: 30 });
    expect(answer.destination).toMatch(/^\+1 \*+\d{2}$/);
    const second = sender.lastCode();
    expect(second).not.toBe(first);
    await expect(verifyCode(deps, { session, code: first })).rejects.toMatchObject({ code: 'INVALID_CODE' });
    await expect(verifyCode(deps, { session, code: second })).resolves.toEqual(FAKE_TOKENS);
  });

  test('within the cooldown the answer is RESEND_TOO_SOON with Retry-After, and nothing is sent', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session } = await seedChallenge(deps, { lastSentAgo: 10 });
    await expect(resendCode(deps, { session })).rejects.toMatchObject({
      code: 'RESEND_TOO_SOON',
      status: 429,
      fields: { retryAfter: 20 },
      headers: { 'Retry-After': '20' },
    });
    expect(sender.sms).toHaveLength(0);
  });

  test('at most 5 sends per challenge, the login send included', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session } = await seedChallenge(deps, { lastSentAgo: 30 });
    for (let i = 0; i < 4; i++) {
      await resendCode(deps, { session });
      deps.clock.advance(30);
    }
    await expect(resendCode(deps, { session })).rejects.toMatchObject({
      code: 'TOO_MANY_SENDS',
      status: 429,
    });
    expect(sender.sms).toHaveLength(4);
  });

  test('parallel resends at the cooldown edge send exactly one code', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session } = await seedChallenge(deps, { lastSentAgo: 30 });
    const outcome = await settle(Array.from({ length: 10 }, () => resendCode(deps, { session })));
    expect(outcome.ok).toHaveLength(1);
    expect(sender.sms).toHaveLength(1);
  });

  test('a failed delivery answers DELIVERY_FAILED and leaves no usable code', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session, key } = await seedChallenge(deps, { lastSentAgo: 30 });
    sender.failing = true;
    await expect(resendCode(deps, { session })).rejects.toMatchObject({
      code: 'DELIVERY_FAILED',
      status: 502,
    });
    expect((await rawItem(`CHALLENGE#${key}`))?.codeDigest).toBeUndefined();
  });

  test('at most 10 sends to one destination per hour, across challenges, even in parallel', async () => {
    const deps = testDeps();
    const destination = `+1415${Date.now() % 10_000_000}`;
    const outcome = await Promise.all(
      Array.from({ length: 15 }, () => deps.sendLimiter.take(destination, 1_000)),
    );
    expect(outcome.filter((o) => o.admitted)).toHaveLength(10);
    expect(await deps.sendLimiter.take(destination, 1_000 + 3599)).toMatchObject({ admitted: false });
    expect(await deps.sendLimiter.take(destination, 1_000 + 3600)).toEqual({ admitted: true });
  });
});

describe('consecutive failures per user', () => {
  async function wrongGuesses(deps: ReturnType<typeof testDeps>, userId: string, count: number) {
    const { session } = await seedChallenge(deps, { userId });
    for (let i = 0; i < count; i++) await verifyCode(deps, { session, code: '000000' }).catch((e) => e);
    return session;
  }

  test('10 failures across challenges lock the user for 15 minutes; new sessions do not reset it', async () => {
    const deps = testDeps();
    const userId = randomUUID();
    await wrongGuesses(deps, userId, 4);
    await wrongGuesses(deps, userId, 5); // a new login: the count goes on (9)
    const { session, code } = await seedChallenge(deps, { userId });
    await expect(verifyCode(deps, { session, code: '000000' })).rejects.toMatchObject({
      code: 'MFA_LOCKED',
      status: 429,
      fields: { retryAfter: 900 },
    });
    // Locked: even the right code of a fresh challenge is refused, and nothing is attempted.
    const fresh = await seedChallenge(deps, { userId });
    await expect(verifyCode(deps, fresh)).rejects.toMatchObject({ code: 'MFA_LOCKED' });
    expect((await rawItem(`CHALLENGE#${fresh.key}`))?.attempts).toBe(0);
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'MFA_LOCKED' });
    deps.clock.advance(900);
    const afterLock = await seedChallenge(deps, { userId });
    await expect(verifyCode(deps, afterLock)).resolves.toEqual(FAKE_TOKENS);
  });

  test('a resend does not reset the count: (4 wrong, resend) twice, then 2 wrong, locks', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender }, { MFA_MAX_ATTEMPTS: '10' });
    const userId = randomUUID();
    const { session } = await seedChallenge(deps, { userId, lastSentAgo: 30 });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await verifyCode(deps, { session, code: '000000' }).catch(() => undefined);
      await resendCode(deps, { session });
      deps.clock.advance(30);
    }
    await verifyCode(deps, { session, code: '000000' }).catch(() => undefined);
    await expect(verifyCode(deps, { session, code: '000000' })).rejects.toMatchObject({ code: 'MFA_LOCKED' });
    expect((await rawItem(`FAILURES#${userId}`))?.lockedUntil).toEqual(expect.any(Number));
  });

  test('a success resets the count', async () => {
    const deps = testDeps();
    const userId = randomUUID();
    await wrongGuesses(deps, userId, 4);
    const ok = await seedChallenge(deps, { userId });
    await verifyCode(deps, ok);
    expect(await rawItem(`FAILURES#${userId}`)).toBeUndefined();
    await wrongGuesses(deps, userId, 5);
    await wrongGuesses(deps, userId, 4);
    expect((await rawItem(`FAILURES#${userId}`))?.failures).toBe(9);
  });

  test('parallel wrong guesses over many challenges are all counted and lock exactly once', async () => {
    const deps = testDeps();
    const userId = randomUUID();
    const challenges = await Promise.all(Array.from({ length: 4 }, () => seedChallenge(deps, { userId })));
    const outcome = await settle(
      challenges.flatMap((c) =>
        Array.from({ length: 5 }, () => verifyCode(deps, { session: c.session, code: '000000' })),
      ),
    );
    expect(outcome.ok).toHaveLength(0);
    expect(outcome.errors).toContain('MFA_LOCKED');
    const counter = await rawItem(`FAILURES#${userId}`);
    expect(counter?.lockedUntil).toEqual(expect.any(Number));
  });

  test('an expired but still stored failure counter starts a new streak', async () => {
    const deps = testDeps();
    const userId = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    await documentClient().send(
      new PutCommand({
        TableName: process.env.CODES_TABLE_NAME,
        Item: { pk: `FAILURES#${userId}`, failures: 9, expiresAt: now - 1 },
      }),
    );
    await wrongGuesses(deps, userId, 1);
    expect((await rawItem(`FAILURES#${userId}`))?.failures).toBe(1);
  });
});
