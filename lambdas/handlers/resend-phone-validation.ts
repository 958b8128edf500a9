import { apiHandler } from '../http/api-handler';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { resendPhoneValidation } from '../services/phone-change';

export const handler = apiHandler(routes.resendPhoneValidation, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await resendPhoneValidation(deps(), caller, pathParameters.validationId ?? ''),
}));
