import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { resendInvitation } from '../../services/admin/invitations';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { accounts, audit, invitations, quotas } from '../../wiring/dynamo';
import { email } from '../../wiring/senders';

const deps = {
  ...core(),
  identity: identity(),
  accounts: accounts(),
  invitations: invitations(),
  audit: audit(),
  email: email(),
  quotas: quotas(),
};

export const handler = apiHandler(adminRoutes.resendInvitation, async ({ caller, pathParameters }) => ({
  status: 200,
  body: await resendInvitation(
    deps,
    caller,
    pathParameters.accountId ?? '',
    pathParameters.invitationId ?? '',
  ),
}));
