import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { getMfaSettings } from '../../services/admin/account-settings';
import { core } from '../../wiring/core';
import { accounts } from '../../wiring/dynamo';

const deps = { ...core(), accounts: accounts() };

export const handler = apiHandler(adminRoutes.getMfaSettings, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await getMfaSettings(deps, caller, pathParameters.accountId ?? ''),
}));
