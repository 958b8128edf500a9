import { defineRoutes } from './types';

export const platformRoutes = defineRoutes({
  health: {
    id: 'health',
    capability: 'platform',
    method: 'GET',
    path: '/v1/health',
    auth: 'none',
    description: 'Liveness check',
  },
  openapi: {
    id: 'openapi',
    capability: 'platform',
    method: 'GET',
    path: '/v1/openapi.json',
    auth: 'none',
    description: 'The OpenAPI 3.1 description of this API (docs/openapi.json)',
  },
});
