import * as z from 'zod/mini';
import { code, email, newPassword, opaqueId } from './fields';
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

/** A Cognito refresh token (opaque to the client; AWS's are about 1.8 KB). */
const refreshToken = z
  .string('The refresh token is missing.')
  .check(
    z.minLength(1, 'The refresh token is missing.'),
    z.maxLength(8192, 'The refresh token is not valid.'),
  );

export const refreshBody = z.strictObject({ refreshToken });

export const logoutBody = z.strictObject({
  refreshToken: z.optional(refreshToken),
  everywhere: z.optional(z.boolean('Everywhere must be true or false.')),
});

export const forgotPasswordBody = z.strictObject({ email });

export const resetPasswordBody = z.strictObject({
  resetSession: opaqueId('The password reset session is missing.'),
  code,
  newPassword,
});

export type LoginBody = z.infer<typeof loginBody>;
export type RefreshBody = z.infer<typeof refreshBody>;
export type LogoutBody = z.infer<typeof logoutBody>;
export type ForgotPasswordBody = z.infer<typeof forgotPasswordBody>;
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;
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
  refreshTokens: {
    id: 'refresh-tokens',
    capability: 'sign-in',
    method: 'POST',
    path: '/v1/auth/refresh',
    auth: 'none',
    body: refreshBody,
    description: 'New id and access tokens from a refresh token of a session that was not revoked',
  },
  logout: {
    id: 'logout',
    capability: 'sign-in',
    method: 'POST',
    path: '/v1/auth/logout',
    auth: 'user',
    body: logoutBody,
    description: 'Ends this session (everywhere: every session of the user)',
  },
  forgotPassword: {
    id: 'forgot-password',
    capability: 'sign-in',
    method: 'POST',
    path: '/v1/auth/password/forgot',
    auth: 'none',
    body: forgotPasswordBody,
    description: 'Emails a password reset code (the same answer for every address)',
  },
  resetPassword: {
    id: 'reset-password',
    capability: 'sign-in',
    method: 'POST',
    path: '/v1/auth/password/reset',
    auth: 'none',
    body: resetPasswordBody,
    description: 'Sets a new password with the emailed code; ends every session of the user',
  },
});
