import { apiHandler } from '../../http/api-handler';
import { type ChangePasswordBody, profileRoutes } from '../../routes/profile';
import { changePassword } from '../../services/profile/password';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { audit, users } from '../../wiring/dynamo';
import { email } from '../../wiring/senders';

const deps = { ...core(), identity: identity(), users: users(), audit: audit(), email: email() };

export const handler = apiHandler<ChangePasswordBody>(
  profileRoutes.changePassword,
  async ({ caller, body }) => {
    await changePassword(deps, caller, body);
    return { status: 204, body: undefined };
  },
);
