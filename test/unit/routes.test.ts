import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiHandler } from '../../lambdas/http/api-handler';
import { handlerEntry, MAX_BODY_BYTES, routeList, routes } from '../../lambdas/routes';
import { mfaSettingsBody } from '../../lambdas/routes/admin';
import { loginBody, resendBody, verifyBody } from '../../lambdas/routes/sign-in';
import { apiEvent, errorBody, lambdaContext } from './helpers/api-gateway';

const ROOT = join(__dirname, '..', '..');
const SESSION = 'sEssion_id-0123456789abcdefABCDEF';

describe('route table', () => {
  test('lists the routes of the contract', () => {
    expect(routeList.length).toBeGreaterThanOrEqual(7);
    expect(routeList.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /v1/health',
        'POST /v1/auth/login',
        'POST /v1/auth/mfa/verify',
        'POST /v1/auth/mfa/resend',
        'GET /v1/me',
        'GET /v1/accounts/{accountId}/settings/mfa',
        'PUT /v1/accounts/{accountId}/settings/mfa',
      ]),
    );
  });

  test('ids are unique and name-safe, and method + path pairs are unique', () => {
    const ids = routeList.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    const endpoints = routeList.map((r) => `${r.method} ${r.path}`);
    expect(new Set(endpoints).size).toBe(endpoints.length);
  });

  test.each(routeList.map((r) => [r.id, r] as const))('%s: path starts with /v1/', (_id, route) => {
    expect(route.path.startsWith('/v1/')).toBe(true);
    expect(route.path).not.toMatch(/\/$/);
  });

  test.each(routeList.map((r) => [r.id, r] as const))('%s: a body only on POST/PUT', (_id, route) => {
    if (route.body) expect(['POST', 'PUT']).toContain(route.method);
    if (route.method === 'GET') expect(route.body).toBeUndefined();
  });

  test.each(routeList.map((r) => [r.id, r] as const))(
    '%s: the handler file exists and wires this route',
    (_id, route) => {
      const file = join(ROOT, handlerEntry(route));
      expect(existsSync(file)).toBe(true);
      const source = readFileSync(file, 'utf8');
      expect(source).toMatch(/export const handler\s*=/);
      // The handler passes the route definition whose id names its file (no copy-paste wiring).
      const wired = [...source.matchAll(/apiHandler(?:<[^>]*>)?\(\s*(\w+)Routes\.(\w+)/g)];
      expect(wired).toHaveLength(1);
      const [, table, key] = wired[0]!;
      expect(routes[key as keyof typeof routes].id).toBe(route.id);
      // A handler imports its own capability's table only (not every route's schemas).
      expect(source).toContain(`from '../../routes/${route.capability}'`);
      expect(table!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).toBe(route.capability);
    },
  );

  test('routes with a path parameter require a signed-in caller, except the invitation lookup by token', () => {
    const publicWithParameter = routeList.filter((r) => r.path.includes('{') && r.auth === 'none');
    expect(publicWithParameter.map((r) => r.id)).toEqual([routes.getInvitation.id]);
  });

  test('account routes are admin-only; the sign-in routes are public', () => {
    for (const route of routeList.filter((r) => r.path.startsWith('/v1/accounts/')))
      expect(route.auth).toBe('admin');
    for (const route of [routes.login, routes.verifyMfa, routes.resendMfa, routes.health])
      expect(route.auth).toBe('none');
    expect(routes.me.auth).toBe('user');
  });

  test.each(routeList.filter((r) => r.body).map((r) => [r.id, r] as const))(
    '%s: the body schema rejects unknown fields',
    (_id, route) => {
      expect(route.body!.safeParse({ __unexpected: true }).success).toBe(false);
    },
  );

  test('the body limit is 64 KB', () => {
    expect(MAX_BODY_BYTES).toBe(65_536);
  });
});

