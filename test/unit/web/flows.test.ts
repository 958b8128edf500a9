import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemOf } from '../../../web/src/api/problem';
import { PUBLIC_PATHS } from '../../../web/src/api/public-paths';
import { safeNext } from '../../../web/src/next';
import { initialPhoneChange, phoneChangeReducer } from '../../../web/src/screens/preferences/state';
import { initialSignIn, type MfaRequired, signInReducer } from '../../../web/src/screens/sign-in/state';

/** The web app's flow rules (typed state unions), its public routes and how it reads API errors. */
const NOW = 1_000_000;
const challenged: MfaRequired = {
  status: 'MFA_REQUIRED',
  session: 'x'.repeat(5000),
  channel: 'sms',
  destination: '+34 *******78',
  expiresIn: 300,
  sessionExpiresIn: 900,
  resendAvailableIn: 30,
  methods: ['sms'],
};

describe('sign-in flow', () => {
  const atCode = signInReducer(initialSignIn, { type: 'challenged', answer: challenged, now: NOW });

  test('the code step keeps the opaque session, and the code and resend deadlines in ms', () => {
    expect(atCode).toMatchObject({ step: 'code', method: 'sms', pending: false });
    if (atCode.step !== 'code') throw new Error('not at the code step');
    expect(atCode.challenge).toMatchObject({
      session: challenged.session,
      expiresAt: NOW + 300_000,
      sessionExpiresAt: NOW + 900_000,
      resendAt: NOW + 30_000,
      methods: ['sms'],
    });
  });

  test('a wrong code stays on the code step with the problem; a dead session goes back to the password', () => {
    const wrong = signInReducer(signInReducer(atCode, { type: 'submit' }), {
      type: 'failed',
      problem: { code: 'INVALID_CODE', status: 401, attemptsRemaining: 3 },
      now: NOW,
    });
    expect(wrong).toMatchObject({ step: 'code', pending: false, problem: { attemptsRemaining: 3 } });
    expect(signInReducer(wrong, { type: 'edited' })).not.toHaveProperty('problem.code');
    for (const code of ['SESSION_EXPIRED', 'TOO_MANY_ATTEMPTS', 'MFA_LOCKED'] as const) {
      expect(signInReducer(atCode, { type: 'failed', problem: { code, status: 429 }, now: NOW })).toEqual({
        step: 'password',
        pending: false,
        problem: { code, status: 429 },
      });
    }
  });

  test('RESEND_TOO_SOON moves the countdown to Retry-After; a resend restarts both deadlines', () => {
    const refused = signInReducer(atCode, {
      type: 'failed',
      problem: { code: 'RESEND_TOO_SOON', status: 429, retryAfter: 12 },
      now: NOW + 5000,
    });
    expect(refused.step === 'code' && refused.challenge.resendAt).toBe(NOW + 17_000);
    const resent = signInReducer(signInReducer(refused, { type: 'resend' }), {
      type: 'resent',
      answer: {
        channel: 'email',
        destination: 'a***@x.test',
        expiresIn: 300,
        sessionExpiresIn: 860,
        resendAvailableIn: 30,
        fallbackFrom: 'sms',
      },
      now: NOW + 40_000,
    });
    expect(resent).toMatchObject({ step: 'code', resent: true, method: 'email', pending: false });
    expect(resent.step === 'code' && resent.challenge).toMatchObject({
      channel: 'email',
      resendAt: NOW + 70_000,
      expiresAt: NOW + 340_000,
      sessionExpiresAt: NOW + 900_000,
      fallbackFrom: 'sms',
    });
  });

  test('an expired code stays on the code step; sends used up end the sign-in, a quota moves the countdown', () => {
    const expired = signInReducer(atCode, {
      type: 'failed',
      problem: { code: 'CODE_EXPIRED', status: 401 },
      now: NOW,
    });
    expect(expired).toMatchObject({ step: 'code', problem: { code: 'CODE_EXPIRED' } });
    const exhausted = signInReducer(atCode, {
      type: 'failed',
      problem: { code: 'TOO_MANY_SENDS', status: 429 },
      now: NOW,
    });
    expect(exhausted).toMatchObject({ step: 'password', problem: { code: 'TOO_MANY_SENDS' } });
    const quota = signInReducer(atCode, {
      type: 'failed',
      problem: { code: 'TOO_MANY_SENDS', status: 429, retryAfter: 600 },
      now: NOW,
    });
    expect(quota.step === 'code' && quota.challenge.resendAt).toBe(NOW + 600_000);
  });

  test('other methods of the login answer are offered; the fallback from SMS is kept', () => {
    const state = signInReducer(initialSignIn, {
      type: 'challenged',
      answer: {
        ...challenged,
        channel: 'email',
        // Methods of design 4.2 beyond sms and email arrive with their routes; the flow already takes them.
        methods: ['totp', 'sms', 'recovery_code'] as unknown as MfaRequired['methods'],
        fallbackFrom: 'sms',
      },
      now: NOW,
    });
    expect(state.step === 'code' && state.challenge).toMatchObject({
      channel: 'email',
      methods: ['email', 'totp', 'sms', 'recovery_code'],
      fallbackFrom: 'sms',
    });
    expect(signInReducer(state, { type: 'chooseMethod', method: 'totp' })).toMatchObject({ method: 'totp' });
  });

  test('"Remember this device" is offered only when the login answer allows some days', () => {
    expect(atCode.step === 'code' && atCode.challenge.rememberDeviceDays).toBe(0);
    const allowed = signInReducer(initialSignIn, {
      type: 'challenged',
      answer: { ...challenged, rememberDeviceDays: 30 },
      now: NOW,
    });
    expect(allowed.step === 'code' && allowed.challenge.rememberDeviceDays).toBe(30);
  });
});

