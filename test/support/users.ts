import { randomUUID } from 'node:crypto';
import { type CreatedUser, createUser, ensureAccount, type NewUser } from '../../local/seed';

/**
 * Accounts and users for tests, made the way the service makes them (see local/seed.ts), in the stand-ins
 * named by process.env (the integration globalSetup sets it) or by an explicit env.
 */
type Env = Readonly<Record<string, string | undefined>>;

export const TEST_PASSWORD = 'a long test passphrase';

/** A unique address, so tests never collide in the shared stand-ins. */
export const uniqueEmail = (prefix = 'user'): string => `${prefix}-${randomUUID()}@example.test`;

export interface TestAccount {
  readonly accountId: string;
  readonly name: string;
  readonly mfaEnabled: boolean;
}

export async function createTestAccount(
  options: { mfaEnabled?: boolean; name?: string; accountId?: string } = {},
  env: Env = process.env,
): Promise<TestAccount> {
  const accountId = options.accountId ?? randomUUID();
  const account = await ensureAccount(env, {
    accountId,
    name: options.name ?? `Account ${accountId.slice(0, 8)}`,
    mfaEnabled: options.mfaEnabled ?? false,
    updatedBy: 'test',
  });
  return { accountId: account.accountId, name: account.name, mfaEnabled: account.mfaEnabled };
}

export type TestUserOptions = Partial<Omit<NewUser, 'accountId'>>;

export interface TestUser extends CreatedUser {
  readonly password: string;
  readonly accountId: string;
  readonly role: 'admin' | 'member';
  readonly phoneNumber?: string;
}

/** A confirmed user of `accountId` (defaults: a unique email, TEST_PASSWORD, role member, locale en, no phone). */
export async function createTestUser(
  accountId: string,
  options: TestUserOptions = {},
  env: Env = process.env,
): Promise<TestUser> {
  const user: NewUser = {
    email: options.email ?? uniqueEmail(options.role ?? 'member'),
    password: options.password ?? TEST_PASSWORD,
    accountId,
    role: options.role ?? 'member',
    name: options.name ?? 'Test User',
    locale: options.locale ?? 'en',
    mfaRequired: options.mfaRequired ?? false,
    phoneNumber: options.phoneNumber,
  };
  const created = await createUser(env, user);
  return {
    ...created,
    password: user.password,
    accountId,
    role: user.role ?? 'member',
    ...(user.phoneNumber ? { phoneNumber: user.phoneNumber } : {}),
  };
}

/** A fresh account and one user in it (an admin unless `user.role` says otherwise). */
export async function createAccountWithUser(
  options: { mfaEnabled?: boolean; accountName?: string; user?: TestUserOptions } = {},
  env: Env = process.env,
): Promise<{ account: TestAccount; user: TestUser }> {
  const account = await createTestAccount({ mfaEnabled: options.mfaEnabled, name: options.accountName }, env);
  const user = await createTestUser(account.accountId, { role: 'admin', ...options.user }, env);
  return { account, user };
}
