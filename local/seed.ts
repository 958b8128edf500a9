import {
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Account, dynamoAccountStore } from '../lambdas/adapters/account-store';
import { cognitoIdentity } from '../lambdas/adapters/identity';
import { ConfigError } from '../lambdas/config';

/**
 * Seeding of the local stack, and helpers that tests use to create accounts and users the way the
 * service's own flows would (the Cognito attributes and the settings-table item the handlers read).
 * Every function takes the stand-ins' `env` explicitly, so it works before `process.env` is set.
 */
export const DEMO_ACCOUNT_ID = '5f0c8f2e-8a7b-4c1d-9e3f-0d3e6e7a1c01';
export const DEMO_ACCOUNT_NAME = 'Demo Energy Co';
export const DEFAULT_ADMIN_EMAIL = 'admin@demo-energy.test';
export const DEFAULT_ADMIN_PASSWORD = 'correct-horse-battery-staple';
const SEEDED_BY = 'local-seed';

type Env = Readonly<Record<string, string | undefined>>;

export interface LocalClients {
  readonly cognito: CognitoIdentityProviderClient;
  readonly documentClient: DynamoDBDocumentClient;
  readonly userPoolId: string;
  readonly settingsTable: string;
  destroy(): void;
}

const required = (env: Env, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (start the stand-ins first)`);
  return value;
};

/** SDK clients aimed at the stand-ins named in `env` (the same variables the handlers read). */
export function localClients(env: Env): LocalClients {
  const common = {
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
    maxAttempts: 1,
  };
  const dynamo = new DynamoDBClient({ ...common, endpoint: required(env, 'AWS_ENDPOINT_URL_DYNAMODB') });
  const cognito = new CognitoIdentityProviderClient({
    ...common,
    endpoint: required(env, 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER'),
  });
  return {
    cognito,
    documentClient: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    userPoolId: required(env, 'USER_POOL_ID'),
    settingsTable: required(env, 'SETTINGS_TABLE_NAME'),
    destroy: () => {
      dynamo.destroy();
      cognito.destroy();
    },
  };
}

async function withClients<T>(env: Env, run: (clients: LocalClients) => Promise<T>): Promise<T> {
  const clients = localClients(env);
  try {
    return await run(clients);
  } finally {
    clients.destroy();
  }
}

export interface NewAccount {
  readonly accountId: string;
  readonly name: string;
  readonly mfaEnabled?: boolean;
  readonly updatedBy?: string;
}

/** Creates the account in the settings table unless it exists; returns the stored account. */
export function ensureAccount(env: Env, account: NewAccount): Promise<Account> {
  return withClients(env, async ({ documentClient, settingsTable }) => {
    const store = dynamoAccountStore(documentClient, settingsTable);
    const existing = await store.get(account.accountId);
    if (existing) return existing;
    const created: Account = {
      accountId: account.accountId,
      name: account.name,
      mfaEnabled: account.mfaEnabled ?? false,
      rememberDeviceDays: 0,
      updatedAt: new Date().toISOString(),
      updatedBy: account.updatedBy ?? SEEDED_BY,
    };
    try {
      await store.create(created);
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return (await store.get(account.accountId))!;
    }
    return created;
  });
}

export interface NewUser {
  readonly email: string;
  readonly password: string;
  readonly accountId: string;
  readonly role?: 'admin' | 'member';
  readonly name?: string;
  readonly locale?: string;
  /** custom:mfa_required: the user was invited while the account's MFA was on. */
  readonly mfaRequired?: boolean;
  /** E.164: the user's MFA phone. */
  readonly phoneNumber?: string;
}

export interface CreatedUser {
  /** The Cognito `sub` (also `cognito:username`: the pool signs in by email). */
  readonly userId: string;
  readonly email: string;
}

function userAttributes(user: NewUser): AttributeType[] {
  const attributes: AttributeType[] = [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'name', Value: user.name ?? user.email.split('@')[0]! },
    { Name: 'locale', Value: user.locale ?? 'en' },
    { Name: 'custom:account_id', Value: user.accountId },
    { Name: 'custom:role', Value: user.role ?? 'member' },
    { Name: 'custom:mfa_required', Value: String(user.mfaRequired ?? false) },
  ];
  if (user.phoneNumber) {
    attributes.push(
      { Name: 'phone_number', Value: user.phoneNumber },
      { Name: 'phone_number_verified', Value: 'true' },
    );
  }
  return attributes;
}

const subOf = (attributes: AttributeType[] | undefined): string | undefined =>
  attributes?.find((a) => a.Name === 'sub')?.Value;

/** Creates a confirmed user through the service's own identity adapter; fails when the email is taken. */
export function createUser(env: Env, user: NewUser): Promise<CreatedUser> {
  return withClients(env, async ({ cognito, userPoolId }) => {
    const created = await cognitoIdentity(cognito, userPoolId, env.USER_POOL_CLIENT_ID ?? '').createUser({
      email: user.email,
      password: user.password,
      name: user.name ?? user.email.split('@')[0]!,
      locale: user.locale ?? 'en',
      accountId: user.accountId,
      role: user.role ?? 'member',
      mfaRequired: user.mfaRequired ?? false,
      phoneNumber: user.phoneNumber,
    });
    if (!created.ok) throw new Error(`cannot create ${user.email}: ${created.reason}`);
    return { userId: created.userId, email: user.email };
  });
}

/** Creates the user, or brings an existing one in line with `user` (password, attributes, phone). */
export function ensureUser(env: Env, user: NewUser): Promise<CreatedUser> {
  return withClients(env, async ({ cognito, userPoolId }) => {
    let existing: { UserAttributes?: AttributeType[]; Username?: string } | undefined;
    try {
      existing = await cognito.send(
        new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }),
      );
    } catch (error) {
      if ((error as Error).name !== 'UserNotFoundException') throw error;
    }
    if (!existing) return createUser(env, user);
    // mfa_required is left as it is: it records how the user was invited, which a restart must not undo.
    const attributes = userAttributes(user).filter((a) => a.Name !== 'custom:mfa_required');
    await cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        UserAttributes: attributes,
      }),
    );
    const hadPhone = existing.UserAttributes?.some((a) => a.Name === 'phone_number');
    if (!user.phoneNumber && hadPhone) {
      await cognito.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: user.email,
          UserAttributeNames: ['phone_number', 'phone_number_verified'],
        }),
      );
    }
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        Password: user.password,
        Permanent: true,
      }),
    );
    return { userId: subOf(existing.UserAttributes) ?? existing.Username ?? '', email: user.email };
  });
}

/** LOCAL_ADMIN_EMAIL / LOCAL_ADMIN_PASSWORD / LOCAL_ADMIN_PHONE with their defaults; a bad one is a ConfigError. */
export function adminSettings(settings: Env = process.env): {
  email: string;
  password: string;
  phoneNumber?: string;
} {
  const email = (settings.LOCAL_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const password = settings.LOCAL_ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD;
  const phoneNumber = settings.LOCAL_ADMIN_PHONE?.trim() || undefined;
  const bad = (message: string) => new ConfigError(`Invalid configuration: ${message}`);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw bad('LOCAL_ADMIN_EMAIL must be an email address');
  if (password.length < 12) throw bad('LOCAL_ADMIN_PASSWORD must be at least 12 characters');
  if (phoneNumber && !/^\+[1-9]\d{6,14}$/.test(phoneNumber)) {
    throw bad('LOCAL_ADMIN_PHONE must be an E.164 number such as +14155552671');
  }
  return phoneNumber ? { email, password, phoneNumber } : { email, password };
}

export interface SeedResult {
  readonly accountId: string;
  readonly accountName: string;
  readonly mfaEnabled: boolean;
  readonly admin: CreatedUser & { readonly password: string; readonly phoneNumber?: string };
}

/**
 * Seeds the demo account "Demo Energy Co" (MFA off) and its admin, from LOCAL_ADMIN_EMAIL,
 * LOCAL_ADMIN_PASSWORD and LOCAL_ADMIN_PHONE (read from `settings`, defaulting to process.env).
 * Idempotent: on a reused LOCAL_DATA_DIR the account (and its MFA setting) is kept and the admin is
 * brought in line with the current settings.
 */
export async function seed(env: Env, settings: Env = process.env): Promise<SeedResult> {
  const { email, password, phoneNumber } = adminSettings(settings);
  const account = await ensureAccount(env, { accountId: DEMO_ACCOUNT_ID, name: DEMO_ACCOUNT_NAME });
  const admin = await ensureUser(env, {
    email,
    password,
    accountId: account.accountId,
    role: 'admin',
    name: 'Demo Admin',
    locale: 'en',
    mfaRequired: false,
    phoneNumber,
  });
  return {
    accountId: account.accountId,
    accountName: account.name,
    mfaEnabled: account.mfaEnabled,
    admin: { ...admin, password, ...(phoneNumber ? { phoneNumber } : {}) },
  };
}