describe('phone change flow', () => {
  const started = phoneChangeReducer(phoneChangeReducer(initialPhoneChange, { type: 'submit' }), {
    type: 'started',
    answer: {
      validationId: 'v'.repeat(20),
      destination: '+39 ********67',
      expiresIn: 300,
      sessionExpiresIn: 900,
      resendAvailableIn: 30,
    },
    now: NOW,
  });

  test('validate, verify, then update: the saved number is the success message', () => {
    expect(started).toMatchObject({ step: 'code', validation: { resendAt: NOW + 30_000 } });
    const verified = phoneChangeReducer(started, {
      type: 'verified',
      answer: {
        validated: true,
        phoneNumber: '+393471234567',
        message: 'Your phone number has been validated',
      },
    });
    expect(verified).toEqual({
      step: 'verified',
      validationId: 'v'.repeat(20),
      phoneNumber: '+393471234567',
      pending: false,
    });
    const updated = phoneChangeReducer(verified, {
      type: 'updated',
      answer: { phoneNumber: '+393471234567', mfaChannel: 'sms' },
    });
    expect(updated).toEqual({ step: 'edit', pending: false, saved: '+393471234567' });
    expect(phoneChangeReducer(updated, { type: 'edited' })).toEqual({ step: 'edit', pending: false });
  });

  test('an expired validation or a lock starts over; re-authentication stays with its problem', () => {
    const gone = phoneChangeReducer(started, {
      type: 'failed',
      problem: { code: 'VALIDATION_NOT_FOUND', status: 404 },
      now: NOW,
    });
    expect(gone).toMatchObject({ step: 'edit', problem: { code: 'VALIDATION_NOT_FOUND' } });
    const reauth = phoneChangeReducer(initialPhoneChange, {
      type: 'failed',
      problem: { code: 'REAUTHENTICATION_REQUIRED', status: 401 },
      now: NOW,
    });
    expect(reauth).toMatchObject({ step: 'edit', problem: { code: 'REAUTHENTICATION_REQUIRED' } });
  });
});

describe('the client and the API contract', () => {
  test('the client never sends the id token to public routes, and sends it to every other one', () => {
    const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8'));
    const publicInDocument = Object.entries(
      document.paths as Record<string, Record<string, { security: unknown[] }>>,
    )
      .filter(([, operations]) => Object.values(operations).every((op) => op.security.length === 0))
      .map(([path]) => path);
    expect([...PUBLIC_PATHS].sort()).toEqual(publicInDocument.sort());
  });

  test('API errors become problems with the code, the attempts left and the wait (body or Retry-After)', () => {
    const response = new Response(null, { status: 429, headers: { 'Retry-After': '30' } });
    expect(problemOf({ error: { code: 'RESEND_TOO_SOON', message: 'x' } }, response)).toEqual({
      code: 'RESEND_TOO_SOON',
      status: 429,
      attemptsRemaining: undefined,
      retryAfter: 30,
      reason: undefined,
    });
    expect(
      problemOf(
        { error: { code: 'INVALID_CODE', message: 'x', attemptsRemaining: 2 } },
        new Response(null, { status: 401 }),
      ),
    ).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 2 });
    expect(problemOf('<html>', new Response(null, { status: 502 }))).toEqual({
      code: 'UNKNOWN',
      status: 502,
    });
  });

  test('after sign-in, only paths of this app', () => {
    expect(
      ['/preferences', '//evil.test', '/\\evil.test', 'https://evil.test', null, '/settings?x=1'].map(
        safeNext,
      ),
    ).toEqual(['/preferences', '/', '/', '/', '/', '/settings?x=1']);
  });
});
