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

export const updateUserBody = z.strictObject({
  role: z.optional(role),
  disabled: z.optional(z.boolean('Disabled must be true or false.')),
});

export type MfaSettingsBody = z.infer<typeof mfaSettingsBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
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
  listUsers: {
    id: 'list-users',
    capability: 'admin',
    method: 'GET',
    path: '/v1/accounts/{accountId}/users',
    auth: 'admin',
    description: "The account's users with their MFA state (?cursor= for the next page)",
  },
  getUser: {
    id: 'get-user',
    capability: 'admin',
    method: 'GET',
    path: '/v1/accounts/{accountId}/users/{userId}',
    auth: 'admin',
    description: 'One user of the account with their MFA state',
  },
  updateUser: {
    id: 'update-user',
    capability: 'admin',
    method: 'PATCH',
    path: '/v1/accounts/{accountId}/users/{userId}',
    auth: 'admin',
    body: updateUserBody,
    description: "Changes a user's role or turns their access off or on (never the last active admin)",
  },
  resetUserMfa: {
    id: 'reset-user-mfa',
    capability: 'admin',
    method: 'POST',
    path: '/v1/accounts/{accountId}/users/{userId}/mfa/reset',
    auth: 'admin',
    description: "Removes a user's second factors, lock and send limits; ends their sessions",
  },
  unlockUser: {
    id: 'unlock-user',
    capability: 'admin',
    method: 'POST',
    path: '/v1/accounts/{accountId}/users/{userId}/unlock',
    auth: 'admin',
    description: "Lifts a user's MFA lock (consecutive wrong codes)",
  },
  listInvitations: {
    id: 'list-invitations',
    capability: 'admin',
    method: 'GET',
    path: '/v1/accounts/{accountId}/invitations',
    auth: 'admin',
    description: "The account's invitations, newest first (?status=pending|used|expired|revoked&cursor=)",
  },
  revokeInvitation: {
    id: 'revoke-invitation',
    capability: 'admin',
    method: 'DELETE',
    path: '/v1/accounts/{accountId}/invitations/{invitationId}',
    auth: 'admin',
    description: 'Withdraws an unused invitation (its link answers 410)',
  },
  resendInvitation: {
    id: 'resend-invitation',
    capability: 'admin',
    method: 'POST',
    path: '/v1/accounts/{accountId}/invitations/{invitationId}/resend',
    auth: 'admin',
    description: 'Sends an invitation again with a new link and expiry (the old link answers 410)',
  },
});
