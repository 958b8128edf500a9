import { apiHandler } from '../../http/api-handler';
import { factorsRoutes } from '../../routes/factors';
import { forgetDevice } from '../../services/factors/devices';
import { core } from '../../wiring/core';
import { audit, factors } from '../../wiring/dynamo';

const deps = { ...core(), factors: factors(), audit: audit() };

export const handler = apiHandler(factorsRoutes.forgetDevice, async ({ caller, pathParameters }) => {
  await forgetDevice(deps, caller, pathParameters.deviceId ?? '');
  return { status: 204, body: undefined };
});
