import * as z from 'zod/mini';
import { email } from './fields';
import { defineRoutes } from './types';

/**
 * A sign-in session as the login answer hands it out. Opaque to the client; anything malformed is
 * answered like an unknown or expired session (SESSION_EXPIRED), so the schema only bounds its size.
 */
export const session = z
  .string('The sign-in session is missing.')
  .check(
    z.minLength(1, 'The sign-in session is missing.'),
    z.maxLength(8192, 'The sign-in session is not valid.'),
  );

export const loginBody = z.strictObject({
  email,
  password: z
    .string('Enter your password.')
    .check(z.minLength(1, 'Enter your password.'), z.maxLength(256, 'The password is too long.')),
  /** From an earlier "Remember this device"; one that is unknown or dead is simply not used. */
  deviceToken: z.optional(
    z.string('The device token must be text.').check(z.maxLength(128, 'The device token is not valid.')),
  ),
});

/** A sent or app code (digits), or a recovery code (letters and digits, in groups). */
const answer = z
  .string('Enter the code.')
  .check(
    z.regex(
      /^(\d{6,10}|[0-9A-Za-z][0-9A-Za-z -]{11,30})$/,
      'Enter the digits of the code, or a recovery code.',
    ),
  );

export const verifyBody = z.strictObject({
  session,
  code: answer,
  method: z.optional(
    z.enum(
      ['sms', 'email', 'totp', 'recovery_code'],
      'The method must be sms, email, totp or recovery_code.',
    ),
  ),
  rememberDevice: z.optional(z.boolean('Remember this device must be true or false.')),
});

export const resendBody = z.strictObject({
  session,
  channel: z.optional(z.enum(['sms', 'email'], 'The channel must be sms or email.')),
});

export type LoginBody = z.infer<typeof loginBody>;
export type VerifyBody = z.infer<typeof verifyBody>;
export type ResendBody = z.infer<typeof resendBody>;

export const signInRoutes = defineRoutes({
  login: {
    id: 'login',
    capability: 'sign-in',
    method: 'POST',
    path: '/v1/auth/login',
    auth: 'none',
    body: loginBody,
    description: 'Password step; sends a one-time code when MFA is required',
  },
  verifyMfa: {
    id: 'verify-mfa',
    capability: 'sign-in',
    method: 'POST',
    path: '/v1/auth/mfa/verify',
    auth: 'none',
    body: verifyBody,
    description: 'Checks the one-time code and returns the tokens',
  },
  resendMfa: {
    id: 'resend-mfa',
    capability: 'sign-in',
    method: 'POST',
    path: '/v1/auth/mfa/resend',
    auth: 'none',
    body: resendBody,
    description: 'Sends a new code for a sign-in session',
  },
});
