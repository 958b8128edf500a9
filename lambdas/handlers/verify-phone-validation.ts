import { apiHandler } from '../http/api-handler';
import type { PhoneVerifyBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { verifyPhoneValidation } from '../services/phone-change';

export const handler = apiHandler<PhoneVerifyBody>(
  routes.verifyPhoneValidation,
  async ({ caller, pathParameters, body }) => ({
    status: 200,
    body: await verifyPhoneValidation(deps(), caller, pathParameters.validationId ?? '', body.code),
  }),
);
