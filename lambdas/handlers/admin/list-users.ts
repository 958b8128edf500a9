import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { listUsers } from '../../services/admin/users';
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

export const handler = apiHandler(
  adminRoutes.listUsers,
  async ({ caller, pathParameters, queryParameters }) => ({
    status: 200,
    body: await listUsers(deps, caller, pathParameters.accountId ?? '', queryParameters.cursor),
  }),
);
