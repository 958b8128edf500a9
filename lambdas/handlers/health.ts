import { apiHandler } from '../http/api-handler';
import { routes } from '../routes';

export const handler = apiHandler(routes.health, async () => ({ status: 200, body: { status: 'ok' } }));
