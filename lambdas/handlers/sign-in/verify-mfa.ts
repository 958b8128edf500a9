import { apiHandler } from '../../http/api-handler';
import { signInRoutes, type VerifyBody } from '../../routes/sign-in';
import { verifyCode } from '../../services/sign-in/verify';
import { core } from '../../wiring/core';
import { audit, challenges, failures } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';

const deps = { ...core(), challenges: challenges(), failures: failures(), audit: audit(), keys: keys() };

export const handler = apiHandler<VerifyBody>(signInRoutes.verifyMfa, async ({ body }) => ({
  status: 200,
  body: { status: 'AUTHENTICATED', tokens: await verifyCode(deps, body) },
}));
