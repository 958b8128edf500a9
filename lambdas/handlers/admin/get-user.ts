import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { getUser } from '../../services/admin/users';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, factors, failures, users } from '../../wiring/dynamo';

const deps = {
  ...core(),
  identity: identity(),
  users: users(),
  accounts: accounts(),
  failures: failures(),
  factors: factors(),
};

export const handler = apiHandler(adminRoutes.getUser, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await getUser(deps, caller, pathParameters.accountId ?? '', pathParameters.userId ?? ''),
}));
