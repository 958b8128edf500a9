import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { config } from '../config';
import { ApiError, errors } from '../domain/errors';
import { corsHeaders, requestOrigin } from './cors';
import { logger } from './logger';

type Middleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

/** Sent with every response, success or error (ASVS 3.4, 14.3; codes and tokens must never be cached). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Referrer-Policy': 'no-referrer',
};

export function securityHeaders(): Middleware {
  const apply = (request: { event: APIGatewayProxyEvent; response: APIGatewayProxyResult | null }) => {
    if (!request.response) return;
    const origin = requestOrigin(request.event?.headers);
    // The allowlist is read only for browser requests, which carry an Origin header.
    const cors = origin ? corsHeaders(origin, config().CORS_ALLOWED_ORIGINS) : {};
    request.response.headers = { ...request.response.headers, ...SECURITY_HEADERS, ...cors };
  };
  return { after: apply, onError: apply };
}

/** Renders an ApiError as `{"error":{...}}`; anything else becomes a plain 500 with no internals. */
export function toErrorResponse(error: unknown): APIGatewayProxyResult {
  const apiError = error instanceof ApiError ? error : errors.internal();
  return {
    statusCode: apiError.status,
    headers: { ...apiError.headers },
    body: JSON.stringify({ error: { code: apiError.code, message: apiError.message, ...apiError.fields } }),
  };
}

export function errorResponder(): Middleware {
  return {
    onError: (request) => {
      const error = request.error;
      if (error instanceof ApiError) {
        if (error.status >= 500) logger.error('request failed', { code: error.code });
      } else {
        // Name and message only: SDK errors carry no secrets, but request bodies are never logged.
        logger.error('unexpected error', { errorName: error?.name, errorMessage: error?.message });
      }
      request.response = toErrorResponse(error);
    },
  };
}
