import { apiHandler } from '../http/api-handler';
import type { ResendBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { resendCode } from '../services/resend-code';

export const handler = apiHandler<ResendBody>(routes.resendMfa, async ({ body }) => ({
  status: 200,
  body: await resendCode(deps(), body),
}));
