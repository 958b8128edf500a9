import * as z from 'zod/mini';
import type { RouteIdString } from './index';

/**
 * What every route answers: its success status and body, and the error codes it can answer by itself.
 * The OpenAPI document (`npm run openapi` → docs/openapi.json) and the web app's typed client are
 * generated from this table and the route tables. Keyed by route id: a route without an entry here fails
 * to compile. Errors every route of a kind can answer (bad body, missing token, throttling...) are added
 * by the generator (`COMMON_ERRORS`), so an entry lists only its own.
 */

const text = (description: string) => z.string().register(z.globalRegistry, { description });
const seconds = (description: string) =>
  z.int().check(z.minimum(0)).register(z.globalRegistry, { description });
const timestamp = (description: string) => z.iso.datetime().register(z.globalRegistry, { description });

/** Every error code of the API, with what it means. Route entries and the web app's messages use these. */
export const ERROR_CODES = {
  VALIDATION_FAILED:
    'The body (or a parameter) is not valid; `details` names the fields and the rule, never the values.',
  PAYLOAD_TOO_LARGE: 'The body is larger than 64 KB.',
  UNSUPPORTED_MEDIA_TYPE: 'The body is not JSON.',
  NOT_FOUND: 'No route has this path (any path outside the table).',
  METHOD_NOT_ALLOWED: 'The route does not take this method; `Allow` names the ones it takes.',
  BAD_REQUEST: 'API Gateway could not process the request (its catch-all for other 4xx answers).',
  UNAUTHORIZED: 'No valid bearer token (a Cognito id token) came with the request.',
  FORBIDDEN: 'The caller may not do this (not an admin, or an admin of another account).',
  THROTTLED: "Too many requests (API Gateway's stage throttling or the WAF rate rule).",
  INTERNAL_ERROR: 'Something went wrong on the server; nothing about it is in the answer.',
  INVALID_CREDENTIALS: 'The email or password is incorrect (an unknown email gets the same answer).',
  SESSION_EXPIRED: 'The sign-in session is unknown, expired or already used: sign in again.',
  INVALID_CODE: 'The code is incorrect; `attemptsRemaining` says how many tries this code has left.',
  CODE_EXPIRED:
    'The code expired (or a resend replaced it) while the session lives: "Resend code" gets a new one.',
  TOO_MANY_ATTEMPTS: 'Too many incorrect codes for this session or validation: start again.',
  MFA_LOCKED:
    "Too many consecutive incorrect codes: the user's codes are locked for `retryAfter` seconds (also `Retry-After`).",
  RESEND_TOO_SOON:
    'The resend cooldown runs: a new code can be sent in `retryAfter` seconds (also `Retry-After`).',
  TOO_MANY_SENDS:
    'A send limit is used up: `limit` names it; with `retryAfter` (also `Retry-After`) waiting helps, without it this session or validation has no sends left.',
  CHANNEL_NOT_AVAILABLE: 'The sign-in cannot send codes by the channel asked for.',
  METHOD_NOT_AVAILABLE:
    'The sign-in cannot be completed with the method given (no authenticator app, no recovery codes left, or not the code that was sent).',
  DELIVERY_FAILED: 'The SMS or email could not be handed to SNS or SES; no usable code was left behind.',
  INVITATION_NOT_FOUND: 'No invitation has this token.',
  INVITATION_EXPIRED: 'The invitation has expired; the admin can send a new one.',
  INVITATION_USED: 'The invitation was already used; sign in instead.',
  INVITATION_REVOKED: 'An admin withdrew this invitation (or sent a newer one); ask for a new one.',
  REFRESH_TOKEN_INVALID:
    'The refresh token is unknown, expired or revoked, or its user is disabled: the session is over, sign in.',
  USER_NOT_FOUND: 'No user of this account has this id.',
  LAST_ADMIN: 'The change would leave the account without an active admin.',
  ENROLLMENT_NOT_FOUND:
    'The authenticator app setup does not exist, is not yours, has expired or was already finished: start again.',
  NOT_ENROLLED: 'The user has no authenticator app.',
  METHOD_NOT_ENROLLED:
    'The user cannot sign in with this method yet (no app, no phone, or email is not open to them).',
  DEVICE_NOT_FOUND: 'No remembered device of the user has this id.',
  USER_EXISTS: 'A user with this email already exists.',
  INVALID_PHONE_NUMBER: 'The phone number is not a valid mobile number in international form.',
  PHONE_COUNTRY_NOT_ALLOWED:
    'Codes cannot be sent by SMS to numbers of this country (MFA_SMS_ALLOWED_COUNTRIES).',
  WEAK_PASSWORD:
    'The password does not meet the policy (12 to 256 characters, not a common password, not the email); `reason` says which rule refused it.',
  PHONE_UNCHANGED: 'This number is already the MFA phone number.',
  REAUTHENTICATION_REQUIRED: 'The sign-in is older than MFA_REAUTH_MAX_AGE_SECONDS: sign in again first.',
  VALIDATION_NOT_FOUND: 'The phone validation does not exist, is not yours, or has expired.',
  VALIDATION_NOT_VERIFIED: 'The code of this phone validation was not verified yet.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const errorCodes = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export type SuccessStatus = 200 | 201 | 202 | 204;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 500 | 502;

export interface RouteResponses {
  readonly success: {
    readonly status: SuccessStatus;
    readonly description: string;
    /** Absent for 204. */
    readonly body?: z.ZodMiniType;
  };
  /** Codes this route answers by itself, by status (see COMMON_ERRORS for the rest). */
  readonly errors?: Partial<Record<ErrorStatus, readonly ErrorCode[]>>;
  /** Query parameters, by name, with what they mean (all optional). */
  readonly query?: Readonly<Record<string, string>>;
}

// ---- Bodies shared by several routes ----

const channel = z
  .enum(['sms', 'email'])
  .register(z.globalRegistry, { description: 'Where the code went: SMS to the MFA phone, or email.' });

export const tokens = z.object({
  idToken: text('Cognito id token: send it as `Authorization: Bearer <idToken>`.'),
  accessToken: text('Cognito access token.'),
  refreshToken: text('Cognito refresh token.'),
  expiresIn: seconds('Seconds until the id and access tokens expire.'),
  tokenType: z.literal('Bearer'),
});

const authenticated = z.object({ status: z.literal('AUTHENTICATED'), tokens });

const fallbackFrom = z.optional(
  z.literal('sms').register(z.globalRegistry, {
    description: 'When present: SNS refused the SMS, so the code went by email instead.',
  }),
);

const mfaRequired = z.object({
  status: z.literal('MFA_REQUIRED'),
  session: text('Opaque sign-in session for verify and resend; any length (treat it as a string).'),
  channel: z.enum(['sms', 'email', 'totp']).register(z.globalRegistry, {
    description:
      'The method this sign-in starts with: a code sent by SMS or email, or the authenticator app (nothing is sent).',
  }),
  destination: z.optional(text('The masked phone number or email address the code went to (none for totp).')),
  expiresIn: seconds('Seconds until the code expires.'),
  sessionExpiresIn: seconds('Seconds until this sign-in session ends (resends never extend it).'),
  resendAvailableIn: seconds('Seconds until "Resend code" may be used.'),
  methods: z.array(z.enum(['sms', 'email', 'totp', 'recovery_code'])).register(z.globalRegistry, {
    description:
      'Every method this user may answer with (verify `method`; sms and email also as resend `channel`).',
  }),
  fallbackFrom,
  rememberDeviceDays: z.optional(
    z.int().register(z.globalRegistry, {
      description:
        'Present when the account allows "Remember this device": verify with `rememberDevice:true` skips the code on this browser for that many days.',
    }),
  ),
});

const codeSent = z.object({
  channel,
  destination: text('The masked phone number or email address the new code went to.'),
  expiresIn: seconds('Seconds until the new code expires.'),
  sessionExpiresIn: seconds('Seconds until the session (or validation) ends; resends never extend it.'),
  resendAvailableIn: seconds('Seconds until the next resend may be used.'),
  fallbackFrom,
});

const mfaSettings = z.object({
  enabled: z.boolean().register(z.globalRegistry, { description: 'MFA is required for every user.' }),
  rememberDeviceDays: z.int().check(z.minimum(0), z.maximum(90)).register(z.globalRegistry, {
    description: 'How long a browser may skip the code after "Remember this device"; 0 = never.',
  }),
  updatedAt: timestamp('When the setting last changed.'),
  updatedBy: text('Who changed it last (an email address, or `operator`).'),
});

const mfaChannel = z.enum(['sms', 'email', 'none']).register(z.globalRegistry, {
  description: 'Where sign-in codes go; `none` when MFA is off for the user.',
});

const locale = z.enum(['en', 'es', 'it']);
const mfaMethod = z.enum(['sms', 'email', 'totp', 'recovery_code']);

const mfaView = z.object({
  required: z.boolean().register(z.globalRegistry, {
    description: 'The user needs a second factor at sign-in (account MFA on, or invited while it was on).',
  }),
  methods: z.array(mfaMethod).register(z.globalRegistry, { description: 'What the next sign-in offers.' }),
  preferred: z.enum(['sms', 'email', 'totp']).register(z.globalRegistry, {
    description: 'What the next sign-in starts with.',
  }),
  phoneNumber: z.nullable(
    text('The MFA phone number (masked in admin views, in full in `/v1/me`), or null.'),
  ),
  phoneVerified: z.boolean(),
  recoveryCodesRemaining: z.int().check(z.minimum(0)),
  rememberedDevices: z.int().check(z.minimum(0)),
  locked: z.boolean().register(z.globalRegistry, { description: 'Too many wrong codes: codes are refused.' }),
  lockedUntil: z.nullable(timestamp('When the lock ends, or null.')),
});

const user = z.object({
  userId: text('The user id (Cognito `sub`).'),
  email: z.string(),
  name: z.string(),
  role: z.enum(['member', 'admin']),
  status: z.enum(['active', 'disabled']),
  locale: z.string(),
  createdAt: z.nullable(timestamp('When the user registered.')),
  mfa: mfaView,
});

const invitation = z.object({
  invitationId: z.string(),
  email: z.string(),
  role: z.enum(['member', 'admin']),
  status: z.enum(['pending', 'used', 'expired', 'revoked']),
  mfaRequired: z.boolean(),
  createdAt: timestamp('When it was sent.'),
  expiresAt: timestamp('When the link stops working.'),
  invitedBy: text('The email address of the admin who sent it.'),
});

const recoveryCodes = z.array(z.string()).register(z.globalRegistry, {
  description:
    'Ten recovery codes (`ABCD-EFGH-JKMNP`), each good for one sign-in. Shown this once: only their hashes are kept.',
});

const myFactors = z.object({
  required: mfaView.shape.required,
  methods: mfaView.shape.methods,
  preferred: mfaView.shape.preferred,
  phoneNumber: z.nullable(text('The MFA phone number in E.164, or null.')),
  recoveryCodesRemaining: z.int().check(z.minimum(0)),
  rememberedDevices: z.array(
    z.object({
      deviceId: z.string(),
      label: text('Browser and system, like "Chrome on macOS", from the user agent of the sign-in.'),
      createdAt: timestamp('When it was remembered.'),
      lastUsedAt: timestamp('When it last skipped the code.'),
      expiresAt: timestamp('When it stops skipping the code.'),
    }),
  ),
});

const nextCursor = z.nullable(text('Pass as `?cursor=` for the next page; null on the last page.'));

const openapiDocument = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
  .register(z.globalRegistry, { description: 'An OpenAPI 3.1 document.' });

// ---- The table ----

const signInErrors = { 429: ['MFA_LOCKED', 'TOO_MANY_SENDS'], 502: ['DELIVERY_FAILED'] } as const;
const resendErrors = {
  429: ['RESEND_TOO_SOON', 'TOO_MANY_SENDS', 'TOO_MANY_ATTEMPTS', 'MFA_LOCKED'],
  502: ['DELIVERY_FAILED'],
} as const;

export const ROUTE_RESPONSES: Readonly<Record<RouteIdString, RouteResponses>> = {
  health: {
    success: {
      status: 200,
      description: 'The service answers.',
      body: z.object({ status: z.literal('ok') }),
    },
  },
  openapi: { success: { status: 200, description: 'This document.', body: openapiDocument } },
  login: {
    success: {
      status: 200,
      description:
        'A code is on its way (`MFA_REQUIRED`, no token yet), or no code is needed (`AUTHENTICATED`, with the tokens).',
      body: z.discriminatedUnion('status', [mfaRequired, authenticated]),
    },
    errors: { 401: ['INVALID_CREDENTIALS'], ...signInErrors },
  },
  'verify-mfa': {
    success: {
      status: 200,
      description: 'The code was right: the tokens (and a device token when asked to remember the device).',
      body: z.object({
        status: z.literal('AUTHENTICATED'),
        tokens,
        deviceToken: z.optional(text('Send it as `deviceToken` at login to skip the code on this device.')),
      }),
    },
    errors: {
      401: ['INVALID_CODE', 'CODE_EXPIRED', 'SESSION_EXPIRED'],
      409: ['METHOD_NOT_AVAILABLE'],
      429: ['TOO_MANY_ATTEMPTS', 'MFA_LOCKED'],
    },
  },
  'resend-mfa': {
    success: {
      status: 200,
      description: 'A new code was sent; every earlier code of the session stopped working.',
      body: codeSent,
    },
    errors: { 401: ['SESSION_EXPIRED'], 409: ['CHANNEL_NOT_AVAILABLE'], ...resendErrors },
  },
  me: {
    success: {
      status: 200,
      description: "The caller's profile.",
      body: z.object({
        userId: text('The user id (Cognito `sub`).'),
        email: z.string(),
        name: z.string(),
        accountId: z.nullable(z.string()),
        role: z.enum(['member', 'admin']),
        locale,
        mfaChannel,
        phoneNumber: z.nullable(text('The MFA phone number in E.164, or null.')),
        mfa: mfaView,
      }),
    },
  },
  'get-mfa-settings': {
    success: { status: 200, description: "The account's MFA setting.", body: mfaSettings },
  },
  'put-mfa-settings': {
    success: { status: 200, description: 'The setting after the change.', body: mfaSettings },
  },
  'create-invitation': {
    success: {
      status: 201,
      description: 'The invitation; an email with the registration link went to the address.',
      body: z.object({
        invitationId: z.string(),
        email: z.string(),
        mfaRequired: z.boolean(),
        expiresAt: timestamp('When the link stops working.'),
      }),
    },
    errors: { 409: ['USER_EXISTS'], 429: ['TOO_MANY_SENDS'], 502: ['DELIVERY_FAILED'] },
  },
  'get-invitation': {
    success: {
      status: 200,
      description: 'What the registration page shows.',
      body: z.object({
        email: z.string(),
        accountName: z.string(),
        mfaRequired: z.boolean(),
        expiresAt: timestamp('When the link stops working.'),
      }),
    },
    errors: {
      404: ['INVITATION_NOT_FOUND'],
      410: ['INVITATION_EXPIRED', 'INVITATION_USED', 'INVITATION_REVOKED'],
    },
  },
  register: {
    success: {
      status: 201,
      description: 'The account was created; the user signs in next.',
      body: z.object({ userId: z.string(), email: z.string(), mfaChannel }),
    },
    errors: {
      400: ['INVALID_PHONE_NUMBER', 'PHONE_COUNTRY_NOT_ALLOWED', 'WEAK_PASSWORD'],
      404: ['INVITATION_NOT_FOUND'],
      409: ['USER_EXISTS'],
      410: ['INVITATION_EXPIRED', 'INVITATION_USED', 'INVITATION_REVOKED'],
    },
  },
  'start-phone-validation': {
    success: {
      status: 202,
      description: 'A code went by SMS to the new number.',
      body: z.object({
        validationId: text('Opaque id of this validation, for resend, verify and update.'),
        destination: text('The masked new number.'),
        expiresIn: seconds('Seconds until the code expires.'),
        sessionExpiresIn: seconds('Seconds until this validation ends; resends never extend it.'),
        resendAvailableIn: seconds('Seconds until "Resend code" may be used.'),
      }),
    },
    errors: {
      400: ['INVALID_PHONE_NUMBER', 'PHONE_COUNTRY_NOT_ALLOWED'],
      401: ['REAUTHENTICATION_REQUIRED'],
      409: ['PHONE_UNCHANGED'],
      ...signInErrors,
    },
  },
  'resend-phone-validation': {
    success: { status: 200, description: 'A new code went to the new number.', body: codeSent },
    errors: { 404: ['VALIDATION_NOT_FOUND'], ...resendErrors },
  },
  'verify-phone-validation': {
    success: {
      status: 200,
      description: 'The new number is proven; Update saves it.',
      body: z.object({
        validated: z.literal(true),
        phoneNumber: text('The validated number in E.164.'),
        message: text('"Your phone number has been validated", in the user\'s language.'),
      }),
    },
    errors: {
      401: ['INVALID_CODE', 'CODE_EXPIRED'],
      404: ['VALIDATION_NOT_FOUND'],
      429: ['TOO_MANY_ATTEMPTS', 'MFA_LOCKED'],
    },
  },
  'update-phone': {
    success: {
      status: 200,
      description: 'The MFA phone changed; an email (and an SMS to the old number) tell the user.',
      body: z.object({ phoneNumber: z.string(), mfaChannel: z.literal('sms') }),
    },
    errors: {
      401: ['REAUTHENTICATION_REQUIRED'],
      404: ['VALIDATION_NOT_FOUND'],
      409: ['VALIDATION_NOT_VERIFIED'],
    },
  },
  'list-audit-events': {
    success: {
      status: 200,
      description: "A page of the account's audit trail, newest first.",
      body: z.object({
        events: z.array(
          z.object({
            type: text('What happened, like `mfa.setting.changed` or `invitation.sent`.'),
            actor: text('Who did it: an email address, `system` or `operator`.'),
            at: timestamp('When it happened.'),
            sourceIp: z.string(),
            details: z.record(z.string(), z.unknown()),
          }),
        ),
        nextCursor,
      }),
    },
    errors: { 400: ['VALIDATION_FAILED'] },
    query: { cursor: 'The `nextCursor` of the previous page; omit it for the first page.' },
  },
  'refresh-tokens': {
    success: {
      status: 200,
      description: 'New id and access tokens; they keep the sign-in time of the session.',
      body: z.object({
        status: z.literal('AUTHENTICATED'),
        tokens: z.object({
          idToken: tokens.shape.idToken,
          accessToken: tokens.shape.accessToken,
          refreshToken: z.optional(text('A new refresh token, when the pool rotates them.')),
          expiresIn: tokens.shape.expiresIn,
          tokenType: z.literal('Bearer'),
        }),
      }),
    },
    errors: { 401: ['REFRESH_TOKEN_INVALID'] },
  },
  logout: {
    success: {
      status: 204,
      description:
        'This session ended (with `everywhere`, every session of the user and their remembered devices).',
    },
  },
  'forgot-password': {
    success: {
      status: 202,
      description:
        'The same answer for every well-formed address; a reset code went by email only to an active user.',
      body: z.object({
        resetSession: text('Opaque; send it with the code and the new password.'),
        expiresIn: seconds('Seconds until the reset code expires.'),
      }),
    },
    errors: { 429: ['TOO_MANY_SENDS'] },
  },
  'reset-password': {
    success: {
      status: 200,
      description: 'The password changed; every session ended and an email told the user. Sign in next.',
      body: z.object({ status: z.literal('PASSWORD_RESET') }),
    },
    errors: {
      400: ['WEAK_PASSWORD'],
      401: ['INVALID_CODE', 'SESSION_EXPIRED'],
      429: ['TOO_MANY_ATTEMPTS'],
    },
  },
  'change-password': {
    success: {
      status: 204,
      description: 'The password changed; this session goes on, every other one ended.',
    },
    errors: { 400: ['WEAK_PASSWORD'], 401: ['INVALID_CREDENTIALS'] },
  },
  'list-users': {
    success: {
      status: 200,
      description: "A page of the account's users, in the order they joined.",
      body: z.object({ users: z.array(user), nextCursor }),
    },
    errors: { 400: ['VALIDATION_FAILED'] },
    query: { cursor: 'The `nextCursor` of the previous page; omit it for the first page.' },
  },
  'get-user': {
    success: { status: 200, description: 'The user.', body: user },
    errors: { 404: ['USER_NOT_FOUND'] },
  },
  'update-user': {
    success: { status: 200, description: 'The user after the change; their sessions ended.', body: user },
    errors: { 404: ['USER_NOT_FOUND'], 409: ['LAST_ADMIN'] },
  },
  'reset-user-mfa': {
    success: {
      status: 200,
      description: 'The user with every factor removed, the lock cleared and every session ended.',
      body: user,
    },
    errors: { 404: ['USER_NOT_FOUND'] },
  },
  'unlock-user': {
    success: { status: 200, description: 'The user, unlocked.', body: user },
    errors: { 404: ['USER_NOT_FOUND'] },
  },
  'list-invitations': {
    success: {
      status: 200,
      description: "A page of the account's invitations, newest first.",
      body: z.object({ invitations: z.array(invitation), nextCursor }),
    },
    errors: { 400: ['VALIDATION_FAILED'] },
    query: {
      status: 'Only invitations in this state: pending, used, expired or revoked.',
      cursor: 'The `nextCursor` of the previous page; omit it for the first page.',
    },
  },
  'revoke-invitation': {
    success: { status: 204, description: 'The invitation is withdrawn; its link answers 410.' },
    errors: { 404: ['INVITATION_NOT_FOUND'], 409: ['INVITATION_USED'] },
  },
  'resend-invitation': {
    success: {
      status: 200,
      description: 'A new invitation (new id, link and expiry) went out; the old link answers 410.',
      body: z.object({
        invitationId: z.string(),
        email: z.string(),
        mfaRequired: z.boolean(),
        expiresAt: timestamp('When the link stops working.'),
      }),
    },
    errors: {
      404: ['INVITATION_NOT_FOUND'],
      409: ['INVITATION_USED'],
      429: ['TOO_MANY_SENDS'],
      502: ['DELIVERY_FAILED'],
    },
  },
  'start-totp-enrollment': {
    success: {
      status: 201,
      description: 'The app to add: show the QR code of `otpauthUri` (or the secret), then verify one code.',
      body: z.object({
        enrollmentId: text('Opaque id of this setup, for verify.'),
        secret: text('The base32 secret, for typing into the app by hand. Shown this once.'),
        otpauthUri: text('`otpauth://totp/<issuer>:<email>?secret=…&issuer=…`: what the QR code holds.'),
        expiresIn: seconds('Seconds left to verify a code of the app.'),
      }),
    },
    errors: { 401: ['REAUTHENTICATION_REQUIRED'] },
  },
  'verify-totp-enrollment': {
    success: {
      status: 200,
      description:
        'The app is on: sign-ins start with it. Recovery codes come with it when the user had none.',
      body: z.object({ enabled: z.literal(true), recoveryCodes: z.optional(recoveryCodes) }),
    },
    errors: {
      401: ['INVALID_CODE'],
      404: ['ENROLLMENT_NOT_FOUND'],
      429: ['TOO_MANY_ATTEMPTS', 'MFA_LOCKED'],
    },
  },
  'remove-totp': {
    success: { status: 204, description: 'The app is removed; an email tells the user.' },
    errors: { 401: ['REAUTHENTICATION_REQUIRED'], 404: ['NOT_ENROLLED'] },
  },
  'get-my-mfa': {
    success: { status: 200, description: "The caller's second factors.", body: myFactors },
  },
  'set-preferred-mfa-method': {
    success: { status: 200, description: 'The factors after the change.', body: myFactors },
    errors: { 409: ['METHOD_NOT_ENROLLED'] },
  },
  'regenerate-recovery-codes': {
    success: {
      status: 201,
      description: 'New recovery codes; every earlier one stopped working; an email tells the user.',
      body: z.object({ recoveryCodes }),
    },
    errors: { 401: ['REAUTHENTICATION_REQUIRED'] },
  },
  'forget-device': {
    success: { status: 204, description: 'The device is forgotten: its next sign-in needs a code.' },
    errors: { 404: ['DEVICE_NOT_FOUND'] },
  },
  'forget-all-devices': {
    success: { status: 204, description: 'Every remembered device of the caller is forgotten.' },
  },
};

export const responsesFor = (routeId: string): RouteResponses => {
  const entry = (ROUTE_RESPONSES as Record<string, RouteResponses | undefined>)[routeId];
  if (!entry)
    throw new Error(`No responses are described for route "${routeId}" in lambdas/routes/responses.ts`);
  return entry;
};
