import { randomUUID } from 'node:crypto';
import type { IdTokenClaims } from '../../lambdas/adapters/token-verifier';
import type { Caller } from '../../lambdas/http/caller';
import type { Deps } from '../../lambdas/services/deps';
import { checkSession } from '../../lambdas/services/sessions/session-check';
import { createTestUser, TEST_PASSWORD } from '../support/users';
import { RecordingSender, seedAccount, testDeps } from './fixtures';

/**
 * Account-lifecycle helpers: real adapters against the stand-ins, with the real clock (revocation compares
 * the service's time with the sign-in time cognito-local writes into the tokens, which is the real one).
 */
export function lifecycleDeps(overrides: Partial<Deps> = {}) {
  const sender = new RecordingSender();
  const deps = testDeps({ sender, now: () => new Date(), ...overrides });
  return { deps, sender };
}

export interface Session {
  readonly idToken: string;
  readonly refreshToken: string;
  readonly claims: IdTokenClaims;
  readonly caller: Caller;
}

/** A password sign-in straight at Cognito (no MFA step): a session as login or verify would hand out. */
export async function signIn(deps: Deps, email: string, password = TEST_PASSWORD): Promise<Session> {
  const result = await deps.identity.signIn(email, password);
  if (!result.ok) throw new Error(`${email} could not sign in`);
  const claims = await deps.verifyToken(result.tokens.idToken);
  if (!claims) throw new Error('the pool minted a token its own verifier refuses');
  return {
    idToken: result.tokens.idToken,
    refreshToken: result.tokens.refreshToken,
    claims,
    caller: callerOf(claims),
  };
}

export const callerOf = (claims: IdTokenClaims): Caller => ({
  userId: claims.sub,
  username: claims.username,
  email: claims.email,
  accountId: claims.accountId,
  role: claims.role,
  authTime: claims.authTime,
  ...(claims.sessionId ? { sessionId: claims.sessionId } : {}),
  ...(claims.locale ? { locale: claims.locale } : {}),
});

/** What the authorizer decides for this id token ('allowed' or the refusal). */
export async function verdict(deps: Deps, idToken: string): Promise<string> {
  const check = await checkSession(deps, idToken, 'authorizer');
  return check.allowed ? 'allowed' : check.reason;
}

/** A fresh account with an admin (indexed and in the active-admin set, as registration leaves them). */
export async function accountWithAdmin(deps: Deps, options: { mfaEnabled?: boolean } = {}) {
  const { accountId, admin, password } = await seedAccount(deps, { mfaEnabled: options.mfaEnabled });
  const session = await signIn(deps, admin.email, password);
  return { accountId, admin: session.caller, adminSession: session, adminPassword: password };
}

export async function member(
  accountId: string,
  options: { role?: 'admin' | 'member'; mfaRequired?: boolean; phoneNumber?: string; locale?: string } = {},
) {
  return createTestUser(accountId, {
    email: `${options.role ?? 'member'}-${randomUUID()}@example.test`,
    ...options,
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
