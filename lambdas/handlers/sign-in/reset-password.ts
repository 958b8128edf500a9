import { apiHandler } from '../../http/api-handler';
import { type ResetPasswordBody, signInRoutes } from '../../routes/sign-in';
import { resetPassword } from '../../services/sign-in/password-reset';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { audit, challenges, failures, users } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { email } from '../../wiring/senders';

const deps = {
  ...core(),
  challenges: challenges(),
  failures: failures(),
  keys: keys(),
  identity: identity(),
  users: users(),
  audit: audit(),
  email: email(),
};

export const handler = apiHandler<ResetPasswordBody>(signInRoutes.resetPassword, async ({ body }) => ({
  status: 200,
  body: await resetPassword(deps, body),
}));
