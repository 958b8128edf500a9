import { apiHandler } from '../../http/api-handler';
import { factorsRoutes } from '../../routes/factors';
import { removeTotp } from '../../services/factors/authenticator-app';
import { core } from '../../wiring/core';
import { audit, factors } from '../../wiring/dynamo';
import { email } from '../../wiring/senders';

const deps = { ...core(), factors: factors(), audit: audit(), email: email() };

export const handler = apiHandler(factorsRoutes.removeTotp, async ({ caller }) => {
  await removeTotp(deps, caller);
  return { status: 204, body: undefined };
});
