import { apiHandler } from '../../http/api-handler';
import { type ForgotPasswordBody, signInRoutes } from '../../routes/sign-in';
import { forgotPassword } from '../../services/sign-in/password-reset';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { challenges, quotas, users } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { email } from '../../wiring/senders';

const deps = {
  ...core(),
  identity: identity(),
  users: users(),
  quotas: quotas(),
  challenges: challenges(),
  keys: keys(),
  email: email(),
};

export const handler = apiHandler<ForgotPasswordBody>(signInRoutes.forgotPassword, async ({ body }) => ({
  status: 202,
  body: await forgotPassword(deps, body),
}));
