import * as z from 'zod/mini';
import { type RouteDefinition, routeList } from '../lambdas/routes';
import {
  ERROR_CODES,
  type ErrorCode,
  type ErrorStatus,
  type RouteResponses,
  responsesFor,
} from '../lambdas/routes/responses';

/**
 * The OpenAPI 3.1 document of the API, built from the route tables (method, path, auth, request schema)
 * and `lambdas/routes/responses.ts` (success and error answers). Pure: `npm run openapi` writes it to
 * docs/openapi.json, and a test compares the committed file with a fresh build.
 */
type Json = Record<string, unknown>;

const TITLE = 'Account MFA API';
const VERSION = '1.0.0';

/** Errors a route answers because of what it is, not what it does. */
export function commonErrors(route: RouteDefinition): Partial<Record<ErrorStatus, ErrorCode[]>> {
  const errors: Partial<Record<ErrorStatus, ErrorCode[]>> = {};
  const add = (status: ErrorStatus, code: ErrorCode) => {
    errors[status] = [...(errors[status] ?? []), code];
  };
  if (route.body) {
    add(400, 'VALIDATION_FAILED');
    add(413, 'PAYLOAD_TOO_LARGE');
    add(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (route.auth !== 'none') add(401, 'UNAUTHORIZED');
  if (route.auth === 'admin' || route.path.startsWith('/v1/accounts/')) add(403, 'FORBIDDEN');
  add(429, 'THROTTLED');
  add(500, 'INTERNAL_ERROR');
  return errors;
}

/** Every code a route can answer, by status: its own plus the common ones, each code once. */
export function routeErrors(route: RouteDefinition, responses: RouteResponses): Map<number, ErrorCode[]> {
  const merged = new Map<number, ErrorCode[]>();
  for (const source of [responses.errors ?? {}, commonErrors(route)]) {
    for (const [status, codes] of Object.entries(source) as [string, readonly ErrorCode[]][]) {
      const known = merged.get(Number(status)) ?? [];
      merged.set(Number(status), [...known, ...codes.filter((c) => !known.includes(c))]);
    }
  }
  return new Map([...merged.entries()].sort(([a], [b]) => a - b));
}

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without zod's long date-time regex. */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Json;
      if (record.format === 'date-time') delete record.pattern;
      Object.values(record).forEach(walk);
    }
  };
  walk(rest);
  return rest;
}

const pascal = (id: string) =>
  id
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

/** The contract's error body (`#/components/schemas/Error`), every code allowed. */
const ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { $ref: '#/components/schemas/ErrorCode' },
        message: {
          type: 'string',
          description: 'An English sentence; show a translation of `code` instead.',
        },
        attemptsRemaining: {
          type: 'integer',
          minimum: 0,
          description: 'INVALID_CODE: tries left for this code.',
        },
        retryAfter: {
          type: 'integer',
          minimum: 0,
          description: 'Seconds to wait (as the Retry-After header).',
        },
        limit: {
          type: 'string',
          description: 'TOO_MANY_SENDS: which send limit was used up (see docs/api.md, Limits).',
        },
        reason: {
          type: 'string',
          description:
            'Which of several causes, where a code has more than one. WEAK_PASSWORD: too_short, too_long, spaces_around, common, common_padded, repeated, contains_email or policy. INVALID_PHONE_NUMBER: format, characters or not_mobile. PHONE_COUNTRY_NOT_ALLOWED: country.',
        },
        details: {
          type: 'array',
          description: 'VALIDATION_FAILED: the fields and rules that failed (never the values).',
          items: {
            type: 'object',
            required: ['field', 'problem'],
            properties: { field: { type: 'string' }, problem: { type: 'string' } },
          },
        },
      },
    },
  },
};

/** The error body narrowed to the codes one status of one route can carry. */
const errorBody = (codes: readonly ErrorCode[]): Json => ({
  allOf: [
    { $ref: '#/components/schemas/Error' },
    {
      type: 'object',
      properties: { error: { type: 'object', properties: { code: { type: 'string', enum: codes } } } },
    },
  ],
});

const RETRY_AFTER_CODES: readonly ErrorCode[] = ['MFA_LOCKED', 'RESEND_TOO_SOON', 'TOO_MANY_SENDS'];

function operation(route: RouteDefinition, schemas: Json): Json {
  const responses = responsesFor(route.id);
  const name = pascal(route.id);
  const parameters = [
    ...[...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...Object.entries(responses.query ?? {}).map(([queryName, description]) => ({
      name: queryName,
      in: 'query',
      required: false,
      description,
      schema: { type: 'string' },
    })),
  ];
  const op: Json = {
    operationId: route.id,
    summary: route.description,
    tags: [route.capability],
    security: route.auth === 'none' ? [] : [{ cognitoIdToken: [] }],
  };
  if (route.auth === 'admin') op.description = 'Admins of the account in the path only.';
  if (parameters.length) op.parameters = parameters;
  if (route.body) {
    schemas[`${name}Request`] = jsonSchema(route.body, 'input');
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Request` } } },
    };
  }
  const answers: Json = {};
  const { success } = responses;
  if (success.body) {
    schemas[`${name}Response`] = jsonSchema(success.body, 'input');
    answers[String(success.status)] = {
      description: success.description,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Response` } } },
    };
  } else {
    answers[String(success.status)] = { description: success.description };
  }
  for (const [status, codes] of routeErrors(route, responses)) {
    const answer: Json = {
      description: `${STATUS_TEXT[status] ?? 'Error'}: ${codes.join(', ')}`,
      content: { 'application/json': { schema: errorBody(codes) } },
    };
    if (codes.some((c) => RETRY_AFTER_CODES.includes(c))) {
      answer.headers = {
        'Retry-After': {
          description: 'Seconds to wait before trying again (when the code says so).',
          schema: { type: 'integer' },
        },
      };
    }
    answers[String(status)] = answer;
  }
  op.responses = answers;
  return op;
}

export function openApiDocument(routes: readonly RouteDefinition[] = routeList): Json {
  const schemas: Json = {};
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route, schemas);
  }
  schemas.Error = ERROR_SCHEMA;
  schemas.ErrorCode = {
    type: 'string',
    enum: Object.keys(ERROR_CODES),
    description: Object.entries(ERROR_CODES)
      .map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
      .join('\n'),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: TITLE,
      version: VERSION,
      description:
        'Account-level multi-factor authentication. JSON in and out; every error is ' +
        '`{"error":{"code","message",...}}` with a stable code (see the ErrorCode schema). ' +
        'Authenticated routes take `Authorization: Bearer <Cognito id token>`. ' +
        'Generated from the route tables by `npm run openapi`; do not edit by hand.',
    },
    tags: [...new Set(routes.map((r) => r.capability))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        cognitoIdToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The `idToken` of a sign-in (login or verify).',
        },
      },
    },
  };
}
