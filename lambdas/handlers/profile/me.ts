import { apiHandler } from '../../http/api-handler';
import { profileRoutes } from '../../routes/profile';
import { myProfile } from '../../services/profile/profile';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, factors, failures, users } from '../../wiring/dynamo';

const deps = {
  ...core(),
  identity: identity(),
  accounts: accounts(),
  users: users(),
  failures: failures(),
  factors: factors(),
};

export const handler = apiHandler(profileRoutes.me, async ({ caller }) => ({
  status: 200,
  body: await myProfile(deps, caller),
}));
