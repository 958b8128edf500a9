import * as z from 'zod/mini';
import { apiHandler } from '../../../lambdas/http/api-handler';
import { fieldProblems } from '../../../lambdas/http/validation-details';
import { type RouteDefinition, routeList } from '../../../lambdas/routes';
import { findUsableInvitation } from '../../../lambdas/services/onboarding/invitations';
import { bodyJsonSchema } from '../../../lib/request-models';
import { apiEvent, errorBody, lambdaContext } from '../helpers/api-gateway';

/**
 * 400 VALIDATION_FAILED answers of every route with a body: `details` holds one `{field, problem}` per
 * field, in sentences a frontend can show as they are (the schemas' own), unknown fields named.
 */
type Schema = z.ZodMiniType & { def: { type: string; innerType?: Schema; shape?: Record<string, Schema> } };

const bodyRoutes = routeList.filter((r): r is RouteDefinition & { body: Schema } => r.body !== undefined);

/** The field schemas of a route's body, and whether each may be left out. */
function fieldsOf(route: RouteDefinition & { body: Schema }) {
  const shape = route.body.def.shape ?? {};
  return Object.entries(shape).map(([name, schema]) => {
    let inner = schema;
    while (inner.def.type === 'optional' || inner.def.type === 'nullable') inner = inner.def.innerType!;
    return { name, optional: schema.def.type === 'optional', type: inner.def.type };
  });
}

/** A JSON value of the wrong type for a field of this zod type. */
const wrongType = (type: string): unknown => (type === 'boolean' ? 'yes' : type === 'number' ? 'many' : 42);

/** Runs the route's wrapper (authorization left out: only the body matters here). */
async function details(route: RouteDefinition, body: string): Promise<{ field: string; problem: string }[]> {
  const run = jest.fn(async () => ({ status: 200, body: {} }));
  const handler = apiHandler({ ...route, auth: 'none' }, run);
  const result = await handler(apiEvent({ method: route.method, path: route.path, body }), lambdaContext());
  expect(result.statusCode).toBe(400);
  expect(run).not.toHaveBeenCalled();
  const error = errorBody(result);
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.details as { field: string; problem: string }[];
}

/** A sentence a person can read: capital first, full stop last, none of zod's own wording. */
const expectSentences = (entries: { field: string; problem: string }[]) => {
  for (const { problem } of entries) {
    expect(problem).toMatch(/^[A-Z].*[.]$/);
    expect(problem).not.toMatch(/expected|received|Invalid input|Too (small|big)/i);
  }
  const fields = entries.map((e) => e.field);
  expect(new Set(fields).size).toBe(fields.length); // one entry per field
};

let quiet: jest.SpyInstance[] = [];
beforeAll(() => {
  quiet = [
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true),
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
  ];
});
afterAll(() => {
  for (const spy of quiet) spy.mockRestore();
});

test('every route with a body is covered', () => {
  expect(bodyRoutes.map((r) => r.id).sort()).toEqual(
    expect.arrayContaining(['login', 'register', 'update-phone', 'put-mfa-settings', 'create-invitation']),
  );
});

describe.each(bodyRoutes.map((r) => [r.id, r] as const))('%s', (_id, route) => {
  const fields = fieldsOf(route);
  const required = fields.filter((f) => !f.optional);

  test('an empty object: one entry per required field, in that field’s own words', async () => {
    // A body whose every field may be left out is either fine empty, or says what it needs as a whole.
    if (z.safeParse(route.body, {}).success) return;
    const entries = await details(route, '{}');
    const expected = required.length > 0 ? required.map((f) => f.name) : ['(body)'];
    expect(entries.map((e) => e.field).sort()).toEqual(expected.sort());
    expectSentences(entries);
  });

  test.each(fields.map((f) => [f.name, f] as const))(
    'a wrong type for %s names that field alone',
    async (name, field) => {
      const body = Object.fromEntries(required.map((f) => [f.name, wrongType(f.type)]));
      body[name] = wrongType(field.type);
      const entries = await details(route, JSON.stringify(body));
      expect(entries.find((e) => e.field === name)).toBeDefined();
      expectSentences(entries);
    },
  );

  test('unknown fields are named, each on its own', async () => {
    const entries = await details(route, JSON.stringify({ isAdmin: true, 'custom:role': 'admin' }));
    expect(entries).toEqual(
      expect.arrayContaining([
        { field: 'isAdmin', problem: 'Unknown field: isAdmin.' },
        { field: 'custom:role', problem: 'Unknown field: custom:role.' },
      ]),
    );
    expectSentences(entries);
  });

  test.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"x"'],
  ])('%s as the body is one entry for the whole body', async (_name, body) => {
    expect(await details(route, body)).toEqual([
      { field: '(body)', problem: 'The body must be a JSON object.' },
    ]);
  });

  test('malformed JSON and an empty body say so in one entry', async () => {
    expect(await details(route, '{"a":')).toEqual([
      { field: '(body)', problem: 'The request body is not valid JSON.' },
    ]);
    expect(await details(route, ' ')).toEqual([{ field: '(body)', problem: 'A JSON body is required.' }]);
  });
});

describe('fieldProblems', () => {
  test('keeps the first problem of a field and names nested unknown fields by their path', () => {
    const schema = z.strictObject({
      a: z.string('A is missing.').check(z.minLength(3, 'A is short.'), z.regex(/^x/, 'A starts with x.')),
      b: z.strictObject({ c: z.string('C is missing.') }),
    });
    const result = z.safeParse(schema, { a: 'y', b: { c: 'ok', d: 1 }, e: 2 });
    expect(result.success).toBe(false);
    expect(fieldProblems(result.error!.issues)).toEqual([
      { field: 'a', problem: 'A is short.' },
      { field: 'b.d', problem: 'Unknown field: b.d.' },
      { field: 'e', problem: 'Unknown field: e.' },
    ]);
  });
});

describe('malformed tokens answer the contract’s own code, not a length complaint', () => {
  const register = routeList.find((r) => r.id === 'register')!;
  const updatePhone = routeList.find((r) => r.id === 'update-phone')!;
  const odd = ['x', 'x'.repeat(300), 'not/a token!', '%00'];

  test.each(odd)('registration and phone update bodies take the token %p (the service decides)', (token) => {
    const registration = { invitationToken: token, name: 'Alice', password: 'quiet river stones' };
    expect(z.safeParse(register.body!, registration).success).toBe(true);
    expect(z.safeParse(updatePhone.body!, { validationId: token }).success).toBe(true);
  });

  test("API Gateway's models, generated from the same schemas, put no bound on the tokens either", () => {
    const registration = bodyJsonSchema(register.body!) as { properties: Record<string, object> };
    expect(registration.properties.invitationToken).toEqual({ type: 'string', minLength: 1 });
    const update = bodyJsonSchema(updatePhone.body!) as { properties: Record<string, object> };
    expect(update.properties.validationId).toEqual({ type: 'string', minLength: 1 });
  });

  test.each(odd)(
    'a malformed invitation token %p is INVITATION_NOT_FOUND, without a lookup',
    async (token) => {
      const get = jest.fn();
      await expect(findUsableInvitation({ invitations: { get } } as never, token, 0)).rejects.toMatchObject({
        status: 404,
        code: 'INVITATION_NOT_FOUND',
      });
      expect(get).not.toHaveBeenCalled();
    },
  );
});
