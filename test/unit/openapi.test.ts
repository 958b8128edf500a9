import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handler } from '../../lambdas/handlers/platform/openapi';
import { routeList } from '../../lambdas/routes';
import { ERROR_CODES, ROUTE_RESPONSES, responsesFor } from '../../lambdas/routes/responses';
import { openApiDocument, routeErrors } from '../../scripts/openapi-document';
import { apiEvent, lambdaContext } from './helpers/api-gateway';
import { filesUnder } from './helpers/files';

const ROOT = join(__dirname, '..', '..');
const committed = () => JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8'));

describe('OpenAPI document', () => {
  test('the committed docs/openapi.json is what the route tables generate (else: npm run openapi)', () => {
    expect(committed()).toEqual(openApiDocument());
  });

  test.each(routeList.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s is in the committed document, with its auth, body and success answer',
    (_key, route) => {
      const operation = committed().paths[route.path]?.[route.method.toLowerCase()];
      expect(operation).toBeDefined();
      expect(operation.operationId).toBe(route.id);
      expect(operation.security).toEqual(route.auth === 'none' ? [] : [{ cognitoIdToken: [] }]);
      expect(operation.requestBody !== undefined).toBe(route.body !== undefined);
      expect(Object.keys(operation.responses)).toContain(String(responsesFor(route.id).success.status));
    },
  );

  test('every route has its answers described, and nothing else is', () => {
    expect(Object.keys(ROUTE_RESPONSES).sort()).toEqual(routeList.map((r) => r.id).sort());
  });

  test('errors: authenticated routes answer UNAUTHORIZED, admin routes FORBIDDEN, body routes VALIDATION_FAILED', () => {
    for (const route of routeList) {
      const codes = [...routeErrors(route, responsesFor(route.id)).values()].flat();
      expect(codes.includes('UNAUTHORIZED')).toBe(route.auth !== 'none');
      if (route.auth === 'admin') expect(codes).toContain('FORBIDDEN');
      if (route.body) expect(codes).toContain('VALIDATION_FAILED');
      expect(codes).toContain('INTERNAL_ERROR');
    }
    const login = committed().paths['/v1/auth/login'].post.responses;
    expect(
      login['401'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum,
    ).toEqual(['INVALID_CREDENTIALS']);
    expect(login['429'].headers['Retry-After']).toBeDefined();
  });

  test('every error code the document names is one the code can answer', () => {
    const sources = filesUnder(join(ROOT, 'lambdas'))
      .filter((file) => file.endsWith('.ts') && !file.endsWith(join('routes', 'responses.ts')))
      .map((file) => readFileSync(file, 'utf8'));
    sources.push(readFileSync(join(ROOT, 'lib/gateway-responses.ts'), 'utf8'));
    const code = sources.join('\n');
    const unknown = Object.keys(ERROR_CODES).filter((c) => !code.includes(`'${c}'`));
    expect(unknown).toEqual([]);
  });

  test('every error code the service can answer is in the document, so the web app can say it', () => {
    const found = new Set<string>();
    for (const file of [...filesUnder(join(ROOT, 'lambdas')), ...filesUnder(join(ROOT, 'lib'))]) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/ApiError\(\s*\d{3},\s*'([A-Z_]+)'/g)) found.add(m[1]!);
      for (const m of text.matchAll(/code: '([A-Z][A-Z_]+)'/g)) found.add(m[1]!);
    }
    expect(found.size).toBeGreaterThan(20);
    expect([...found].filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });

  test('the committed client types for the web app are fresh (npm run openapi --check)', () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    expect(() =>
      execFileSync(tsx, ['scripts/openapi.ts', '--check'], { cwd: ROOT, stdio: 'pipe' }),
    ).not.toThrow();
  }, 30_000);

  test('GET /v1/openapi.json serves the committed document', async () => {
    const result = await handler(apiEvent({ method: 'GET', path: '/v1/openapi.json' }), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual(committed());
    expect(result.headers?.['Content-Type']).toMatch(/^application\/json/);
  });
});
