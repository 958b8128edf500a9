import { z } from 'zod';

/**
 * One request-body schema per route. Strict objects: an unknown field is a 400, so a client can never
 * slip in `verified`, `userId` or `accountId`. The same schemas become API Gateway models.
 */
const email = z.email().max(254);
const session = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a session id');

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(256),
});

export const verifyBody = z.strictObject({
  session,
  code: z.string().regex(/^\d{6,10}$/, 'must be the digits of the code'),
});

export const resendBody = z.strictObject({ session });

export const mfaSettingsBody = z.strictObject({ enabled: z.boolean() });

export type LoginBody = z.infer<typeof loginBody>;
export type VerifyBody = z.infer<typeof verifyBody>;
export type ResendBody = z.infer<typeof resendBody>;
export type MfaSettingsBody = z.infer<typeof mfaSettingsBody>;
