import { apiHandler } from '../../http/api-handler';
import { factorsRoutes } from '../../routes/factors';
import { myFactors } from '../../services/factors/my-factors';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, factors, items, users } from '../../wiring/dynamo';

const deps = {
  ...core(),
  identity: identity(),
  items: items(),
  accounts: accounts(),
  users: users(),
  factors: factors(),
};

export const handler = apiHandler(factorsRoutes.myFactors, async ({ caller }) => ({
  status: 200,
  body: await myFactors(deps, caller),
}));
