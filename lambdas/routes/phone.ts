import * as z from 'zod/mini';
import { code, opaqueId } from './fields';
import { defineRoutes } from './types';

export const phoneValidationBody = z.strictObject({
  phoneNumber: z
    .string('Enter a phone number.')
    .check(z.minLength(1, 'Enter a phone number.'), z.maxLength(64, 'The phone number is too long.')),
});
export const phoneVerifyBody = z.strictObject({ code });
export const phoneUpdateBody = z.strictObject({ validationId: opaqueId('The phone validation is missing.') });

export type PhoneValidationBody = z.infer<typeof phoneValidationBody>;
export type PhoneVerifyBody = z.infer<typeof phoneVerifyBody>;
export type PhoneUpdateBody = z.infer<typeof phoneUpdateBody>;

export const phoneRoutes = defineRoutes({
  startPhoneValidation: {
    id: 'start-phone-validation',
    capability: 'phone',
    method: 'POST',
    path: '/v1/me/phone/validation',
    auth: 'user',
    body: phoneValidationBody,
    description: 'Sends a code to a new MFA phone number (needs a recent sign-in)',
  },
  resendPhoneValidation: {
    id: 'resend-phone-validation',
    capability: 'phone',
    method: 'POST',
    path: '/v1/me/phone/validation/{validationId}/resend',
    auth: 'user',
    description: 'Sends a new code to the number being validated',
  },
  verifyPhoneValidation: {
    id: 'verify-phone-validation',
    capability: 'phone',
    method: 'POST',
    path: '/v1/me/phone/validation/{validationId}/verify',
    auth: 'user',
    body: phoneVerifyBody,
    description: 'Checks the code the new number received',
  },
  updatePhone: {
    id: 'update-phone',
    capability: 'phone',
    method: 'PUT',
    path: '/v1/me/phone',
    auth: 'user',
    body: phoneUpdateBody,
    description: 'Saves the validated number as the MFA phone (needs a recent sign-in)',
  },
});
