import { apiHandler } from '../../http/api-handler';
import { type PhoneVerifyBody, phoneRoutes } from '../../routes/phone';
import { verifyPhoneValidation } from '../../services/phone/phone-change';
import { core } from '../../wiring/core';
import { audit, challenges, failures, items } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';

const deps = {
  ...core(),
  items: items(),
  challenges: challenges(),
  failures: failures(),
  audit: audit(),
  keys: keys(),
};

export const handler = apiHandler<PhoneVerifyBody>(
  phoneRoutes.verifyPhoneValidation,
  async ({ caller, pathParameters, body }) => ({
    status: 200,
    body: await verifyPhoneValidation(deps, caller, pathParameters.validationId ?? '', body.code),
  }),
);
