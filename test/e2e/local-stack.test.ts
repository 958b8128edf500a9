import { gatewayOutbox, standInOutbox } from '../support/outbox';
import { call, descendants, type HttpResult, isAlive, type LocalStack, startLocalStack } from './local-stack';

/**
 * `npm start` end to end, over HTTP only: the gateway's routing and token check, the seeded admin's sign-in
 * with MFA off and then on (code by email: the admin has no phone), and a clean shutdown.
 */
jest.setTimeout(30_000);

const ADMIN_EMAIL = 'admin@demo-energy.test';
const ADMIN_PASSWORD = 'correct-horse-battery-staple';
const SECURITY_HEADERS = [
  'cache-control',
  'x-content-type-options',
  'strict-transport-security',
  'referrer-policy',
];

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
}, 90_000);

afterAll(async () => {
  await stack?.stop('SIGKILL');
});

const expectError = (response: HttpResult, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
};

describe('the local gateway', () => {
  it('answers the health check with the security headers', async () => {
    const response = await call(`${stack.url}/v1/health`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    for (const header of SECURITY_HEADERS) expect(response.headers.get(header)).toBeTruthy();
  });

  it('answers an unknown route with 404 NOT_FOUND in the contract shape', async () => {
    const response = await call(`${stack.url}/v1/no-such-route`);
    expectError(response, 404, 'NOT_FOUND');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a known route with the wrong method with 405 METHOD_NOT_ALLOWED and Allow', async () => {
    const response = await call(`${stack.url}/v1/health`, { method: 'DELETE' });
    expectError(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe('GET');
    const settings = await call(`${stack.url}/v1/accounts/some-account/settings/mfa`, {
      method: 'POST',
      body: {},
    });
    expectError(settings, 405, 'METHOD_NOT_ALLOWED');
    expect(settings.headers.get('allow')).toBe('GET, PUT');
  });

  it('refuses a body over 64 KB with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await call(`${stack.url}/v1/auth/login`, {
      rawBody: JSON.stringify({ email: ADMIN_EMAIL, password: 'x'.repeat(70 * 1024) }),
    });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    const response = await call(`${stack.url}/v1/auth/login`, { rawBody: '{"email": "a@b.test",' });
    expectError(response, 400, 'VALIDATION_FAILED');
  });

  it('answers protected routes without a valid id token with 401 UNAUTHORIZED', async () => {
    expectError(await call(`${stack.url}/v1/me`), 401, 'UNAUTHORIZED');
    expectError(await call(`${stack.url}/v1/me`, { token: 'not-a-jwt' }), 401, 'UNAUTHORIZED');
    expectError(
      await call(`${stack.url}/v1/me`, { token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln' }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await call(`${stack.url}/v1/accounts/x/settings/mfa`, { headers: { authorization: 'Basic YTpi' } }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('serves the outbox, oldest first, filtered by ?to=', async () => {
    const all = await call(`${stack.url}/_local/outbox`);
    expect(all.status).toBe(200);
    expect(Array.isArray(all.body.messages)).toBe(true);
    const none = await call(`${stack.url}/_local/outbox?to=${encodeURIComponent('nobody@example.test')}`);
    expect(none.body).toEqual({ messages: [] });
    expectError(
      await call(`${stack.url}/_local/outbox`, { method: 'POST', body: {} }),
      405,
      'METHOD_NOT_ALLOWED',
    );
  });
});

describe('the seeded admin', () => {
  const outbox = () => gatewayOutbox(stack.url);
  const login = (email = ADMIN_EMAIL, password = ADMIN_PASSWORD) =>
    call(`${stack.url}/v1/auth/login`, { body: { email, password } });
  let idToken: string;
  let accountId: string;

  it('signs in with MFA off and gets the tokens at once', async () => {
    const response = await login();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'AUTHENTICATED',
      tokens: expect.objectContaining({
        idToken: expect.any(String),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
      }),
    });
    idToken = response.body.tokens.idToken;
  });

  it('reads its profile with the id token, but not with the access token', async () => {
    const me = await call(`${stack.url}/v1/me`, { token: idToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(
      expect.objectContaining({ email: ADMIN_EMAIL, role: 'admin', accountId: expect.any(String) }),
    );
    accountId = me.body.accountId;
    // Same signing key and issuer, but token_use=access and no audience: API Gateway's authorizer refuses it.
    const { body } = await login();
    expectError(await call(`${stack.url}/v1/me`, { token: body.tokens.accessToken }), 401, 'UNAUTHORIZED');
  });

  it('turns MFA on for its account', async () => {
    const response = await call(`${stack.url}/v1/accounts/${accountId}/settings/mfa`, {
      method: 'PUT',
      token: idToken,
      body: { enabled: true },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ enabled: true, updatedAt: expect.any(String) }));
    // The admin at the switch keeps this session; every other session begun without a code ends.
    const read = await call(`${stack.url}/v1/accounts/${accountId}/settings/mfa`, { token: idToken });
    expect(read.status).toBe(200);
  });

  let session: string;
  let codeMessageId: string;

  it('then needs a code, sent by email to a masked destination, and gets no token', async () => {
    const response = await login();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'MFA_REQUIRED',
      session: expect.any(String),
      channel: 'email',
      destination: expect.stringContaining('*'),
      expiresIn: 300,
      sessionExpiresIn: 900,
      resendAvailableIn: 30,
      methods: ['email'],
    });
    expect(response.body.destination).not.toContain(ADMIN_EMAIL);
    // No JWT of any kind (header and payload of a JWT both start with eyJ); the session is sealed.
    expect(JSON.stringify(response.body)).not.toMatch(/eyJ[\w-]*\.eyJ/);
    session = response.body.session;
    const message = await outbox().latestMessageTo(ADMIN_EMAIL);
    expect(message).toEqual(
      expect.objectContaining({
        channel: 'email',
        to: ADMIN_EMAIL,
        subject: expect.any(String),
        body: expect.any(String),
      }),
    );
    codeMessageId = message.id;
  });

  it('cannot resend at once: 429 RESEND_TOO_SOON with Retry-After', async () => {
    const response = await call(`${stack.url}/v1/auth/mfa/resend`, { body: { session } });
    expectError(response, 429, 'RESEND_TOO_SOON');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(response.body.error.retryAfter).toBe(retryAfter);
  });

  it('verifies the code from the outbox and gets the tokens', async () => {
    const code = await outbox().latestCodeFor(ADMIN_EMAIL);
    const messages = await outbox().messagesTo(ADMIN_EMAIL);
    expect(messages.at(-1)?.id).toBe(codeMessageId); // the refused resend sent nothing
    const response = await call(`${stack.url}/v1/auth/mfa/verify`, { body: { session, code } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'AUTHENTICATED',
      tokens: expect.objectContaining({ idToken: expect.any(String), tokenType: 'Bearer' }),
    });
    const me = await call(`${stack.url}/v1/me`, { token: response.body.tokens.idToken });
    expect(me.status).toBe(200);
    // The session is used up.
    const again = await call(`${stack.url}/v1/auth/mfa/verify`, { body: { session, code } });
    expect(again.status).toBe(401);
  });

  it('answers a wrong password and an unknown email identically: 401 INVALID_CREDENTIALS', async () => {
    const wrongPassword = await login(ADMIN_EMAIL, 'not-the-right-passphrase');
    const unknownEmail = await login('nobody-at-all@demo-energy.test', 'not-the-right-passphrase');
    expectError(wrongPassword, 401, 'INVALID_CREDENTIALS');
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('gets 502 DELIVERY_FAILED when SES refuses the code, and a working code next time', async () => {
    const stub = standInOutbox({ sns: stack.snsUrl, ses: stack.sesUrl });
    await stub.failNextEmails(1, { to: ADMIN_EMAIL });
    expectError(await login(), 502, 'DELIVERY_FAILED');
    const response = await login();
    expect(response.body.status).toBe('MFA_REQUIRED');
    const code = await outbox().latestCodeFor(ADMIN_EMAIL);
    const verified = await call(`${stack.url}/v1/auth/mfa/verify`, {
      body: { session: response.body.session, code },
    });
    expect(verified.body.status).toBe('AUTHENTICATED');
  });
});

describe('shutdown', () => {
  it('SIGTERM stops the stack and every process it started, exit code 0', async () => {
    const children = descendants(stack.child.pid!);
    expect(children.some((p) => /DynamoDBLocal\.jar/.test(p.args))).toBe(true);
    const { code } = await stack.stop('SIGTERM');
    expect(code).toBe(0);
    expect(stack.output()).toMatch(/SIGTERM received, stopping/);
    // The JVM must already be gone (the stack waits for it); tsx's esbuild service exits when its pipe closes.
    expect(children.filter((p) => /java/.test(p.args) && isAlive(p.pid))).toEqual([]);
    const deadline = Date.now() + 5000;
    while (children.some((p) => isAlive(p.pid)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(children.filter((p) => isAlive(p.pid))).toEqual([]);
  }, 30_000);
});
