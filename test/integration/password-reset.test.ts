import { randomUUID } from 'node:crypto';
import { hashId } from '../../lambdas/domain/secrets';
import { login } from '../../lambdas/services/sign-in/login';
import {
  forgotPassword,
  RESET_ANSWER_FLOOR_MS,
  resetPassword,
} from '../../lambdas/services/sign-in/password-reset';
import { TEST_PASSWORD } from '../support/users';
import { allStrings, rawItem, settle } from './fixtures';
import { accountWithAdmin, lifecycleDeps, member, signIn, verdict } from './lifecycle';

/** The forgotten password (design §4.1): a code by email with the lifecycle of every code of the service. */
jest.setTimeout(30_000);

const NEW_PASSWORD = 'seven quiet harbours at night';

async function userAndDeps(options: { locale?: string; mfaEnabled?: boolean } = {}) {
  const { deps, sender } = lifecycleDeps();
  const { accountId } = await accountWithAdmin(deps, { mfaEnabled: options.mfaEnabled });
  const user = await member(accountId, { locale: options.locale });
  return { deps, sender, accountId, user };
}

describe('forgot', () => {
  test("a known address gets a code by email in the user's language; only its HMAC is stored", async () => {
    const { deps, sender, user } = await userAndDeps({ locale: 'es' });
    const answer = await forgotPassword(deps, { email: `  ${user.email.toUpperCase()} ` });
    expect(answer).toEqual({ resetSession: expect.stringMatching(/^[\w-]{43}\.v1\./), expiresIn: 300 });
    expect(sender.emails).toHaveLength(1);
    const { to, message } = sender.emails[0]!;
    expect(to).toBe(user.email);
    expect(message.subject).toContain('contraseña');
    const code = sender.lastCode();
    expect(message.subject).not.toContain(code);
    const stored = await rawItem(`CHALLENGE#${hashId(answer.resetSession.split('.')[0]!)}`);
    expect(stored).toMatchObject({ purpose: 'password-reset', attempts: 0 });
    expect(allStrings(stored).some((value) => value.includes(code))).toBe(false);
    expect(allStrings(stored).some((value) => value.includes(answer.resetSession))).toBe(false);
  });

  test('an unknown address gets the same answer, in the same time, and no email', async () => {
    const { deps, sender, user } = await userAndDeps();
    const time = async (email: string) => {
      const started = Date.now();
      const answer = await forgotPassword(deps, { email });
      return { answer, ms: Date.now() - started };
    };
    const known = await time(user.email);
    const unknown = await time(`nobody-${randomUUID()}@example.test`);
    expect(Object.keys(unknown.answer)).toEqual(Object.keys(known.answer));
    expect(unknown.answer.expiresIn).toBe(known.answer.expiresIn);
    for (const { ms } of [known, unknown]) {
      expect(ms).toBeGreaterThanOrEqual(RESET_ANSWER_FLOOR_MS - 5);
      expect(ms).toBeLessThan(RESET_ANSWER_FLOOR_MS + 600);
    }
    expect(sender.emails).toHaveLength(1);
    // Its session answers like a real one with a wrong code (never SESSION_EXPIRED at once).
    await expect(
      resetPassword(deps, {
        resetSession: unknown.answer.resetSession,
        code: '123456',
        newPassword: NEW_PASSWORD,
      }),
    ).rejects.toMatchObject({ status: 401, code: 'INVALID_CODE', fields: { attemptsRemaining: 4 } });
  });

  test('a disabled user gets no code (the same answer as an unknown address)', async () => {
    const { deps, sender, user } = await userAndDeps();
    await deps.users.setStatus(user.userId, 'disabled');
    await expect(forgotPassword(deps, { email: user.email })).resolves.toMatchObject({ expiresIn: 300 });
    expect(sender.emails).toHaveLength(0);
  });

  test('at most 3 reset emails per address per hour, known or not; a refused send uses no quota', async () => {
    const { deps, sender, user } = await userAndDeps();
    sender.failing = true;
    await expect(forgotPassword(deps, { email: user.email })).resolves.toMatchObject({ expiresIn: 300 });
    sender.failing = false;
    for (let i = 0; i < 3; i++) await forgotPassword(deps, { email: user.email });
    expect(sender.emails).toHaveLength(3);
    await expect(forgotPassword(deps, { email: user.email })).rejects.toMatchObject({
      status: 429,
      code: 'TOO_MANY_SENDS',
      fields: { retryAfter: expect.any(Number) },
    });
    const unknown = `nobody-${randomUUID()}@example.test`;
    for (let i = 0; i < 3; i++) await forgotPassword(deps, { email: unknown });
    await expect(forgotPassword(deps, { email: unknown })).rejects.toMatchObject({ code: 'TOO_MANY_SENDS' });
  });

  test('a code that could not be delivered is dead', async () => {
    const { deps, sender, user } = await userAndDeps();
    sender.failing = true;
    const { resetSession } = await forgotPassword(deps, { email: user.email });
    const stored = await rawItem(`CHALLENGE#${hashId(resetSession.split('.')[0]!)}`);
    expect(stored?.codeDigest).toBeUndefined();
  });
});

