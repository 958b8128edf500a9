import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { unlockUser } from '../../services/admin/users';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, codeState, factors, failures, users } from '../../wiring/dynamo';

const deps = {
  ...core(),
  identity: identity(),
  users: users(),
  accounts: accounts(),
  failures: failures(),
  factors: factors(),
  audit: audit(),
  codeState: codeState(),
};

export const handler = apiHandler(adminRoutes.unlockUser, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await unlockUser(deps, caller, pathParameters.accountId ?? '', pathParameters.userId ?? ''),
}));
