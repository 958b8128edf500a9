import document from '../../../docs/openapi.json';
import { apiHandler } from '../../http/api-handler';
import { platformRoutes } from '../../routes/platform';

/** The committed OpenAPI document (`npm run openapi`), bundled into this function's code. */
export const handler = apiHandler(platformRoutes.openapi, async () => ({
  status: 200,
  body: document,
}));
