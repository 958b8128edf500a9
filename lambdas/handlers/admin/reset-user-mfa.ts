import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { resetUserMfa } from '../../services/admin/users';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, codeState, factors, failures, users } from '../../wiring/dynamo';
import { email } from '../../wiring/senders';

const deps = {
  ...core(),
  identity: identity(),
  users: users(),
  accounts: accounts(),
  failures: failures(),
  factors: factors(),
  audit: audit(),
  codeState: codeState(),
  email: email(),
};

export const handler = apiHandler(adminRoutes.resetUserMfa, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await resetUserMfa(deps, caller, pathParameters.accountId ?? '', pathParameters.userId ?? ''),
}));
