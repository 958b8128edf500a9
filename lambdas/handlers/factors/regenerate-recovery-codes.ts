import { apiHandler } from '../../http/api-handler';
import { factorsRoutes } from '../../routes/factors';
import { regenerateRecoveryCodes } from '../../services/factors/recovery-codes';
import { core } from '../../wiring/core';
import { audit, factors } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { email } from '../../wiring/senders';

const deps = { ...core(), factors: factors(), keys: keys(), audit: audit(), email: email() };

export const handler = apiHandler(factorsRoutes.regenerateRecoveryCodes, async ({ caller }) => ({
  status: 201,
  body: await regenerateRecoveryCodes(deps, caller),
}));
