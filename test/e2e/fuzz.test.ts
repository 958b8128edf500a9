import fc from 'fast-check';
import { type RouteDefinition, routeList } from '../../lambdas/routes';
import { DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD } from '../../local/seed';
import { call, type LocalStack, startLocalStack } from './local-stack';

/**
 * A permanent fuzz test: at least 10,000 requests generated from the route table (every route, its
 * method, random path parameters, bodies that are near-misses of the valid ones, junk, wrong types,
 * extra fields, wrong content types, and no, junk or real tokens), over HTTP against `npm start`. Not one
 * may answer 5xx, and every answer must be in the contract's shape. The seed is fixed, so a failure
 * reproduces; set FUZZ_SEED to explore other inputs.
 */
jest.setTimeout(600_000);

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const CONCURRENCY = 8;

let stack: LocalStack;
let adminToken = '';
let accountId = '';

beforeAll(async () => {
  // Generous limits, so that the fuzz explores validation and not only 429s.
  stack = await startLocalStack({
    MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR: '1000',
    MAX_INVITATIONS_PER_ACCOUNT_PER_DAY: '100000',
  });
  const login = await call(`${stack.url}/v1/auth/login`, {
    body: { email: DEFAULT_ADMIN_EMAIL, password: DEFAULT_ADMIN_PASSWORD },
  });
  adminToken = login.body.tokens.idToken;
  accountId = (await call(`${stack.url}/v1/me`, { token: adminToken })).body.accountId;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '+',
    '+34 612 345 678',
    '+1 900 555 0199',
    '123456',
    '０１２３４５',
    'a@b.co',
    'null',
    '\u0000',
    '\r\nBcc: x',
    '\u202e',
  ),
  fc.constantFrom('A'.repeat(300), 'x'.repeat(5000)),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Field names the routes know, so generated objects often hit real fields with wrong values. */
const KNOWN_FIELDS = [
  'email',
  'password',
  'session',
  'code',
  'channel',
  'invitationToken',
  'name',
  'phoneNumber',
  'locale',
  'enabled',
  'role',
  'validationId',
  'refreshToken',
  'everywhere',
  'resetSession',
  'newPassword',
  'currentPassword',
  'disabled',
  'method',
  'rememberDevice',
  'deviceToken',
  'rememberDeviceDays',
  '$ne',
  '__proto__',
];
const nearMissBody = fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), jsonValue, { maxKeys: 5 });

const pathValue = fc.oneof(
  fc.constantFrom('x', 'A'.repeat(43), '%00', '..', '%2F', 'ACCOUNT', '😀', '-'),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.uuid(),
);

interface Generated {
  readonly route: RouteDefinition;
  readonly params: string[];
  readonly ownAccount: boolean;
  readonly body: { kind: 'json'; value: unknown } | { kind: 'raw'; value: string } | { kind: 'none' };
  readonly contentType: string;
  readonly auth: 'none' | 'junk' | 'admin';
}

const generated: fc.Arbitrary<Generated> = fc.record({
  route: fc.constantFrom(...routeList),
  params: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
  ownAccount: fc.boolean(),
  body: fc.oneof(
    fc.record({ kind: fc.constant('json' as const), value: nearMissBody }),
    fc.record({ kind: fc.constant('json' as const), value: jsonValue }),
    fc.record({
      kind: fc.constant('raw' as const),
      value: fc.constantFrom('{', '{"a":', 'not json', '[]', '""', '{}'.repeat(3)),
    }),
    fc.constant({ kind: 'none' as const }),
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
  ),
  auth: fc.constantFrom('none' as const, 'junk' as const, 'admin' as const),
});

function pathOf(g: Generated): string {
  let i = 0;
  return g.route.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    name === 'accountId' && g.ownAccount ? accountId : (g.params[i++ % g.params.length] ?? 'x'),
  );
}

const CONTRACT_ERROR = /^[A-Z][A-Z0-9_]*$/;

test(`${RUNS} generated requests over every route: no 5xx, every answer in the contract's shape`, async () => {
  const samples = fc.sample(generated, { numRuns: RUNS, seed: SEED });
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const routesHit = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < samples.length) {
      const g = samples[next++]!;
      const token =
        g.auth === 'admin' ? adminToken : g.auth === 'junk' ? 'eyJhbGciOiJub25lIn0.e30.' : undefined;
      const init =
        g.body.kind === 'none' || g.route.method === 'GET'
          ? { method: g.route.method, token }
          : {
              method: g.route.method,
              token,
              rawBody: g.body.kind === 'raw' ? g.body.value : JSON.stringify(g.body.value),
              headers: { 'content-type': g.contentType },
            };
      const response = await call(`${stack.url}${pathOf(g)}`, init);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      routesHit.add(g.route.id);
      const body = response.body;
      const shaped =
        response.status >= 400
          ? typeof body === 'object' &&
            body !== null &&
            Object.keys(body).length === 1 &&
            typeof body.error?.message === 'string' &&
            CONTRACT_ERROR.test(String(body.error?.code))
          : response.status === 204
            ? body === undefined
            : typeof body === 'object' && body !== null;
      if (response.status >= 500 || !shaped) {
        problems.push(
          `${g.route.method} ${pathOf(g)} ${JSON.stringify(g.body).slice(0, 200)} -> ${response.status} ${JSON.stringify(body).slice(0, 200)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(problems.slice(0, 10)).toEqual([]);
  expect(routesHit.size).toBe(routeList.length);
  expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  // Not only refusals: some generated requests are valid and succeed.
  expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
});
