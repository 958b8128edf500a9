import { z } from 'zod';

/**
 * One request-body schema per route. Strict objects: an unknown field is a 400, so a client can never
 * slip in `verified`, `userId` or `accountId`. The same schemas become API Gateway models.
 */
// Surrounding spaces are allowed (the services trim and lower-case); the pattern is plain JSON Schema so
// API Gateway's validator and the Lambda agree.
const email = z
  .string()
  .min(3)
  .max(254)
  .regex(/^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$/, 'must be an email address');
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

const locale = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, 'must be a language tag like en or es-MX');

export const invitationBody = z.strictObject({
  email,
  role: z.enum(['member', 'admin']).optional(),
  locale: locale.optional(),
});

export const registrationBody = z.strictObject({
  invitationToken: z.string().min(1).max(64),
  name: z.string().max(200),
  password: z.string().max(1024),
  phoneNumber: z.string().max(64).nullable().optional(),
  locale: locale.optional(),
});

const opaqueId = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id returned by the API');

export const phoneValidationBody = z.strictObject({ phoneNumber: z.string().min(1).max(64) });
export const phoneVerifyBody = z.strictObject({ code: verifyBody.shape.code });
export const phoneUpdateBody = z.strictObject({ validationId: opaqueId });

export type LoginBody = z.infer<typeof loginBody>;
export type VerifyBody = z.infer<typeof verifyBody>;
export type ResendBody = z.infer<typeof resendBody>;
export type MfaSettingsBody = z.infer<typeof mfaSettingsBody>;
export type InvitationBody = z.infer<typeof invitationBody>;
export type RegistrationBody = z.infer<typeof registrationBody>;
export type PhoneValidationBody = z.infer<typeof phoneValidationBody>;
export type PhoneVerifyBody = z.infer<typeof phoneVerifyBody>;
export type PhoneUpdateBody = z.infer<typeof phoneUpdateBody>;
