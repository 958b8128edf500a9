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
});
