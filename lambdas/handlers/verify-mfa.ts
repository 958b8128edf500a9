import { apiHandler } from '../http/api-handler';
import type { VerifyBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { verifyCode } from '../services/verify-code';

export const handler = apiHandler<VerifyBody>(routes.verifyMfa, async ({ body }) => ({
  status: 200,
  body: { status: 'AUTHENTICATED', tokens: await verifyCode(deps(), body) },
}));
