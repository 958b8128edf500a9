import { apiHandler } from '../../http/api-handler';
import { adminRoutes } from '../../routes/admin';
import { listAuditEvents } from '../../services/admin/audit-events';
import { core } from '../../wiring/core';
import { audit } from '../../wiring/dynamo';

const deps = { ...core(), audit: audit() };

export const handler = apiHandler(
  adminRoutes.listAuditEvents,
  async ({ caller, pathParameters, queryParameters }) => ({
    status: 200,
    body: await listAuditEvents(deps, caller, pathParameters.accountId ?? '', queryParameters.cursor),
  }),
);
