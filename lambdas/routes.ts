import type { ZodType } from 'zod';
import {
  invitationBody,
  loginBody,
  mfaSettingsBody,
  phoneUpdateBody,
  phoneValidationBody,
  phoneVerifyBody,
  registrationBody,
  resendBody,
  verifyBody,
} from './http/schemas';

/**
 * The single source of truth for the HTTP API: method, path, handler and who may call it.
 * The CDK stack (one Lambda per route) and the local gateway are both generated from this table.
 *
 * auth: 'none' = public; 'user' = any valid Cognito id token; 'admin' = a valid token whose role is
 * admin (the handler still checks that the path's account is the caller's).
 */
export type RouteAuth = 'none' | 'user' | 'admin';

export interface RouteDefinition {
  /** Stable id: names the Lambda and the handler file `lambdas/handlers/<id>.ts`. */
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly auth: RouteAuth;
  readonly body?: ZodType;
  readonly description: string;
}

const defineRoutes = <const T extends Record<string, RouteDefinition>>(table: T): T => table;

export const routes = defineRoutes({
  health: { id: 'health', method: 'GET', path: '/v1/health', auth: 'none', description: 'Liveness check' },
  login: {
    id: 'login',
    method: 'POST',
    path: '/v1/auth/login',
    auth: 'none',
    body: loginBody,
    description: 'Password step; sends a one-time code when MFA is required',
  },
  verifyMfa: {
    id: 'verify-mfa',
    method: 'POST',
    path: '/v1/auth/mfa/verify',
    auth: 'none',
    body: verifyBody,
    description: 'Checks the one-time code and returns the tokens',
  },
  resendMfa: {
    id: 'resend-mfa',
    method: 'POST',
    path: '/v1/auth/mfa/resend',
    auth: 'none',
    body: resendBody,
    description: 'Sends a new code for a sign-in session',
  },
  me: { id: 'me', method: 'GET', path: '/v1/me', auth: 'user', description: "The caller's profile" },
  getMfaSettings: {
    id: 'get-mfa-settings',
    method: 'GET',
    path: '/v1/accounts/{accountId}/settings/mfa',
    auth: 'admin',
    description: "The account's MFA setting",
  },
  putMfaSettings: {
    id: 'put-mfa-settings',
    method: 'PUT',
    path: '/v1/accounts/{accountId}/settings/mfa',
    auth: 'admin',
    body: mfaSettingsBody,
    description: "Turns the account's MFA requirement on or off",
  },
  createInvitation: {
    id: 'create-invitation',
    method: 'POST',
    path: '/v1/accounts/{accountId}/invitations',
    auth: 'admin',
    body: invitationBody,
    description: 'Invites a user to the account by email',
  },
  getInvitation: {
    id: 'get-invitation',
    method: 'GET',
    path: '/v1/invitations/{token}',
    auth: 'none',
    description: 'What the registration page shows for an invitation',
  },
  register: {
    id: 'register',
    method: 'POST',
    path: '/v1/registrations',
    auth: 'none',
    body: registrationBody,
    description: 'An invited user creates their account',
  },
  startPhoneValidation: {
    id: 'start-phone-validation',
    method: 'POST',
    path: '/v1/me/phone/validation',
    auth: 'user',
    body: phoneValidationBody,
    description: 'Sends a code to a new MFA phone number (needs a recent sign-in)',
  },
  resendPhoneValidation: {
    id: 'resend-phone-validation',
    method: 'POST',
    path: '/v1/me/phone/validation/{validationId}/resend',
    auth: 'user',
    description: 'Sends a new code to the number being validated',
  },
  verifyPhoneValidation: {
    id: 'verify-phone-validation',
    method: 'POST',
    path: '/v1/me/phone/validation/{validationId}/verify',
    auth: 'user',
    body: phoneVerifyBody,
    description: 'Checks the code the new number received',
  },
  updatePhone: {
    id: 'update-phone',
    method: 'PUT',
    path: '/v1/me/phone',
    auth: 'user',
    body: phoneUpdateBody,
    description: 'Saves the validated number as the MFA phone (needs a recent sign-in)',
  },
  listAuditEvents: {
    id: 'list-audit-events',
    method: 'GET',
    path: '/v1/accounts/{accountId}/audit-events',
    auth: 'admin',
    description: "The account's MFA lifecycle events, newest first (?cursor= for the next page)",
  },
});

export type RouteId = keyof typeof routes;
export const routeList: readonly RouteDefinition[] = Object.values(routes);

/** Path of the handler module of a route, relative to the repository root. */
export const handlerEntry = (route: RouteDefinition): string => `lambdas/handlers/${route.id}.ts`;

/** Largest request body accepted, in bytes (also enforced by the local gateway). */
export const MAX_BODY_BYTES = 64 * 1024;
