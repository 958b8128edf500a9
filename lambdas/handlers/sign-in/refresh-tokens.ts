import { apiHandler } from '../../http/api-handler';
import { type RefreshBody, signInRoutes } from '../../routes/sign-in';
import { refreshTokens } from '../../services/sign-in/refresh';
import { identity } from '../../wiring/cognito';
import { core } from '../../wiring/core';
import { sessions, tokenVerifier } from '../../wiring/sessions';

const deps = { ...core(), identity: identity(), verifyToken: tokenVerifier(), sessions: sessions() };

export const handler = apiHandler<RefreshBody>(signInRoutes.refreshTokens, async ({ body }) => ({
  status: 200,
  body: await refreshTokens(deps, body),
}));
