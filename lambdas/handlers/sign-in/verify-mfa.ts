import { apiHandler } from '../../http/api-handler';
import { signInRoutes, type VerifyBody } from '../../routes/sign-in';
import { verifyCode } from '../../services/sign-in/verify';
import { core } from '../../wiring/core';
import { audit, challenges, factors, failures, items, users } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { email } from '../../wiring/senders';

const deps = {
  ...core(),
  items: items(),
  challenges: challenges(),
  failures: failures(),
  users: users(),
  factors: factors(),
  email: email(),
  audit: audit(),
  keys: keys(),
};

export const handler = apiHandler<VerifyBody>(signInRoutes.verifyMfa, async ({ body, userAgent }) => ({
  status: 200,
  body: { status: 'AUTHENTICATED', ...(await verifyCode(deps, body, { userAgent })) },
}));
