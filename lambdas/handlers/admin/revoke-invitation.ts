import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { revokeInvitation } from '../../services/admin/invitations';
import { core } from '../../wiring/core';
import { audit, invitations } from '../../wiring/dynamo';

const deps = { ...core(), invitations: invitations(), audit: audit() };

export const handler = apiHandler(adminRoutes.revokeInvitation, async ({ caller, pathParameters }) => {
  await revokeInvitation(deps, caller, pathParameters.accountId ?? '', pathParameters.invitationId ?? '');
  return { status: 204, body: undefined };
});
