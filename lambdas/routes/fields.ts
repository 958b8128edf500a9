import * as z from 'zod/mini';

/**
 * Field schemas shared by several routes. Plain JSON Schema patterns only, so API Gateway's request
 * validator and the Lambda agree; messages are sentences a frontend can show as they are.
 */

// Surrounding spaces are allowed (the services trim and lower-case).
export const email = z
  .string('Enter an email address.')
  .check(
    z.minLength(3, 'Enter an email address.'),
    z.maxLength(254, 'An email address has at most 254 characters.'),
    z.regex(/^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$/, 'Enter a valid email address, like name@example.com.'),
  );

/**
 * An id or token the API handed out (a phone validation, an invitation). Opaque to the client: only its
 * presence is checked here, so that a malformed one gets the same answer as an unknown one (404
 * VALIDATION_NOT_FOUND, INVITATION_NOT_FOUND) from the service, never a length complaint, both in the
 * Lambda and in API Gateway's request model generated from this schema. The 64 KB body limit bounds it.
 */
export const opaqueId = (missing: string) => z.string(missing).check(z.minLength(1, missing));

export const code = z.string('Enter the code.').check(z.regex(/^\d{6,10}$/, 'Enter the digits of the code.'));

export const locale = z
  .string('The language must be a language tag like en or es-MX.')
  .check(
    z.maxLength(35, 'The language must be a language tag like en or es-MX.'),
    z.regex(
      /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/,
      'The language must be a language tag like en or es-MX.',
    ),
  );

export const role = z.enum(['member', 'admin'], 'The role must be member or admin.');
