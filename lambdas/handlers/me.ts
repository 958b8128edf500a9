import { apiHandler } from '../http/api-handler';
import { routes } from '../routes';
import { deps } from '../services/deps';
import { myProfile } from '../services/profile';

export const handler = apiHandler(routes.me, async ({ caller }) => ({
  status: 200,
  body: await myProfile(deps(), caller),
}));
