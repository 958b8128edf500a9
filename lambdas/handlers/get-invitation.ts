import { apiHandler } from '../http/api-handler';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { describeInvitation } from '../services/invitations';

export const handler = apiHandler(routes.getInvitation, async ({ pathParameters }) => ({
  status: 200,
  body: await describeInvitation(deps(), pathParameters.token ?? ''),
}));
