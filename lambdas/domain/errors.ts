/**
 * The one error type of the service: an HTTP status and a stable, documented code.
 * The error middleware renders it as `{"error":{"code","message",...details}}`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra fields the contract puts inside `"error"` (attemptsRemaining, retryAfter, details). */
  readonly fields: Record<string, unknown>;
  /** Response headers the contract requires with this error (Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }
}

export const errors = {
  validation: (message: string, details?: unknown) =>
    new ApiError(400, 'VALIDATION_FAILED', message, details === undefined ? {} : { details }),
  malformedJson: () => new ApiError(400, 'VALIDATION_FAILED', 'The request body is not valid JSON.'),
  payloadTooLarge: (limit: number) =>
    new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`),
  unsupportedMediaType: () =>
    new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'The request body must be JSON (Content-Type: application/json).',
    ),
  notFound: () => new ApiError(404, 'NOT_FOUND', 'No such route.'),
  methodNotAllowed: (allowed: string[]) =>
    new ApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `This route accepts ${allowed.join(', ')}.`,
      {},
      { Allow: allowed.join(', ') },
    ),
  unauthorized: () => new ApiError(401, 'UNAUTHORIZED', 'A valid bearer token is required.'),
  forbidden: () => new ApiError(403, 'FORBIDDEN', 'You are not allowed to do this.'),
  invalidCredentials: () => new ApiError(401, 'INVALID_CREDENTIALS', 'The email or password is incorrect.'),
  sessionExpired: () =>
    new ApiError(
      401,
      'SESSION_EXPIRED',
      'This sign-in session has expired or was already used. Sign in again.',
    ),
  invalidCode: (attemptsRemaining: number) =>
    new ApiError(401, 'INVALID_CODE', 'The code is incorrect.', { attemptsRemaining }),
  tooManyAttempts: () =>
    new ApiError(429, 'TOO_MANY_ATTEMPTS', 'Too many incorrect codes for this sign-in. Sign in again.'),
  mfaLocked: (retryAfter: number) =>
    new ApiError(
      429,
      'MFA_LOCKED',
      'Too many incorrect codes. Verification is locked for a while; try again later.',
      { retryAfter },
      { 'Retry-After': String(retryAfter) },
    ),
  resendTooSoon: (retryAfter: number) =>
    new ApiError(
      429,
      'RESEND_TOO_SOON',
      `A new code can be sent in ${retryAfter} seconds.`,
      { retryAfter },
      { 'Retry-After': String(retryAfter) },
    ),
  tooManySends: (retryAfter?: number) =>
    new ApiError(
      429,
      'TOO_MANY_SENDS',
      'Too many codes were sent. Try again later.',
      retryAfter === undefined ? {} : { retryAfter },
      retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    ),
  deliveryFailed: () =>
    new ApiError(502, 'DELIVERY_FAILED', 'The code could not be delivered. Try again in a moment.'),
  internal: () => new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'),
};
