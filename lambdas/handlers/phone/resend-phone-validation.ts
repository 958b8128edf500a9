import { apiHandler } from '../../http/api-handler';
import { phoneRoutes } from '../../routes/phone';
import { resendPhoneValidation } from '../../services/phone/phone-change';
import { core } from '../../wiring/core';
import { challenges, failures, quotas } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { sms } from '../../wiring/senders';

const deps = {
  ...core(),
  challenges: challenges(),
  failures: failures(),
  quotas: quotas(),
  keys: keys(),
  sms: sms(),
};

export const handler = apiHandler(phoneRoutes.resendPhoneValidation, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await resendPhoneValidation(deps, caller, pathParameters.validationId ?? ''),
}));
