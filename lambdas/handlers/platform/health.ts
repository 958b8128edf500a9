import { apiHandler } from '../../http/api-handler';
import { platformRoutes } from '../../routes/platform';

export const handler = apiHandler(platformRoutes.health, async () => ({
  status: 200,
  body: { status: 'ok' },
}));
