import { apiHandler } from '../http/api-handler';
import type { LoginBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { login } from '../services/login';

export const handler = apiHandler<LoginBody>(routes.login, async ({ body }) => ({
  status: 200,
  body: await login(deps(), body),
}));
