import { apiHandler } from '../../http/api-handler';
import { type PhoneUpdateBody, phoneRoutes } from '../../routes/phone';
import { updatePhone } from '../../services/phone/phone-change';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { audit, challenges, users } from '../../wiring/dynamo';
import { email, sms } from '../../wiring/senders';

const deps = {
  ...core(),
  identity: identity(),
  challenges: challenges(),
  users: users(),
  audit: audit(),
  sms: sms(),
  email: email(),
};

export const handler = apiHandler<PhoneUpdateBody>(phoneRoutes.updatePhone, async ({ caller, body }) => ({
  status: 200,
  body: await updatePhone(deps, caller, body.validationId),
}));
