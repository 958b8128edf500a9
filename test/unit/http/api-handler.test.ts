import type { APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { ApiError, errors } from '../../../lambdas/domain/errors';
import { type ApiRequest, type ApiResponse, apiHandler } from '../../../lambdas/http/api-handler';
import { SECURITY_HEADERS } from '../../../lambdas/http/middleware';
import { MAX_BODY_BYTES, type RouteDefinition } from '../../../lambdas/routes';
import { apiEvent, errorBody, header, lambdaContext } from '../helpers/api-gateway';

const PASSWORD = 'Correct-Horse-Battery-Staple-42!';

const loginLike = z.strictObject({
  email: z.email(),
  password: z.string().check(z.minLength(1)),
  remember: z.optional(z.boolean()),
});
type LoginLike = z.infer<typeof loginLike>;

const route = (overrides: Partial<RouteDefinition> = {}): RouteDefinition => ({
  id: 'test-route',
  capability: 'platform',
  method: 'POST',
  path: '/v1/test',
  auth: 'none',
  body: loginLike,
  description: 'test route',
  ...overrides,
});

const ok = async (): Promise<ApiResponse> => ({ status: 200, body: { status: 'ok' } });

async function call(
  definition: RouteDefinition,
  event: Parameters<typeof apiEvent>[0],
  run: (request: ApiRequest<LoginLike>) => Promise<ApiResponse> = ok,
): Promise<APIGatewayProxyResult> {
  return apiHandler<LoginLike>(definition, run)(apiEvent(event), lambdaContext());
}

const validBody = JSON.stringify({ email: 'alice@example.com', password: PASSWORD });

/** Everything the Powertools logger (or anything else) writes during a test; also keeps the run quiet. */
let output: string[] = [];
let spies: jest.SpyInstance[] = [];

beforeEach(() => {
  output = [];
  const capture = (chunk: unknown): boolean => {
    output.push(String(chunk));
    return true;
  };
  const captureArgs = (...args: unknown[]) => {
    capture(args.map(String).join(' '));
  };
  spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation(captureArgs),
    ),
  ];
});

afterEach(() => {
  for (const spy of spies) spy.mockRestore();
});

function expectSecurityHeaders(result: APIGatewayProxyResult): void {
  expect(header(result, 'Cache-Control')).toBe('no-store');
  expect(header(result, 'X-Content-Type-Options')).toBe('nosniff');
  expect(header(result, 'Strict-Transport-Security')).toMatch(/^max-age=\d{7,}/);
  expect(header(result, 'Content-Type')).toMatch(/^application\/json/);
  expect(header(result, 'Referrer-Policy')).toBe('no-referrer');
}

function expectErrorShape(
  result: APIGatewayProxyResult,
  status: number,
  code: string,
): Record<string, unknown> {
  expect(result.statusCode).toBe(status);
  const parsed = JSON.parse(result.body) as Record<string, unknown>;
  expect(Object.keys(parsed)).toEqual(['error']);
  const error = errorBody(result);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect((error.message as string).length).toBeGreaterThan(0);
  return error;
}

