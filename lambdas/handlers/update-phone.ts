import { apiHandler } from '../http/api-handler';
import type { PhoneUpdateBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { updatePhone } from '../services/phone-change';

export const handler = apiHandler<PhoneUpdateBody>(routes.updatePhone, async ({ caller, body }) => ({
  status: 200,
  body: await updatePhone(deps(), caller, body.validationId),
}));
