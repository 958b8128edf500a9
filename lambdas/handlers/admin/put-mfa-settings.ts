import { apiHandler } from '../../http/api-handler';
import { adminRoutes, type MfaSettingsBody } from '../../routes/admin';
import { setMfaSettings } from '../../services/admin/account-settings';
import { core } from '../../wiring/core';
import { accounts, audit } from '../../wiring/dynamo';

const deps = { ...core(), accounts: accounts(), audit: audit() };

export const handler = apiHandler<MfaSettingsBody>(
  adminRoutes.putMfaSettings,
  async ({ caller, pathParameters, body }) => ({
    status: 200,
    body: await setMfaSettings(deps, caller, pathParameters.accountId ?? '', body),
  }),
);
