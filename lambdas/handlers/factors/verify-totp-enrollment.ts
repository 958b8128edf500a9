import { apiHandler } from '../../http/api-handler';
import { factorsRoutes, type TotpVerifyBody } from '../../routes/factors';
import { confirmTotpEnrollment } from '../../services/factors/authenticator-app';
import { core } from '../../wiring/core';
import { audit, challenges, factors, failures, items } from '../../wiring/dynamo';
import { keys } from '../../wiring/keys';
import { email } from '../../wiring/senders';

const deps = {
  ...core(),
  items: items(),
  challenges: challenges(),
  failures: failures(),
  factors: factors(),
  keys: keys(),
  audit: audit(),
  email: email(),
};

export const handler = apiHandler<TotpVerifyBody>(
  factorsRoutes.verifyTotpEnrollment,
  async ({ caller, pathParameters, body }) => ({
    status: 200,
    body: await confirmTotpEnrollment(deps, caller, pathParameters.enrollmentId ?? '', body.code),
  }),
);
