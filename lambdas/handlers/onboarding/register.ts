import { apiHandler } from '../../http/api-handler';
import { onboardingRoutes, type RegistrationBody } from '../../routes/onboarding';
import { register } from '../../services/onboarding/registration';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, invitations, users } from '../../wiring/dynamo';

const deps = {
  ...core(),
  invitations: invitations(),
  accounts: accounts(),
  audit: audit(),
  identity: identity(),
  users: users(),
};

export const handler = apiHandler<RegistrationBody>(onboardingRoutes.register, async ({ body }) => ({
  status: 201,
  body: await register(deps, body),
}));
