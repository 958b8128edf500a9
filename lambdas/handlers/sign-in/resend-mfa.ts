import { apiHandler } from '../../http/api-handler';
import { type ResendBody, signInRoutes } from '../../routes/sign-in';
import { resendCode } from '../../services/sign-in/resend';
import { core } from '../../wiring/core';
import { challenges, failures, items, quotas, users } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { email, sms } from '../../wiring/senders';

const deps = {
  ...core(),
  items: items(),
  challenges: challenges(),
  failures: failures(),
  users: users(),
  quotas: quotas(),
  keys: keys(),
  sms: sms(),
  email: email(),
};

export const handler = apiHandler<ResendBody>(signInRoutes.resendMfa, async ({ body }) => ({
  status: 200,
  body: await resendCode(deps, body),
}));
