import * as z from 'zod/mini';
import { FREE_TEXT_PATTERN } from '../domain/free-text';
import { locale, opaqueId } from './fields';
import { defineRoutes } from './types';

export const registrationBody = z.strictObject({
  invitationToken: opaqueId('The invitation is missing.'),
  name: z
    .string('Enter your name.')
    .check(
      z.maxLength(200, 'The name has at most 100 characters.'),
      z.regex(
        new RegExp(FREE_TEXT_PATTERN, 'u'),
        'The name must not contain line breaks, control characters or direction overrides.',
      ),
    ),
  password: z.string('Choose a password.').check(z.maxLength(1024, 'The password is too long.')),
  phoneNumber: z.optional(
    z.nullable(
      z.string('The phone number must be text.').check(z.maxLength(64, 'The phone number is too long.')),
    ),
  ),
  locale: z.optional(locale),
});

export type RegistrationBody = z.infer<typeof registrationBody>;

export const onboardingRoutes = defineRoutes({
  getInvitation: {
    id: 'get-invitation',
    capability: 'onboarding',
    method: 'GET',
    path: '/v1/invitations/{token}',
    auth: 'none',
    description: 'What the registration page shows for an invitation',
  },
  register: {
    id: 'register',
    capability: 'onboarding',
    method: 'POST',
    path: '/v1/registrations',
    auth: 'none',
    body: registrationBody,
    description: 'An invited user creates their account',
  },
});