describe('verify body (R-15)', () => {
  test.each(['123456', '000000', '0123456789', '1234567'])('accepts the code %p', (code) => {
    expect(verifyBody.safeParse({ session: SESSION, code }).success).toBe(true);
  });

  test.each<[string, unknown]>([
    ['empty string', ''],
    ['null', null],
    ['missing', undefined],
    ['empty array', []],
    ['array of candidates', ['123456', '000000']],
    ['number', 123456],
    ['leading space', ' 123456'],
    ['trailing space', '123456 '],
    ['trailing newline', '123456\n'],
    ['full-width digits', '１２３４５６'],
    ['Arabic-Indic digits', '١٢٣٤٥٦'],
    ['five digits', '12345'],
    ['eleven digits', '12345678901'],
    ['10 kB string', '1'.repeat(10_240)],
    ['NoSQL operator', { $ne: null }],
    ['object', { code: '123456' }],
    ['boolean', true],
    ['hex', '0x1E240'],
    ['exponent', '1e5000'],
    ['negative', '-123456'],
  ])('rejects code: %s', (_name, code) => {
    expect(verifyBody.safeParse({ session: SESSION, code }).success).toBe(false);
  });

  test.each<[string, Record<string, unknown>]>([
    ['verified: true', { verified: true }],
    ['mfaRequired: false', { mfaRequired: false }],
    ['userId', { userId: 'other-user' }],
    ['accountId', { accountId: 'other-account' }],
    ['purpose', { purpose: 'login' }],
    ['__proto__', JSON.parse('{"__proto__": {"verified": true}}') as Record<string, unknown>],
  ])('rejects the extra field %s', (_name, extra) => {
    const body = { session: SESSION, code: '123456', ...extra };
    expect(Object.keys(body)).toHaveLength(3);
    expect(verifyBody.safeParse(body).success).toBe(false);
  });

  test.each<[string, unknown]>([
    ['empty', ''],
    ['larger than any session the login hands out', 'a'.repeat(8193)],
    ['number', 1234567890123456],
    ['NoSQL operator', { $gt: '' }],
  ])('rejects the session: %s', (_name, session) => {
    expect(verifyBody.safeParse({ session, code: '123456' }).success).toBe(false);
  });

  test('a string session of any shape passes the schema: the service answers SESSION_EXPIRED for it', () => {
    for (const session of ['abc', 'a.b.c', `${SESSION} `])
      expect(verifyBody.safeParse({ session, code: '123456' }).success).toBe(true);
  });

  test('through the wrapper, every fuzzed body is a 400 that never reaches verification', async () => {
    const run = jest.fn(async () => ({ status: 200, body: { status: 'AUTHENTICATED' } }));
    const handler = apiHandler(routes.verifyMfa, run);
    const bodies = [
      { session: SESSION, code: '' },
      { session: SESSION, code: null },
      { session: SESSION, code: ['123456', '000000'] },
      { session: SESSION, code: 123456 },
      { session: SESSION, code: '１２３４５６' },
      { session: SESSION, code: { $ne: null } },
      { session: SESSION, code: '123456', verified: true },
      { session: SESSION, code: '123456', userId: 'someone-else' },
      { session: SESSION },
    ];
    for (const body of bodies) {
      const result = await handler(
        apiEvent({ path: routes.verifyMfa.path, body: JSON.stringify(body) }),
        lambdaContext(),
      );
      expect(result.statusCode).toBe(400);
      expect(errorBody(result).code).toBe('VALIDATION_FAILED');
    }
    expect(run).not.toHaveBeenCalled();
    // Control: a well-formed body does reach verification.
    const good = await handler(
      apiEvent({ path: routes.verifyMfa.path, body: JSON.stringify({ session: SESSION, code: '123456' }) }),
      lambdaContext(),
    );
    expect(good.statusCode).toBe(200);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('other body schemas', () => {
  test('login: takes an email as typed (the service normalizes it), bounds the password, rejects extra fields', () => {
    expect(loginBody.parse({ email: 'Alice@Example.com', password: 'x' })).toEqual({
      email: 'Alice@Example.com',
      password: 'x',
    });
    // Surrounding spaces pass the schema untouched (JSON Schema cannot trim); the service trims.
    expect(loginBody.parse({ email: '  alice@example.com ', password: 'x' }).email).toBe(
      '  alice@example.com ',
    );
    expect(loginBody.safeParse({ email: 'alice @example.com', password: 'x' }).success).toBe(false);
    expect(loginBody.safeParse({ email: 'alice@example.com', password: '' }).success).toBe(false);
    expect(loginBody.safeParse({ email: 'alice@example.com', password: 'p'.repeat(257) }).success).toBe(
      false,
    );
    expect(loginBody.safeParse({ email: 'not-an-email', password: 'x' }).success).toBe(false);
    expect(
      loginBody.safeParse({ email: 'alice@example.com', password: 'x', mfaRequired: false }).success,
    ).toBe(false);
    expect(loginBody.safeParse({ email: 'alice@example.com', password: 'x', accountId: 'a' }).success).toBe(
      false,
    );
  });

  test('resend: a session, and optionally the channel (sms or email)', () => {
    expect(resendBody.safeParse({ session: SESSION }).success).toBe(true);
    expect(resendBody.safeParse({ session: SESSION, channel: 'email' }).success).toBe(true);
    expect(resendBody.safeParse({ session: SESSION, channel: 'sms' }).success).toBe(true);
    expect(resendBody.safeParse({ session: SESSION, channel: 'voice' }).success).toBe(false);
    expect(resendBody.safeParse({ session: SESSION, destination: '+14155552671' }).success).toBe(false);
    expect(resendBody.safeParse({}).success).toBe(false);
  });

  test('MFA settings: a real boolean only', () => {
    expect(mfaSettingsBody.safeParse({ enabled: true }).success).toBe(true);
    expect(mfaSettingsBody.safeParse({ enabled: false }).success).toBe(true);
    for (const enabled of ['true', 1, 0, null, 'false']) {
      expect(mfaSettingsBody.safeParse({ enabled }).success).toBe(false);
    }
    expect(mfaSettingsBody.safeParse({ enabled: true, accountId: 'other' }).success).toBe(false);
  });
});
