import { apiHandler } from '../../http/api-handler';
import { factorsRoutes, type PreferredMethodBody } from '../../routes/factors';
import { setPreferredMethod } from '../../services/factors/my-factors';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, factors, items, users } from '../../wiring/dynamo';

const deps = {
  ...core(),
  identity: identity(),
  items: items(),
  accounts: accounts(),
  users: users(),
  factors: factors(),
  audit: audit(),
};

export const handler = apiHandler<PreferredMethodBody>(
  factorsRoutes.setPreferredMethod,
  async ({ caller, body }) => ({ status: 200, body: await setPreferredMethod(deps, caller, body.method) }),
);
