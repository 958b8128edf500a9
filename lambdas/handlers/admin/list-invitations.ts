import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { listInvitations } from '../../services/admin/invitations';
import { core } from '../../wiring/core';
import { invitations } from '../../wiring/dynamo';

const deps = { ...core(), invitations: invitations() };

export const handler = apiHandler(
  adminRoutes.listInvitations,
  async ({ caller, pathParameters, queryParameters }) => ({
    status: 200,
    body: await listInvitations(deps, caller, pathParameters.accountId ?? '', {
      status: queryParameters.status,
      cursor: queryParameters.cursor,
    }),
  }),
);
