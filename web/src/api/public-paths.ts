/**
 * Routes that take no bearer token (security: [] in docs/openapi.json): the client never sends the id
 * token to them. test/unit/web/api-contract.test.ts keeps this list equal to the document's.
 */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  '/v1/health',
  '/v1/openapi.json',
  '/v1/auth/login',
  '/v1/auth/mfa/verify',
  '/v1/auth/mfa/resend',
  '/v1/auth/refresh',
  '/v1/auth/password/forgot',
  '/v1/auth/password/reset',
  '/v1/invitations/{token}',
  '/v1/registrations',
]);
