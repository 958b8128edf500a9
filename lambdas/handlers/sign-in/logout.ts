import { apiHandler } from '../../http/api-handler';
import { type LogoutBody, signInRoutes } from '../../routes/sign-in';
import { logout } from '../../services/sign-in/logout';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { audit, users } from '../../wiring/dynamo';
import { sessions } from '../../wiring/sessions';

const deps = { ...core(), identity: identity(), sessions: sessions(), users: users(), audit: audit() };

export const handler = apiHandler<LogoutBody>(signInRoutes.logout, async ({ caller, body }) => {
  await logout(deps, caller, body);
  return { status: 204, body: undefined };
});
