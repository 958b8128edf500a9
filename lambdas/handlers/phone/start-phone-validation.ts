import { apiHandler } from '../../http/api-handler';
import { type PhoneValidationBody, phoneRoutes } from '../../routes/phone';
import { startPhoneValidation } from '../../services/phone/phone-change';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { challenges, failures, quotas } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { sms } from '../../wiring/senders';

const deps = {
  ...core(),
  identity: identity(),
  challenges: challenges(),
  failures: failures(),
  quotas: quotas(),
  keys: keys(),
  sms: sms(),
};

export const handler = apiHandler<PhoneValidationBody>(
  phoneRoutes.startPhoneValidation,
  async ({ caller, body }) => ({
    status: 202,
    body: await startPhoneValidation(deps, caller, body),
  }),
);
