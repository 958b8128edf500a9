import { apiHandler } from '../../http/api-handler';
import { type LoginBody, signInRoutes } from '../../routes/sign-in';
import { login } from '../../services/sign-in/login';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, challenges, factors, failures, items, quotas, users } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { email, sms } from '../../wiring/senders';

const deps = {
  ...core(),
  identity: identity(),
  items: items(),
  accounts: accounts(),
  users: users(),
  factors: factors(),
  audit: audit(),
  failures: failures(),
  quotas: quotas(),
  challenges: challenges(),
  keys: keys(),
  sms: sms(),
  email: email(),
};

export const handler = apiHandler<LoginBody>(signInRoutes.login, async ({ body }) => ({
  status: 200,
  body: await login(deps, body),
}));
