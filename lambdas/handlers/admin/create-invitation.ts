import { apiHandler } from '../../http/api-handler';
import { adminRoutes, type InvitationBody } from '../../routes/admin';
import { inviteUser } from '../../services/onboarding/invitations';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, invitations, quotas } from '../../wiring/dynamo';
import { email } from '../../wiring/senders';

const deps = {
  ...core(),
  identity: identity(),
  accounts: accounts(),
  invitations: invitations(),
  quotas: quotas(),
  audit: audit(),
  email: email(),
};

export const handler = apiHandler<InvitationBody>(
  adminRoutes.createInvitation,
  async ({ caller, pathParameters, body }) => ({
    status: 201,
    body: await inviteUser(deps, caller, pathParameters.accountId ?? '', body),
  }),
);
