import { apiHandler } from '../http/api-handler';
import type { InvitationBody } from '../http/schemas';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { inviteUser } from '../services/invitations';

export const handler = apiHandler<InvitationBody>(
  routes.createInvitation,
  async ({ caller, pathParameters, body }) => ({
    status: 201,
    body: await inviteUser(deps(), caller, pathParameters.accountId ?? '', body),
  }),
);
