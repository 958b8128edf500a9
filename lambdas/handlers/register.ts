import { apiHandler } from '../http/api-handler';
import type { RegistrationBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { register } from '../services/registration';

export const handler = apiHandler<RegistrationBody>(routes.register, async ({ body }) => ({
  status: 201,
  body: await register(deps(), body),
}));
