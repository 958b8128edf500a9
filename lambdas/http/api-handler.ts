import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { errors } from '../domain/errors';
import { MAX_BODY_BYTES, type RouteDefinition } from '../routes/types';
import { type Caller, callerFromEvent } from './caller';
import { logger } from './logger';
import { errorResponder, securityHeaders } from './middleware';
import { withRequestOrigin } from './request-context';
import { fieldProblems, plainIssueMessage, WHOLE_BODY } from './validation-details';

export interface ApiRequest<B> {
  readonly body: B;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly queryParameters: Readonly<Record<string, string>>;
  readonly caller: Caller | undefined;
  readonly sourceIp: string;
  readonly userAgent: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

function parseBody(route: RouteDefinition, event: APIGatewayProxyEvent): unknown {
  const schema = route.body;
  if (!schema) return undefined;
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw errors.payloadTooLarge(MAX_BODY_BYTES);
  const contentType = Object.entries(event.headers ?? {}).find(
    ([k]) => k.toLowerCase() === 'content-type',
  )?.[1];
  if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) throw errors.unsupportedMediaType();
  const wholeBody = (problem: string) => errors.validation(problem, [{ field: WHOLE_BODY, problem }]);
  if (text.trim() === '') throw wholeBody('A JSON body is required.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw wholeBody('The request body is not valid JSON.');
  }
  const result = z.safeParse(schema, json, { error: plainIssueMessage });
  if (!result.success) {
    // One entry per field, in the schemas' own sentences; never the values (a password, a code).
    throw errors.validation('The request body is not valid.', fieldProblems(result.error.issues));
  }
  return result.data;
}

/**
 * Wraps a route's logic in the middy stack every handler shares: structured logging with the request id,
 * body parsing and validation against the route's schema, the caller from the authorizer's claims,
 * the contract's error shape and the security headers.
 */
export function apiHandler<B = undefined>(
  route: RouteDefinition,
  run: (request: ApiRequest<B>) => Promise<ApiResponse>,
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use(securityHeaders())
    .use(errorResponder())
    .handler(async (event) => {
      logger.appendKeys({ route: route.id });
      const caller = callerFromEvent(event);
      if (route.auth !== 'none' && !caller) throw errors.unauthorized();
      if (route.auth === 'admin' && caller?.role !== 'admin') throw errors.forbidden();
      const body = parseBody(route, event) as B;
      const origin = {
        sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
        userAgent: (event.requestContext?.identity?.userAgent ?? '').slice(0, 256),
      };
      const response = await withRequestOrigin(origin, () =>
        run({
          body,
          pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
          queryParameters: (event.queryStringParameters ?? {}) as Record<string, string>,
          caller,
          ...origin,
        }),
      );
      return {
        statusCode: response.status,
        headers: response.headers ?? {},
        body: JSON.stringify(response.body),
      };
    });
}
