import { ApiError, errors } from '../../../lambdas/domain/errors';

/** What a client sees of an error: status, code, the English message, the extra fields and headers. */
const shape = (error: ApiError) => ({
  status: error.status,
  code: error.code,
  message: error.message,
  fields: error.fields,
  headers: error.headers,
});

describe('every error constructor answers its documented status, code, message, fields and headers', () => {
  test.each<[string, () => ApiError, ReturnType<typeof shape>]>([
    [
      'validation without details',
      () => errors.validation('Enter an email address.'),
      { status: 400, code: 'VALIDATION_FAILED', message: 'Enter an email address.', fields: {}, headers: {} },
    ],
    [
      'validation with details',
      () => errors.validation('The request body is not valid.', [{ field: 'email', problem: 'Enter one.' }]),
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request body is not valid.',
        fields: { details: [{ field: 'email', problem: 'Enter one.' }] },
        headers: {},
      },
    ],
    [
      'malformedJson',
      () => errors.malformedJson(),
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request body is not valid JSON.',
        fields: {},
        headers: {},
      },
    ],
    [
      'payloadTooLarge',
      () => errors.payloadTooLarge(65_536),
      {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than 65536 bytes.',
        fields: {},
        headers: {},
      },
    ],
    [
      'unsupportedMediaType',
      () => errors.unsupportedMediaType(),
      {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'The request body must be JSON (Content-Type: application/json).',
        fields: {},
        headers: {},
      },
    ],
    [
      'notFound',
      () => errors.notFound(),
      { status: 404, code: 'NOT_FOUND', message: 'No such route.', fields: {}, headers: {} },
    ],
    [
      'methodNotAllowed',
      () => errors.methodNotAllowed(['GET', 'PUT']),
      {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: 'This route accepts GET, PUT.',
        fields: {},
        headers: { Allow: 'GET, PUT' },
      },
    ],
    [
      'unauthorized',
      () => errors.unauthorized(),
      {
        status: 401,
        code: 'UNAUTHORIZED',
        message: 'A valid bearer token is required.',
        fields: {},
        headers: {},
      },
    ],
    [
      'forbidden',
      () => errors.forbidden(),
      { status: 403, code: 'FORBIDDEN', message: 'You are not allowed to do this.', fields: {}, headers: {} },
    ],
    [
      'invalidCredentials',
      () => errors.invalidCredentials(),
      {
        status: 401,
        code: 'INVALID_CREDENTIALS',
        message: 'The email or password is incorrect.',
        fields: {},
        headers: {},
      },
    ],
    [
      'sessionExpired',
      () => errors.sessionExpired(),
      {
        status: 401,
        code: 'SESSION_EXPIRED',
        message: 'This sign-in session has expired or was already used. Sign in again.',
        fields: {},
        headers: {},
      },
    ],
    [
      'invalidCode',
      () => errors.invalidCode(3),
      {
        status: 401,
        code: 'INVALID_CODE',
        message: 'The code is incorrect.',
        fields: { attemptsRemaining: 3 },
        headers: {},
      },
    ],
    [
      'tooManyAttempts',
      () => errors.tooManyAttempts(),
      {
        status: 429,
        code: 'TOO_MANY_ATTEMPTS',
        message: 'Too many incorrect codes for this sign-in. Sign in again.',
        fields: {},
        headers: {},
      },
    ],
    [
      'mfaLocked',
      () => errors.mfaLocked(900),
      {
        status: 429,
        code: 'MFA_LOCKED',
        message: 'Too many incorrect codes. Verification is locked for a while; try again later.',
        fields: { retryAfter: 900 },
        headers: { 'Retry-After': '900' },
      },
    ],
    [
      'resendTooSoon',
      () => errors.resendTooSoon(17),
      {
        status: 429,
        code: 'RESEND_TOO_SOON',
        message: 'A new code can be sent in 17 seconds.',
        fields: { retryAfter: 17 },
        headers: { 'Retry-After': '17' },
      },
    ],
    [
      'tooManySends',
      () => errors.tooManySends('sign-in-sends', 1200),
      {
        status: 429,
        code: 'TOO_MANY_SENDS',
        message: 'Too many codes were sent. Try again in 1200 seconds.',
        fields: { limit: 'sign-in-sends', retryAfter: 1200 },
        headers: { 'Retry-After': '1200' },
      },
    ],
    [
      'sendsExhausted at sign-in',
      () => errors.sendsExhausted('sign in again'),
      {
        status: 429,
        code: 'TOO_MANY_SENDS',
        message: 'No more codes can be sent for this sign-in. Please sign in again.',
        fields: { limit: 'sends-per-challenge' },
        headers: {},
      },
    ],
    [
      'sendsExhausted in a phone validation',
      () => errors.sendsExhausted('start again'),
      {
        status: 429,
        code: 'TOO_MANY_SENDS',
        message: 'No more codes can be sent for this validation. Please start again.',
        fields: { limit: 'sends-per-challenge' },
        headers: {},
      },
    ],
    [
      'codeExpired',
      () => errors.codeExpired(),
      {
        status: 401,
        code: 'CODE_EXPIRED',
        message: 'This code has expired. Ask for a new code.',
        fields: {},
        headers: {},
      },
    ],
    [
      'methodNotAvailable',
      () => errors.methodNotAvailable('totp'),
      {
        status: 409,
        code: 'METHOD_NOT_AVAILABLE',
        message: 'This sign-in cannot be completed with totp.',
        fields: {},
        headers: {},
      },
    ],
    [
      'channelNotAvailable',
      () => errors.channelNotAvailable('sms'),
      {
        status: 409,
        code: 'CHANNEL_NOT_AVAILABLE',
        message: 'Codes for this sign-in cannot be sent by sms.',
        fields: {},
        headers: {},
      },
    ],
    [
      'deliveryFailed',
      () => errors.deliveryFailed(),
      {
        status: 502,
        code: 'DELIVERY_FAILED',
        message: 'The code could not be delivered. Try again in a moment.',
        fields: {},
        headers: {},
      },
    ],
    [
      'badFreeText',
      () => errors.badFreeText('name', 'Use at most 100 characters.'),
      {
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request body is not valid.',
        fields: { details: [{ field: 'name', problem: 'Use at most 100 characters.' }] },
        headers: {},
      },
    ],
    [
      'internal',
      () => errors.internal(),
      {
        status: 500,
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong on our side.',
        fields: {},
        headers: {},
      },
    ],
  ])('%s', (_name, make, expected) => {
    // Built inside the test, not while the table is read, so that what runs is the code under test now.
    const error = make();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiError');
    expect(shape(error)).toStrictEqual(expected);
  });

  test('every constructor of `errors` is in the table above', () => {
    expect(Object.keys(errors).sort()).toEqual(
      [
        'validation',
        'malformedJson',
        'payloadTooLarge',
        'unsupportedMediaType',
        'notFound',
        'methodNotAllowed',
        'unauthorized',
        'forbidden',
        'invalidCredentials',
        'sessionExpired',
        'invalidCode',
        'tooManyAttempts',
        'mfaLocked',
        'resendTooSoon',
        'tooManySends',
        'sendsExhausted',
        'codeExpired',
        'methodNotAvailable',
        'channelNotAvailable',
        'deliveryFailed',
        'badFreeText',
        'internal',
      ].sort(),
    );
  });

  test('Retry-After is the same whole number of seconds as retryAfter', () => {
    for (const error of [errors.mfaLocked(61), errors.resendTooSoon(61), errors.tooManySends('x', 61)]) {
      expect(error.headers['Retry-After']).toBe(String(error.fields.retryAfter));
    }
  });

  test('a new ApiError has no fields and no headers unless given', () => {
    const plain = new ApiError(409, 'USER_EXISTS', 'A user with this email already exists.');
    expect(shape(plain)).toEqual({
      status: 409,
      code: 'USER_EXISTS',
      message: 'A user with this email already exists.',
      fields: {},
      headers: {},
    });
  });
});
