import { apiHandler } from '../../http/api-handler';
import { adminRoutes, type UpdateUserBody } from '../../routes/admin';
import { updateUser } from '../../services/admin/users';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, factors, failures, users } from '../../wiring/dynamo';

const deps = {
  ...core(),
  identity: identity(),
  users: users(),
  accounts: accounts(),
  failures: failures(),
  factors: factors(),
  audit: audit(),
};

export const handler = apiHandler<UpdateUserBody>(
  adminRoutes.updateUser,
  async ({ caller, pathParameters, body }) => ({
    status: 200,
    body: await updateUser(deps, caller, pathParameters.accountId ?? '', pathParameters.userId ?? '', body),
  }),
);