describe('success', () => {
  test('passes the parsed body and request facts to the route and renders its response', async () => {
    const run = jest.fn(async (request: ApiRequest<LoginLike>) => {
      expect(request.body).toEqual({ email: 'alice@example.com', password: PASSWORD });
      expect(request.sourceIp).toBe('203.0.113.7');
      expect(request.userAgent).toBe('jest');
      expect(request.caller).toBeUndefined();
      return { status: 201, body: { created: true }, headers: { Location: '/v1/x' } };
    });
    const result = await call(route(), { body: validBody }, run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body)).toEqual({ created: true });
    expect(header(result, 'Location')).toBe('/v1/x');
  });

  test('carries the security headers', async () => {
    const result = await call(route(), { body: validBody });
    expect(result.statusCode).toBe(200);
    expectSecurityHeaders(result);
  });

  test('a route cannot weaken the security headers', async () => {
    const result = await call(route(), { body: validBody }, async () => ({
      status: 200,
      body: {},
      headers: { 'Cache-Control': 'public, max-age=3600' },
    }));
    expect(header(result, 'Cache-Control')).toBe('no-store');
  });

  test('accepts JSON content types with parameters and +json', async () => {
    for (const contentType of [
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/vnd.api+json',
    ]) {
      const result = await call(route(), { body: validBody, headers: { 'content-type': contentType } });
      expect(result.statusCode).toBe(200);
    }
  });

  test('decodes a base64-encoded body', async () => {
    const result = await call(route(), {
      body: Buffer.from(validBody).toString('base64'),
      isBase64Encoded: true,
    });
    expect(result.statusCode).toBe(200);
  });

  test('a route without a body schema ignores the body', async () => {
    const run = jest.fn(async (request: ApiRequest<LoginLike>) => {
      expect(request.body).toBeUndefined();
      return { status: 200, body: { status: 'ok' } };
    });
    const result = await call(
      route({ method: 'GET', body: undefined }),
      { method: 'GET', body: 'not json' },
      run,
    );
    expect(result.statusCode).toBe(200);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('body validation (never reaches the route)', () => {
  let run: jest.Mock;
  beforeEach(() => {
    run = jest.fn(ok);
  });

  test('malformed JSON → 400 VALIDATION_FAILED', async () => {
    const result = await call(route(), { body: '{"email": "alice@example.com", "password": ' }, run);
    expectErrorShape(result, 400, 'VALIDATION_FAILED');
    expect(run).not.toHaveBeenCalled();
  });

  test.each([
    ['null body', null],
    ['empty body', ''],
    ['blank body', '  \n '],
  ])('%s → 400 VALIDATION_FAILED', async (_name, body) => {
    const result = await call(route(), { body }, run);
    expectErrorShape(result, 400, 'VALIDATION_FAILED');
    expect(run).not.toHaveBeenCalled();
  });

  test.each([
    ['JSON null', 'null'],
    ['a JSON array', JSON.stringify([{ email: 'alice@example.com', password: PASSWORD }])],
    ['a JSON string', JSON.stringify(PASSWORD)],
  ])('%s → 400 VALIDATION_FAILED', async (_name, body) => {
    const result = await call(route(), { body }, run);
    expectErrorShape(result, 400, 'VALIDATION_FAILED');
    expect(result.body).not.toContain(PASSWORD);
    expect(run).not.toHaveBeenCalled();
  });

  test('an extra field → 400, naming the field and never echoing submitted values', async () => {
    const body = JSON.stringify({ email: 'alice@example.com', password: PASSWORD, verified: true });
    const result = await call(route(), { body }, run);
    const error = expectErrorShape(result, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(error.details)).toContain('verified');
    expect(result.body).not.toContain(PASSWORD);
    expect(result.body).not.toContain('alice@example.com');
    expect(run).not.toHaveBeenCalled();
  });

  test('a wrong type → 400 with details naming the field, no value echoed', async () => {
    const body = JSON.stringify({ email: 'alice@example.com', password: 4815162342 });
    const result = await call(route(), { body }, run);
    const error = expectErrorShape(result, 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'password', problem: expect.any(String) }]);
    expect(result.body).not.toContain('4815162342');
    expect(run).not.toHaveBeenCalled();
  });

  test('an invalid value is named by field without echoing it', async () => {
    const body = JSON.stringify({ email: PASSWORD, password: 'x' });
    const result = await call(route(), { body }, run);
    const error = expectErrorShape(result, 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([{ field: 'email', problem: expect.any(String) }]);
    expect(result.body).not.toContain(PASSWORD);
  });

  test('a body over 64 KB → 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ email: 'alice@example.com', password: 'p'.repeat(MAX_BODY_BYTES) });
    const result = await call(route(), { body }, run);
    expectErrorShape(result, 413, 'PAYLOAD_TOO_LARGE');
    expect(run).not.toHaveBeenCalled();
  });

  test('the limit counts bytes, not characters', async () => {
    // 22 000 three-byte characters = 66 000 bytes but only 22 000 characters.
    const body = JSON.stringify({ email: 'alice@example.com', password: '€'.repeat(22_000) });
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    const result = await call(route(), { body }, run);
    expectErrorShape(result, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('a body of exactly 64 KB is not refused for its size', async () => {
    const filler = 'p'.repeat(
      MAX_BODY_BYTES - JSON.stringify({ email: 'alice@example.com', password: '' }).length,
    );
    const body = JSON.stringify({ email: 'alice@example.com', password: filler });
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    const result = await call(route(), { body }, run);
    expect(result.statusCode).toBe(200);
  });

  test.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
  ])('Content-Type %s → 415 UNSUPPORTED_MEDIA_TYPE', async (contentType) => {
    const result = await call(route(), { body: validBody, headers: { 'Content-Type': contentType } }, run);
    expectErrorShape(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(run).not.toHaveBeenCalled();
  });

  test('validation errors carry the security headers', async () => {
    expectSecurityHeaders(await call(route(), { body: '{' }, run));
    expectSecurityHeaders(
      await call(route(), { body: validBody, headers: { 'Content-Type': 'text/plain' } }, run),
    );
  });
});

describe('errors thrown by the route', () => {
  test('an ApiError keeps its status, code and extra fields', async () => {
    const result = await call(route(), { body: validBody }, async () => {
      throw errors.invalidCode(3);
    });
    const error = expectErrorShape(result, 401, 'INVALID_CODE');
    expect(error.attemptsRemaining).toBe(3);
    expectSecurityHeaders(result);
  });

  test('an ApiError with headers sends them (Retry-After) next to the security headers', async () => {
    const result = await call(route(), { body: validBody }, async () => {
      throw errors.resendTooSoon(17);
    });
    const error = expectErrorShape(result, 429, 'RESEND_TOO_SOON');
    expect(error.retryAfter).toBe(17);
    expect(header(result, 'Retry-After')).toBe('17');
    expectSecurityHeaders(result);
  });

  test('MFA_LOCKED and a used-up quota carry Retry-After; a sign-in out of sends carries none and says to sign in again', async () => {
    const locked = await call(route(), { body: validBody }, async () => {
      throw errors.mfaLocked(900);
    });
    expectErrorShape(locked, 429, 'MFA_LOCKED');
    expect(header(locked, 'Retry-After')).toBe('900');

    const quota = await call(route(), { body: validBody }, async () => {
      throw errors.tooManySends('sign-in-sends', 1200);
    });
    expect(expectErrorShape(quota, 429, 'TOO_MANY_SENDS')).toMatchObject({
      limit: 'sign-in-sends',
      retryAfter: 1200,
    });
    expect(header(quota, 'Retry-After')).toBe('1200');

    const sends = await call(route(), { body: validBody }, async () => {
      throw errors.sendsExhausted('sign in again');
    });
    const error = expectErrorShape(sends, 429, 'TOO_MANY_SENDS');
    expect(error).not.toHaveProperty('retryAfter');
    expect(error.limit).toBe('sends-per-challenge');
    expect(error.message).toMatch(/sign in again/);
    expect(header(sends, 'Retry-After')).toBeUndefined();
  });

  test('a custom ApiError renders exactly', async () => {
    const result = await call(route(), { body: validBody }, async () => {
      throw new ApiError(409, 'USER_EXISTS', 'That user exists.', { hint: 'sign in' });
    });
    expect(result.statusCode).toBe(409);
    expect(JSON.parse(result.body)).toEqual({
      error: { code: 'USER_EXISTS', message: 'That user exists.', hint: 'sign in' },
    });
  });

  test('an unexpected Error → 500 INTERNAL_ERROR without internals', async () => {
    const result = await call(route(), { body: validBody }, async () => {
      throw new Error('secret internals');
    });
    expectErrorShape(result, 500, 'INTERNAL_ERROR');
    expect(result.body).not.toContain('secret internals');
    expect(result.body).not.toContain('stack');
    expectSecurityHeaders(result);
  });

  test('a thrown non-Error value → 500 INTERNAL_ERROR', async () => {
    const result = await call(route(), { body: validBody }, async () => {
      throw 'a string with secret internals';
    });
    expectErrorShape(result, 500, 'INTERNAL_ERROR');
    expect(result.body).not.toContain('secret internals');
  });
});

describe('authentication and role', () => {
  const memberClaims = {
    sub: 'user-1',
    email: 'member@example.com',
    'cognito:username': 'user-1',
    'custom:account_id': 'acct-1',
    'custom:role': 'member',
    auth_time: '1700000000',
  };
  const adminClaims = { ...memberClaims, sub: 'admin-1', 'custom:role': 'admin' };

  test('a user route with no claims → 401 UNAUTHORIZED and the route never runs', async () => {
    const run = jest.fn(ok);
    const result = await call(
      route({ auth: 'user', body: undefined, method: 'GET' }),
      { method: 'GET' },
      run,
    );
    expectErrorShape(result, 401, 'UNAUTHORIZED');
    expect(run).not.toHaveBeenCalled();
    expectSecurityHeaders(result);
  });

  test('claims without a subject → 401 UNAUTHORIZED', async () => {
    const { sub: _sub, ...noSub } = memberClaims;
    const result = await call(route({ auth: 'user', body: undefined }), { claims: noSub });
    expectErrorShape(result, 401, 'UNAUTHORIZED');
  });

  test('authentication is checked before the body is parsed', async () => {
    const result = await call(route({ auth: 'user' }), { body: '{ not json' });
    expectErrorShape(result, 401, 'UNAUTHORIZED');
  });

  test('a user route with claims runs with the caller from the token', async () => {
    const run = jest.fn(async (request: ApiRequest<LoginLike>) => {
      expect(request.caller).toEqual({
        userId: 'user-1',
        username: 'user-1',
        email: 'member@example.com',
        accountId: 'acct-1',
        role: 'member',
        authTime: 1_700_000_000,
      });
      return { status: 200, body: {} };
    });
    const result = await call(route({ auth: 'user', body: undefined }), { claims: memberClaims }, run);
    expect(result.statusCode).toBe(200);
    expect(run).toHaveBeenCalledTimes(1);
  });

  test('an admin route with role member → 403 FORBIDDEN', async () => {
    const run = jest.fn(ok);
    const result = await call(route({ auth: 'admin', body: undefined }), { claims: memberClaims }, run);
    expectErrorShape(result, 403, 'FORBIDDEN');
    expect(run).not.toHaveBeenCalled();
    expectSecurityHeaders(result);
  });

  test('an admin route with an unknown role → 403 FORBIDDEN', async () => {
    const result = await call(route({ auth: 'admin', body: undefined }), {
      claims: { ...memberClaims, 'custom:role': 'superadmin' },
    });
    expectErrorShape(result, 403, 'FORBIDDEN');
  });

  test('an admin route with no claims → 401 UNAUTHORIZED, not 403', async () => {
    const result = await call(route({ auth: 'admin', body: undefined }), {});
    expectErrorShape(result, 401, 'UNAUTHORIZED');
  });

  test('an admin route with role admin runs', async () => {
    const run = jest.fn(async (_request: ApiRequest<LoginLike>) => ok());
    const result = await call(
      route({ auth: 'admin', body: undefined }),
      {
        claims: adminClaims,
        pathParameters: { accountId: 'acct-1' },
      },
      run,
    );
    expect(result.statusCode).toBe(200);
    expect(run.mock.calls[0]![0].pathParameters).toEqual({ accountId: 'acct-1' });
  });
});

describe('logging never carries the password or the code (R-03)', () => {
  test('a request that fails unexpectedly logs the error and the request id, not the body', async () => {
    const code = '482913';
    const body = JSON.stringify({ email: 'alice@example.com', password: PASSWORD });
    const result = await apiHandler<LoginLike>(route(), async () => {
      throw new Error(`dynamo timeout for challenge ${'c'.repeat(8)}`);
    })(apiEvent({ body: body.replace('}', `,"remember":true}`) }), lambdaContext('req-logged-0001'));
    expect(result.statusCode).toBe(500);

    const logged = output.join('\n');
    // The capture works: the failure itself was logged, with the Lambda request id.
    expect(logged).toContain('unexpected error');
    expect(logged).toContain('req-logged-0001');
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain(code);
  });

  test('a request rejected by validation logs neither the password nor the code', async () => {
    const body = JSON.stringify({ email: 'alice@example.com', password: PASSWORD, code: '482913' });
    const result = await call(route(), { body });
    expect(result.statusCode).toBe(400);
    const logged = output.join('\n');
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain('482913');
  });

  test('a 5xx ApiError is logged by code only', async () => {
    const result = await call(route(), { body: validBody }, async () => {
      throw errors.deliveryFailed();
    });
    expect(result.statusCode).toBe(502);
    const logged = output.join('\n');
    expect(logged).toContain('DELIVERY_FAILED');
    expect(logged).not.toContain(PASSWORD);
  });
});

test('SECURITY_HEADERS is the documented set', () => {
  expect(SECURITY_HEADERS).toMatchObject({
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  });
});
