import { apiHandler } from '../http/api-handler';
import type { MfaSettingsBody } from '../http/schemas';
import { routes } from '../routes';
import { setMfaSettings } from '../services/account-settings';
import { deps } from '../services/deps';

export const handler = apiHandler<MfaSettingsBody>(
  routes.putMfaSettings,
  async ({ caller, pathParameters, body }) => ({
    status: 200,
    body: await setMfaSettings(deps(), caller, pathParameters.accountId ?? '', body.enabled),
  }),
);
