import { apiHandler } from '../../http/api-handler';
import { factorsRoutes } from '../../routes/factors';
import { startTotpEnrollment } from '../../services/factors/authenticator-app';
import { core } from '../../wiring/core';
import { challenges } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';

const deps = { ...core(), challenges: challenges(), keys: keys() };

export const handler = apiHandler(factorsRoutes.startTotpEnrollment, async ({ caller }) => ({
  status: 201,
  body: await startTotpEnrollment(deps, caller),
}));
