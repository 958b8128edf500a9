import { apiHandler } from '../http/api-handler';
import type { PhoneValidationBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { startPhoneValidation } from '../services/phone-change';

export const handler = apiHandler<PhoneValidationBody>(
  routes.startPhoneValidation,
  async ({ caller, body }) => ({
    status: 202,
    body: await startPhoneValidation(deps(), caller, body),
  }),
);