describe('reset', () => {
  test('the right code sets the new password, ends every session, tells the user; the code works once', async () => {
    const { deps, sender, user } = await userAndDeps({ locale: 'it' });
    const before = await signIn(deps, user.email);
    const { resetSession } = await forgotPassword(deps, { email: user.email });
    const code = sender.lastCode();
    await expect(resetPassword(deps, { resetSession, code, newPassword: NEW_PASSWORD })).resolves.toEqual({
      status: 'PASSWORD_RESET',
    });
    await expect(deps.identity.signIn(user.email, NEW_PASSWORD)).resolves.toMatchObject({ ok: true });
    await expect(deps.identity.signIn(user.email, TEST_PASSWORD)).resolves.toEqual({ ok: false });
    expect(await verdict(deps, before.idToken)).toBe('sessions-revoked');
    expect(sender.emails.at(-1)?.message.text).toContain('reimpostata');
    await expect(
      resetPassword(deps, { resetSession, code, newPassword: 'yet another passphrase' }),
    ).rejects.toMatchObject({
      status: 401,
      code: 'SESSION_EXPIRED',
    });
    const events = await deps.audit.list(user.accountId, { limit: 5 });
    expect(events.events[0]).toMatchObject({
      type: 'password.reset',
      actor: user.email,
      details: { userId: user.userId },
    });
  });

  test('20 parallel resets with the right code: exactly one sets a password', async () => {
    const { deps, sender, user } = await userAndDeps();
    const { resetSession } = await forgotPassword(deps, { email: user.email });
    const code = sender.lastCode();
    const outcome = await settle(
      Array.from({ length: 20 }, (_, i) =>
        resetPassword(deps, { resetSession, code, newPassword: `${NEW_PASSWORD} ${i}` }),
      ),
    );
    expect(outcome.ok).toHaveLength(1);
    // The others lost the race (the code was used) or found the attempts of the reset used up.
    for (const error of outcome.errors) expect(['SESSION_EXPIRED', 'TOO_MANY_ATTEMPTS']).toContain(error);
    // Exactly one of the 20 passwords works.
    const works = await Promise.all(
      Array.from({ length: 20 }, (_, i) => deps.identity.signIn(user.email, `${NEW_PASSWORD} ${i}`)),
    );
    expect(works.filter((w) => w.ok)).toHaveLength(1);
    expect(sender.emails.filter((e) => /password was changed/.test(e.message.subject))).toHaveLength(1);
  });

  test('5 wrong codes end the reset; a weak password spends no attempt; an expired session is gone', async () => {
    const { deps, sender, user } = await userAndDeps();
    const { resetSession } = await forgotPassword(deps, { email: user.email });
    const code = sender.lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(resetPassword(deps, { resetSession, code, newPassword: 'short' })).rejects.toMatchObject({
      status: 400,
      code: 'WEAK_PASSWORD',
      fields: { reason: 'too_short' },
    });
    for (const remaining of [4, 3, 2, 1]) {
      await expect(
        resetPassword(deps, { resetSession, code: wrong, newPassword: NEW_PASSWORD }),
      ).rejects.toMatchObject({
        code: 'INVALID_CODE',
        fields: { attemptsRemaining: remaining },
      });
    }
    await expect(
      resetPassword(deps, { resetSession, code: wrong, newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
    });
    await expect(
      resetPassword(deps, { resetSession, code, newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });

    const later = await forgotPassword(deps, { email: user.email });
    const laterCode = sender.lastCode();
    const past = lifecycleDeps({ now: () => new Date(Date.now() + 301_000) }).deps;
    await expect(
      resetPassword(past, { resetSession: later.resetSession, code: laterCode, newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
    await expect(deps.identity.signIn(user.email, TEST_PASSWORD)).resolves.toMatchObject({ ok: true });
  });

  test("wrong reset codes pause resets of the address, never the user's sign-in codes", async () => {
    const { deps, sender, user } = await userAndDeps();
    const sessions = [];
    for (let i = 0; i < 3; i++)
      sessions.push((await forgotPassword(deps, { email: user.email })).resetSession);
    const code = sender.lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const outcomes: string[] = [];
    for (const resetSession of sessions)
      for (let i = 0; i < 4; i++) {
        outcomes.push(
          await resetPassword(deps, { resetSession, code: wrong, newPassword: NEW_PASSWORD }).then(
            () => 'ok',
            (e: { code: string }) => e.code,
          ),
        );
      }
    // The 10th consecutive wrong code pauses resets; the right code is then refused too.
    expect(outcomes.slice(0, 9).every((o) => o === 'INVALID_CODE')).toBe(true);
    expect(outcomes[9]).toBe('TOO_MANY_ATTEMPTS');
    await expect(
      resetPassword(deps, { resetSession: sessions[2]!, code, newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', fields: { retryAfter: expect.any(Number) } });
    expect((await deps.failures.status(user.userId, Math.floor(Date.now() / 1000))).locked).toBe(false);
  });

  test('a reset does not skip MFA: the next sign-in still asks for the code', async () => {
    const { deps, sender, user } = await userAndDeps({ mfaEnabled: true });
    const { resetSession } = await forgotPassword(deps, { email: user.email });
    await resetPassword(deps, { resetSession, code: sender.lastCode(), newPassword: NEW_PASSWORD });
    await expect(login(deps, { email: user.email, password: NEW_PASSWORD })).resolves.toMatchObject({
      status: 'MFA_REQUIRED',
    });
  });

  test('a sign-in session or a phone validation id is no reset session', async () => {
    const { deps, sender, user } = await userAndDeps({ mfaEnabled: true });
    const started = await login(deps, { email: user.email, password: TEST_PASSWORD });
    if (started.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    await expect(
      resetPassword(deps, {
        resetSession: started.session,
        code: sender.lastCode(),
        newPassword: NEW_PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });
});
