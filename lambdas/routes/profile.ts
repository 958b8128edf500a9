import * as z from 'zod/mini';
import { currentPassword, newPassword } from './fields';
import { defineRoutes } from './types';

export const changePasswordBody = z.strictObject({ currentPassword, newPassword });
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const profileRoutes = defineRoutes({
  me: {
    id: 'me',
    capability: 'profile',
    method: 'GET',
    path: '/v1/me',
    auth: 'user',
    description: "The caller's profile",
  },
  changePassword: {
    id: 'change-password',
    capability: 'profile',
    method: 'PUT',
    path: '/v1/me/password',
    auth: 'user',
    body: changePasswordBody,
    description: "Changes the caller's password; ends their other sessions",
  },
});
