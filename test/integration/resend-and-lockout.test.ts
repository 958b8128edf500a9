import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/clients/dynamo';
import { quotaKey } from '../../lambdas/adapters/quota-store';
import { quotaRules } from '../../lambdas/domain/quotas';
import { resendCode } from '../../lambdas/services/sign-in/resend';
import { verifyCode } from '../../lambdas/services/sign-in/verify';
import {
  FAKE_TOKENS,
  RecordingSender,
  rawItem,
  seedChallenge,
  settle,
  testDeps,
  tokensAfter,
} from './fixtures';

describe('resend', () => {
  test('a resend makes every earlier code of the challenge invalid', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session, code: first } = await seedChallenge(deps, { lastSentAgo: 30 });
    const answer = await resendCode(deps, { session });
    expect(answer).toMatchObject({
      channel: 'sms',
      expiresIn: 300,
      sessionExpiresIn: 900,
      resendAvailableIn: 30,
    });
    expect(answer.destination).toMatch(/^\+1 \*+\d{2}$/);
    const second = sender.lastCode();
    expect(second).not.toBe(first);
    await expect(verifyCode(deps, { session, code: first })).rejects.toMatchObject({ code: 'INVALID_CODE' });
    await expect(verifyCode(deps, { session, code: second }).then((v) => v.tokens)).resolves.toEqual(
      FAKE_TOKENS,
    );
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
    const refusal = await resendCode(deps, { session }).catch((e) => e);
    expect(refusal).toMatchObject({
      code: 'TOO_MANY_SENDS',
      status: 429,
      fields: { limit: 'sends-per-challenge' },
    });
    // Waiting cannot help: no Retry-After, and the message says to sign in again.
    expect(refusal.fields.retryAfter).toBeUndefined();
    expect(refusal.message).toMatch(/sign in again/i);
    expect(sender.sms).toHaveLength(4);
  });

  test('200 parallel resends send exactly one code and use exactly one slot of the hourly quota', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session, phoneNumber } = await seedChallenge(deps, { lastSentAgo: 30 });
    const outcome = await settle(Array.from({ length: 200 }, () => resendCode(deps, { session })));
    expect(outcome.ok).toHaveLength(1);
    expect(outcome.errors.every((e) => e === 'RESEND_TOO_SOON')).toBe(true);
    expect(sender.sms).toHaveLength(1);
    const rule = quotaRules(deps.config)['sign-in-sends'];
    const quota = await rawItem(quotaKey(rule, phoneNumber).pk);
    expect(quota?.stamps).toHaveLength(1);
  });

  test('a send that fails on every channel answers DELIVERY_FAILED: the new code never works, the earlier one still does, no quota is used', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const seeded = await seedChallenge(deps, { lastSentAgo: 30 });
    sender.failing = true;
    await expect(resendCode(deps, { session: seeded.session })).rejects.toMatchObject({
      code: 'DELIVERY_FAILED',
      status: 502,
    });
    const rule = quotaRules(deps.config)['sign-in-sends'];
    for (const destination of [seeded.phoneNumber, seeded.email])
      expect((await rawItem(quotaKey(rule, destination).pk))?.stamps ?? []).toEqual([]);
    sender.failing = false;
    await expect(verifyCode(deps, seeded).then((v) => v.tokens)).resolves.toEqual(FAKE_TOKENS);
  });

  test('at most 10 sign-in sends to one destination per hour, across challenges, even in parallel', async () => {
    const deps = testDeps();
    const rule = quotaRules(deps.config)['sign-in-sends'];
    const destination = `+1415${Date.now() % 10_000_000}`;
    const outcome = await Promise.all(
      Array.from({ length: 15 }, () => deps.quotas.take(rule, destination, 1_000)),
    );
    expect(outcome.filter((o) => o.admitted)).toHaveLength(10);
    expect(await deps.quotas.take(rule, destination, 1_000 + 3599)).toMatchObject({
      admitted: false,
      retryAfter: 1,
    });
    expect(await deps.quotas.take(rule, destination, 1_000 + 3600)).toMatchObject({ admitted: true });
  });

  test('resends never extend the session: at its end the answer is SESSION_EXPIRED, and each code dies with it', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender }, { MFA_SESSION_TTL_SECONDS: '120', MFA_RESEND_COOLDOWN_SECONDS: '30' });
    const { session } = await seedChallenge(deps, { lastSentAgo: 30, expiresIn: 120, sessionExpiresIn: 120 });
    deps.clock.advance(60);
    const answer = await resendCode(deps, { session });
    // The new code may live 300 s, but the session ends in 60 s: the answer says so.
    expect(answer).toMatchObject({ expiresIn: 60, sessionExpiresIn: 60 });
    const code = sender.lastCode();
    deps.clock.advance(60);
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    await expect(resendCode(deps, { session })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  test('after a code expires inside a live session, Resend gives a new code that works', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const { session, code } = await seedChallenge(deps, { expiresIn: 300, sessionExpiresIn: 900 });
    deps.clock.advance(301);
    await expect(verifyCode(deps, { session, code })).rejects.toMatchObject({ code: 'CODE_EXPIRED' });
    await resendCode(deps, { session });
    await expect(
      verifyCode(deps, { session, code: sender.lastCode() }).then((v) => v.tokens),
    ).resolves.toEqual(tokensAfter(301));
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
    await expect(verifyCode(deps, afterLock).then((v) => v.tokens)).resolves.toEqual(FAKE_TOKENS);
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

  test('20 parallel wrong codes over 4 live sessions: exactly 10 are compared, the user is locked once', async () => {
    const deps = testDeps();
    const userId = randomUUID();
    const accountId = randomUUID();
    const challenges = await Promise.all(
      Array.from({ length: 4 }, () => seedChallenge(deps, { userId, accountId })),
    );
    const outcome = await settle(
      challenges.flatMap((c) =>
        Array.from({ length: 5 }, () => verifyCode(deps, { session: c.session, code: '000000' })),
      ),
    );
    expect(outcome.ok).toHaveLength(0);
    // 9 were told the code was wrong (the fifth on a session ends it: TOO_MANY_ATTEMPTS), the 10th set the
    // lock, and the other 10 never got past the lock.
    const wrong = outcome.errors.filter((e) => e === 'INVALID_CODE' || e === 'TOO_MANY_ATTEMPTS');
    expect(wrong).toHaveLength(9);
    expect(outcome.errors.filter((e) => e === 'MFA_LOCKED')).toHaveLength(11);
    const counter = await rawItem(`FAILURES#${userId}`);
    expect(counter?.failures).toBe(10);
    expect(counter?.lockedUntil).toEqual(expect.any(Number));
    const attempts = await Promise.all(
      challenges.map(async (c) => Number((await rawItem(`CHALLENGE#${c.key}`))?.attempts)),
    );
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(10);
    // Only the request that reached the limit reported it.
    const events = await deps.audit.list(accountId, { limit: 10 });
    expect(events.events.filter((e) => e.type === 'mfa.user.locked')).toHaveLength(1);
  });

  test('the right code that loses the race to a resend is told the code is no longer valid, and no failure is counted', async () => {
    const sender = new RecordingSender();
    const deps = testDeps({ sender });
    const seeded = await seedChallenge(deps, { lastSentAgo: 30 });
    // The resend lands between the verify's read and its conditional write.
    const racing = {
      ...deps,
      challenges: {
        ...deps.challenges,
        consume: async (...args: Parameters<typeof deps.challenges.consume>) => {
          await resendCode(deps, { session: seeded.session });
          return deps.challenges.consume(...args);
        },
      },
    };
    await expect(verifyCode(racing, seeded)).rejects.toMatchObject({ code: 'CODE_EXPIRED', status: 401 });
    expect(await rawItem(`FAILURES#${seeded.userId}`)).toBeUndefined();
    expect((await rawItem(`CHALLENGE#${seeded.key}`))?.attempts).toBe(0);
    await expect(
      verifyCode(deps, { session: seeded.session, code: sender.lastCode() }).then((v) => v.tokens),
    ).resolves.toEqual(FAKE_TOKENS);
  });

  test('the right code that loses the race to a parallel right code is told the session is used', async () => {
    const deps = testDeps();
    const seeded = await seedChallenge(deps);
    const racing = {
      ...deps,
      challenges: {
        ...deps.challenges,
        consume: async (...args: Parameters<typeof deps.challenges.consume>) => {
          await verifyCode(deps, seeded);
          return deps.challenges.consume(...args);
        },
      },
    };
    await expect(verifyCode(racing, seeded)).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
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

describe('quotas (docs/api.md, Limits): a sliding log per subject', () => {
  const HOUR = 3600;
  const DAY = 24 * HOUR;

  test('the log is pruned when full: old entries make room, recent ones do not', async () => {
    const deps = testDeps();
    const rule = { name: 'sign-in-sends' as const, windows: [{ seconds: HOUR, max: 3 }] };
    const subject = `prune-${randomUUID()}@example.test`;
    for (const at of [1_000, 1_100, 1_200])
      expect(await deps.quotas.take(rule, subject, at)).toMatchObject({ admitted: true });
    expect(await deps.quotas.take(rule, subject, 1_300)).toEqual({
      admitted: false,
      retryAfter: 1_000 + HOUR - 1_300,
    });
    // The first entry has left the window: a fourth send fits, and the log keeps only the live ones.
    expect(await deps.quotas.take(rule, subject, 1_000 + HOUR)).toMatchObject({ admitted: true });
    expect((await rawItem(quotaKey(rule, subject).pk))?.stamps).toEqual([1_100, 1_200, 1_000 + HOUR]);
  });

  test('several windows at once: 3 an hour and 10 a day, exactly, even in parallel', async () => {
    const deps = testDeps();
    const rule = {
      name: 'phone-validations-per-user' as const,
      windows: [
        { seconds: HOUR, max: 3 },
        { seconds: DAY, max: 10 },
      ],
    };
    const subject = `user-${randomUUID()}`;
    const first = await Promise.all(Array.from({ length: 8 }, () => deps.quotas.take(rule, subject, 10_000)));
    expect(first.filter((t) => t.admitted)).toHaveLength(3);
    let admitted = 3;
    for (let hour = 1; hour <= 5; hour++) {
      const outcome = await Promise.all(
        Array.from({ length: 5 }, () => deps.quotas.take(rule, subject, 10_000 + hour * HOUR)),
      );
      admitted += outcome.filter((t) => t.admitted).length;
    }
    // 3 an hour over 6 hours would be 18; the day allows 10.
    expect(admitted).toBe(10);
    expect(await deps.quotas.take(rule, subject, 10_000 + DAY - 1)).toMatchObject({ admitted: false });
  });

  test('a use given back frees its slot, once', async () => {
    const deps = testDeps();
    const rule = { name: 'sign-in-sends' as const, windows: [{ seconds: HOUR, max: 1 }] };
    const subject = `release-${randomUUID()}`;
    const taken = await deps.quotas.take(rule, subject, 5_000);
    if (!taken.admitted) throw new Error('expected a slot');
    expect(await deps.quotas.take(rule, subject, 5_001)).toMatchObject({ admitted: false });
    await taken.release();
    await taken.release();
    expect(await deps.quotas.take(rule, subject, 5_002)).toMatchObject({ admitted: true });
    expect(await deps.quotas.take(rule, subject, 5_003)).toMatchObject({ admitted: false });
  });
});
