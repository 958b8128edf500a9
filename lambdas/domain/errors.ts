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
  /** A quota (docs/api.md, Limits) is used up: waiting helps, and `retryAfter` says how long. */
  tooManySends: (limit: string, retryAfter: number) =>
    new ApiError(
      429,
      'TOO_MANY_SENDS',
      `Too many codes were sent. Try again in ${retryAfter} seconds.`,
      { limit, retryAfter },
      { 'Retry-After': String(retryAfter) },
    ),
  /** This sign-in (or validation) has had all the sends it may have: waiting does not help. */
  sendsExhausted: (again: 'sign in again' | 'start again') =>
    new ApiError(
      429,
      'TOO_MANY_SENDS',
      `No more codes can be sent for this ${again === 'sign in again' ? 'sign-in' : 'validation'}. Please ${again}.`,
      { limit: 'sends-per-challenge' },
    ),
  /** The code's lifetime is over, or a resend replaced it, while the session lives: "Resend code" gets a new one. */
  codeExpired: () => new ApiError(401, 'CODE_EXPIRED', 'This code has expired. Ask for a new code.'),
  /** `verify` named a method this user does not have (or that does not match the code that was sent). */
  methodNotAvailable: (method: string) =>
    new ApiError(409, 'METHOD_NOT_AVAILABLE', `This sign-in cannot be completed with ${method}.`),
  /** `resend` asked for a channel this sign-in cannot use. */
  channelNotAvailable: (channel: string) =>
    new ApiError(409, 'CHANNEL_NOT_AVAILABLE', `Codes for this sign-in cannot be sent by ${channel}.`),
  deliveryFailed: () =>
    new ApiError(502, 'DELIVERY_FAILED', 'The code could not be delivered. Try again in a moment.'),
  /** A name or other free text that breaks the rule of `free-text.ts`. */
  badFreeText: (field: string, problem: string) =>
    new ApiError(400, 'VALIDATION_FAILED', 'The request body is not valid.', {
      details: [{ field, problem }],
    }),
  internal: () => new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side.'),
};
