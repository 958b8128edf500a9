import { apiHandler } from '../http/api-handler';
import { routes } from '../routes';
import { getMfaSettings } from '../services/account-settings';
import { deps } from '../services/deps';

export const handler = apiHandler(routes.getMfaSettings, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await getMfaSettings(deps(), caller, pathParameters.accountId ?? ''),
}));
