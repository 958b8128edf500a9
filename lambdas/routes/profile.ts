import { defineRoutes } from './types';

export const profileRoutes = defineRoutes({
  me: {
    id: 'me',
    capability: 'profile',
    method: 'GET',
    path: '/v1/me',
    auth: 'user',
    description: "The caller's profile",
  },
});
