import * as z from 'zod/mini';
import { email, locale, role } from './fields';
import { defineRoutes } from './types';

export const mfaSettingsBody = z
  .strictObject({
    enabled: z.optional(z.boolean('The MFA switch must be true or false.')),
    rememberDeviceDays: z.optional(
      z
        .int('Remembered-device days must be a whole number from 0 to 90.')
        .check(
          z.minimum(0, 'Remembered-device days must be a whole number from 0 to 90.'),
          z.maximum(90, 'Remembered-device days must be a whole number from 0 to 90.'),
        ),
    ),
  })
  .check(
    z.refine((b) => b.enabled !== undefined || b.rememberDeviceDays !== undefined, {
      message: 'Give enabled, rememberDeviceDays or both.',
    }),
  );
export const invitationBody = z.strictObject({
  email,
  role: z.optional(role),
  locale: z.optional(locale),
});

export type MfaSettingsBody = z.infer<typeof mfaSettingsBody>;
export type InvitationBody = z.infer<typeof invitationBody>;

export const adminRoutes = defineRoutes({
  getMfaSettings: {
    id: 'get-mfa-settings',
    capability: 'admin',
    method: 'GET',
    path: '/v1/accounts/{accountId}/settings/mfa',
    auth: 'admin',
    description: "The account's MFA setting",
  },
  putMfaSettings: {
    id: 'put-mfa-settings',
    capability: 'admin',
    method: 'PUT',
    path: '/v1/accounts/{accountId}/settings/mfa',
    auth: 'admin',
    body: mfaSettingsBody,
    description: "Turns the account's MFA requirement on or off, and sets how long devices may be remembered",
  },
  createInvitation: {
    id: 'create-invitation',
    capability: 'admin',
    method: 'POST',
    path: '/v1/accounts/{accountId}/invitations',
    auth: 'admin',
    body: invitationBody,
    description: 'Invites a user to the account by email',
  },
  listAuditEvents: {
    id: 'list-audit-events',
    capability: 'admin',
    method: 'GET',
    path: '/v1/accounts/{accountId}/audit-events',
    auth: 'admin',
    description: "The account's MFA lifecycle events, newest first (?cursor= for the next page)",
  },
});
