import { apiHandler } from '../http/api-handler';
import { routes } from '../routes';
import { listAuditEvents } from '../services/audit-trail';
import { deps } from '../services/deps';

export const handler = apiHandler(
  routes.listAuditEvents,
  async ({ caller, pathParameters, queryParameters }) => ({
    status: 200,
    body: await listAuditEvents(deps(), caller, pathParameters.accountId ?? '', queryParameters.cursor),
  }),
);
