import { apiHandler } from '../../http/api-handler';
import { signInRoutes, type VerifyBody } from '../../routes/sign-in';
import { verifyCode } from '../../services/sign-in/verify';
import { core } from '../../wiring/core';
import { audit, challenges, failures, items, users } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';

const deps = {
  ...core(),
  items: items(),
  challenges: challenges(),
  failures: failures(),
  users: users(),
  audit: audit(),
  keys: keys(),
};

export const handler = apiHandler<VerifyBody>(signInRoutes.verifyMfa, async ({ body }) => ({
  status: 200,
  body: { status: 'AUTHENTICATED', tokens: await verifyCode(deps, body) },
}));
