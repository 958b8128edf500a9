import * as z from 'zod/mini';
import { code } from './fields';
import { defineRoutes } from './types';

export const totpVerifyBody = z.strictObject({ code });
export const preferredMethodBody = z.strictObject({
  method: z.enum(['totp', 'sms', 'email'], 'The method must be totp, sms or email.'),
});

export type TotpVerifyBody = z.infer<typeof totpVerifyBody>;
export type PreferredMethodBody = z.infer<typeof preferredMethodBody>;

/** The caller's own second factors beyond the phone: authenticator app, recovery codes, remembered devices. */
export const factorsRoutes = defineRoutes({
  startTotpEnrollment: {
    id: 'start-totp-enrollment',
    capability: 'factors',
    method: 'POST',
    path: '/v1/me/mfa/totp',
    auth: 'user',
    description: 'Starts adding an authenticator app: its secret and QR code URI (needs a recent sign-in)',
  },
  verifyTotpEnrollment: {
    id: 'verify-totp-enrollment',
    capability: 'factors',
    method: 'POST',
    path: '/v1/me/mfa/totp/{enrollmentId}/verify',
    auth: 'user',
    body: totpVerifyBody,
    description:
      'Turns the authenticator app on with one of its codes (recovery codes when the user had none)',
  },
  removeTotp: {
    id: 'remove-totp',
    capability: 'factors',
    method: 'DELETE',
    path: '/v1/me/mfa/totp',
    auth: 'user',
    description: 'Removes the authenticator app (needs a recent sign-in)',
  },
  myFactors: {
    id: 'get-my-mfa',
    capability: 'factors',
    method: 'GET',
    path: '/v1/me/mfa',
    auth: 'user',
    description: "The caller's second factors and remembered devices",
  },
  setPreferredMethod: {
    id: 'set-preferred-mfa-method',
    capability: 'factors',
    method: 'PUT',
    path: '/v1/me/mfa/preferred',
    auth: 'user',
    body: preferredMethodBody,
    description: "The method the caller's sign-ins start with",
  },
  regenerateRecoveryCodes: {
    id: 'regenerate-recovery-codes',
    capability: 'factors',
    method: 'POST',
    path: '/v1/me/mfa/recovery-codes',
    auth: 'user',
    description: 'Ten new recovery codes; earlier ones stop working (needs a recent sign-in)',
  },
  forgetDevice: {
    id: 'forget-device',
    capability: 'factors',
    method: 'DELETE',
    path: '/v1/me/mfa/devices/{deviceId}',
    auth: 'user',
    description: 'Forgets one remembered device',
  },
  forgetAllDevices: {
    id: 'forget-all-devices',
    capability: 'factors',
    method: 'DELETE',
    path: '/v1/me/mfa/devices',
    auth: 'user',
    description: 'Forgets every remembered device of the caller',
  },
});
