import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { SECURITY_HEADERS } from '../lambdas/http/middleware';

interface GatewayError {
  readonly type: ResponseType;
  /** Undefined keeps the status API Gateway chose. */
  readonly status?: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Answers API Gateway gives by itself (before or instead of a Lambda), in the contract's error shape.
 * Messages are fixed texts: nothing from the request (such as validation details, which echo input) is
 * reflected.
 */
export const GATEWAY_ERRORS: readonly GatewayError[] = [
  {
    type: ResponseType.UNAUTHORIZED,
    status: '401',
    code: 'UNAUTHORIZED',
    message: 'Authentication required',
  },
  { type: ResponseType.ACCESS_DENIED, status: '403', code: 'FORBIDDEN', message: 'Access denied' },
  // API Gateway's answer for an unknown path or method.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: '404', code: 'NOT_FOUND', message: 'Not found' },
  { type: ResponseType.RESOURCE_NOT_FOUND, status: '404', code: 'NOT_FOUND', message: 'Not found' },
  {
    type: ResponseType.BAD_REQUEST_BODY,
    status: '400',
    code: 'VALIDATION_FAILED',
    message: 'The request body is invalid',
  },
  {
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    status: '400',
    code: 'VALIDATION_FAILED',
    message: 'The request parameters are invalid',
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: '413',
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request is too large',
  },
  { type: ResponseType.THROTTLED, status: '429', code: 'THROTTLED', message: 'Too many requests' },
  { type: ResponseType.DEFAULT_4XX, code: 'BAD_REQUEST', message: 'The request could not be processed' },
  { type: ResponseType.DEFAULT_5XX, code: 'INTERNAL_ERROR', message: 'Internal error' },
];

/** The Lambdas' security headers, as gateway response header values (quoted literals). */
export function gatewayHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (name.toLowerCase() === 'content-type') continue; // set by the template's media type
    if (value.includes("'")) throw new Error(`Header ${name} cannot be a gateway response literal`);
    headers[name] = `'${value}'`;
  }
  return headers;
}

/**
 * `corsOrigin`: the one allowed browser origin, added as `Access-Control-Allow-Origin` (with `Vary: Origin`)
 * so a browser can read API Gateway's own errors. A gateway response cannot check the request's Origin
 * against a list, so with several allowed origins none is added (see `corsAllowedOrigins`).
 */
export function addGatewayResponses(api: RestApi, corsOrigin?: string): void {
  const responseHeaders = gatewayHeaders();
  if (corsOrigin !== undefined) {
    if (corsOrigin.includes("'"))
      throw new Error(`CORS origin ${corsOrigin} cannot be a gateway response literal`);
    responseHeaders['Access-Control-Allow-Origin'] = `'${corsOrigin}'`;
    responseHeaders.Vary = "'Origin'";
  }
  for (const { type, status, code, message } of GATEWAY_ERRORS) {
    api.addGatewayResponse(`Gw${type.responseType}`, {
      type,
      statusCode: status,
      responseHeaders,
      templates: { 'application/json': JSON.stringify({ error: { code, message } }) },
    });
  }
}
