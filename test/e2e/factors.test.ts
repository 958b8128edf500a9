import { totpCodeAt } from '../../lambdas/domain/totp';
import { gatewayOutbox } from '../support/outbox';
import { call, type HttpResult, type LocalStack, startLocalStack } from './local-stack';

/**
 * Second factors over HTTP against `npm start` (design §4.2): the demo admin adds an authenticator app,
 * signs in with it, remembers a browser, uses a recovery code, and takes it all back again.
 */
jest.setTimeout(60_000);

const ADMIN = { email: 'admin@demo-energy.test', password: 'correct-horse-battery-staple' };
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0';

let stack: LocalStack;
const outbox = () => gatewayOutbox(stack.url);
const api = (path: string, init?: Parameters<typeof call>[1]) => call(`${stack.url}${path}`, init);
const expectError = (response: HttpResult, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
};
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  stack = await startLocalStack();
}, 90_000);

afterAll(async () => {
  await stack?.stop('SIGTERM');
});

describe('authenticator app, recovery codes and remembered devices', () => {
  let idToken: string;
  let accountId: string;
  let secret: string;
  let recoveryCodes: string[];
  let deviceToken: string;

  const login = (extra: Record<string, string> = {}) =>
    api('/v1/auth/login', { body: { ...ADMIN, ...extra } });

  it('every factor route needs a signed-in user', async () => {
    for (const [method, path] of [
      ['POST', '/v1/me/mfa/totp'],
      ['DELETE', '/v1/me/mfa/totp'],
      ['GET', '/v1/me/mfa'],
      ['POST', '/v1/me/mfa/recovery-codes'],
      ['DELETE', '/v1/me/mfa/devices'],
    ] as const)
      expectError(await api(path, { method }), 401, 'UNAUTHORIZED');
  });

  it('the admin lets the account remember devices for 30 days', async () => {
    const signedIn = await login();
    expect(signedIn.body.status).toBe('AUTHENTICATED');
    idToken = signedIn.body.tokens.idToken;
    accountId = (await api('/v1/me', { token: idToken })).body.accountId;
    const put = await api(`/v1/accounts/${accountId}/settings/mfa`, {
      method: 'PUT',
      token: idToken,
      body: { rememberDeviceDays: 30 },
    });
    expect(put.status).toBe(200);
  });

  it('adds an authenticator app: the secret once, a wrong code refused, the right one gives recovery codes', async () => {
    const started = await api('/v1/me/mfa/totp', { method: 'POST', token: idToken });
    expect(started.status).toBe(201);
    expect(started.body).toEqual({
      enrollmentId: expect.any(String),
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\//),
      expiresIn: 900,
    });
    secret = started.body.secret;
    const verify = (code: string) =>
      api(`/v1/me/mfa/totp/${started.body.enrollmentId}/verify`, { token: idToken, body: { code } });
    const wrong = await verify(totpCodeAt(secret, now()) === '123456' ? '654321' : '123456');
    expectError(wrong, 401, 'INVALID_CODE');
    expect(wrong.body.error.attemptsRemaining).toBe(4);
    const right = await verify(totpCodeAt(secret, now()));
    expect(right.status).toBe(200);
    expect(right.body.enabled).toBe(true);
    recoveryCodes = right.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect((await outbox().latestMessageTo(ADMIN.email)).subject).toContain('authenticator app');

    const mine = await api('/v1/me/mfa', { token: idToken });
    expect(mine.body).toMatchObject({
      required: true,
      methods: ['totp', 'email', 'recovery_code'],
      preferred: 'totp',
      recoveryCodesRemaining: 10,
      rememberedDevices: [],
    });
    expect(JSON.stringify(mine.body)).not.toContain(secret);
  });

  it('signs in with the app (nothing sent) and remembers this browser', async () => {
    const before = (await outbox().messagesTo(ADMIN.email)).length;
    const started = await login();
    expect(started.body).toMatchObject({
      status: 'MFA_REQUIRED',
      channel: 'totp',
      methods: ['totp', 'email', 'recovery_code'],
      rememberDeviceDays: 30,
    });
    expect(started.body.destination).toBeUndefined();
    expect((await outbox().messagesTo(ADMIN.email)).length).toBe(before);
    const verified = await api('/v1/auth/mfa/verify', {
      headers: { 'user-agent': BROWSER },
      body: { session: started.body.session, code: totpCodeAt(secret, now() + 30), rememberDevice: true },
    });
    expect(verified.status).toBe(200);
    deviceToken = verified.body.deviceToken;
    expect(deviceToken).toMatch(/^[\w-]{43}$/);
    idToken = verified.body.tokens.idToken;

    const remembered = await login({ deviceToken });
    expect(remembered.body.status).toBe('AUTHENTICATED');
    const mine = await api('/v1/me/mfa', { token: idToken });
    expect(mine.body.rememberedDevices).toEqual([expect.objectContaining({ label: 'Firefox on Linux' })]);
  });

  it('a recovery code signs in once, and the user hears of it', async () => {
    const first = await login();
    const code = recoveryCodes[0]!;
    const used = await api('/v1/auth/mfa/verify', {
      body: { session: first.body.session, code, method: 'recovery_code' },
    });
    expect(used.status).toBe(200);
    expect((await outbox().latestMessageTo(ADMIN.email)).body).toMatch(/\b9\b/);
    const second = await login();
    expectError(
      await api('/v1/auth/mfa/verify', {
        body: { session: second.body.session, code, method: 'recovery_code' },
      }),
      401,
      'INVALID_CODE',
    );
  });

  it('chooses how sign-ins start, among the methods the user has', async () => {
    expectError(
      await api('/v1/me/mfa/preferred', { method: 'PUT', token: idToken, body: { method: 'sms' } }),
      409,
      'METHOD_NOT_ENROLLED',
    );
    expectError(
      await api('/v1/me/mfa/preferred', { method: 'PUT', token: idToken, body: { method: 'voice' } }),
      400,
      'VALIDATION_FAILED',
    );
    const email = await api('/v1/me/mfa/preferred', {
      method: 'PUT',
      token: idToken,
      body: { method: 'email' },
    });
    expect(email.body.preferred).toBe('email');
    expect((await login()).body.channel).toBe('email');
    await api('/v1/me/mfa/preferred', { method: 'PUT', token: idToken, body: { method: 'totp' } });
  });

  it('new recovery codes, then the devices forgotten one by one and all at once', async () => {
    const fresh = await api('/v1/me/mfa/recovery-codes', { method: 'POST', token: idToken });
    expect(fresh.status).toBe(201);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(fresh.body.recoveryCodes).not.toContain(recoveryCodes[1]);

    const [device] = (await api('/v1/me/mfa', { token: idToken })).body.rememberedDevices;
    const forget = await api(`/v1/me/mfa/devices/${device.deviceId}`, { method: 'DELETE', token: idToken });
    expect(forget.status).toBe(204);
    expect((await login({ deviceToken })).body.status).toBe('MFA_REQUIRED');
    expectError(
      await api(`/v1/me/mfa/devices/${device.deviceId}`, { method: 'DELETE', token: idToken }),
      404,
      'DEVICE_NOT_FOUND',
    );
    expect((await api('/v1/me/mfa/devices', { method: 'DELETE', token: idToken })).status).toBe(204);
  });

  it('removes the app: sign-ins go back to what the account asks (MFA is off here)', async () => {
    expect((await api('/v1/me/mfa/totp', { method: 'DELETE', token: idToken })).status).toBe(204);
    expectError(await api('/v1/me/mfa/totp', { method: 'DELETE', token: idToken }), 404, 'NOT_ENROLLED');
    expect((await login()).body.status).toBe('AUTHENTICATED');
  });
});
