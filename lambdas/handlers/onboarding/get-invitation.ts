import { apiHandler } from '../../http/api-handler';
import { onboardingRoutes } from '../../routes/onboarding';
import { describeInvitation } from '../../services/onboarding/invitations';
import { core } from '../../wiring/core';
import { accounts, invitations } from '../../wiring/dynamo';

const deps = { ...core(), invitations: invitations(), accounts: accounts() };

export const handler = apiHandler(onboardingRoutes.getInvitation, async ({ pathParameters }) => ({
  status: 200,
  body: await describeInvitation(deps, pathParameters.token ?? ''),
}));
