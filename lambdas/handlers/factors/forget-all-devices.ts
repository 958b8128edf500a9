import { apiHandler } from '../../http/api-handler';
import { factorsRoutes } from '../../routes/factors';
import { forgetAllDevices } from '../../services/factors/devices';
import { core } from '../../wiring/core';
import { audit, factors } from '../../wiring/dynamo';

const deps = { ...core(), factors: factors(), audit: audit() };

export const handler = apiHandler(factorsRoutes.forgetAllDevices, async ({ caller }) => {
  await forgetAllDevices(deps, caller);
  return { status: 204, body: undefined };
});
