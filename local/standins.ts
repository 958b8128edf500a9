import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { type CognitoLocal, startCognitoLocal } from './cognito-local';
import { type DynamoEngine, type LocalDynamo, startLocalDynamo } from './dynamo';
import { type FailOptions, mergeOldestFirst, type OutboxMessage } from './outbox';
import { type SesEndpoint, startSesEndpoint } from './ses-endpoint';
import { type SnsEndpoint, startSnsEndpoint } from './sns-endpoint';

export type { FailOptions, OutboxMessage } from './outbox';

export const LOCAL_REGION = 'us-east-1';
export const SETTINGS_TABLE_NAME = 'mfa-settings';
export const CODES_TABLE_NAME = 'mfa-codes';
export const AUDIT_TABLE_NAME = 'mfa-audit';
export const SES_FROM_ADDRESS = 'no-reply@mfa.local';
const POOL_NAME = 'mfa-local';
const CLIENT_NAME = 'mfa-local-web';
const STATE_FILE = 'standins.json';
const SECRET_FILE = 'mfa-local-secret';

export interface StandInsOptions {
  /** Keep DynamoDB data, Cognito data and MFA_LOCAL_SECRET here across starts (fresh temp state otherwise). */
  dataDir?: string;
  /** 'java' = DynamoDB Local (fails without Java); 'js' = dynalite; 'auto' (default) = Java when on PATH. */
  dynamo?: 'java' | 'js' | 'auto';
  /** APP_BASE_URL; default http://localhost:<PORT or 3000>. */
  appBaseUrl?: string;
  /** Where notes go (the fallback to dynalite); default console.log. */
  log?: (line: string) => void;
}

export interface StandIns {
  /** Everything the handlers, the gateway and the tests need (see `buildEnv`). */
  readonly env: Record<string, string>;
  readonly dynamoEngine: DynamoEngine;
  readonly endpoints: {
    readonly dynamodb: string;
    readonly cognito: string;
    readonly ses: string;
    readonly sns: string;
  };
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** Captured SMS and email, oldest first; `to` filters by recipient (case-insensitive). */
  outbox(to?: string): Promise<OutboxMessage[]>;
  clearOutbox(): Promise<void>;
  /** The next `count` SMS publishes (to `options.to`, when given) fail with an SNS error. */
  failNextSms(count: number, options?: FailOptions): void;
  /** The next `count` emails (to `options.to`, when given) fail with an SES error. */
  failNextEmails(count: number, options?: FailOptions): void;
  /** Stops every server and child process it started; removes its temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

interface PersistedState {
  userPoolId?: string;
  userPoolClientId?: string;
}

const customString = (name: string, max: number, mutable: boolean) => ({
  Name: name,
  AttributeDataType: 'String' as const,
  Mutable: mutable,
  StringAttributeConstraints: { MinLength: '1', MaxLength: String(max) },
});

/**
 * The local user pool: the deployed pool's settings (lib/user-pool.ts) as far as they change what a caller
 * sees. test/infra/local-parity.test.ts compares them with the synthesized template, so a drift fails CI.
 */
export const LOCAL_USER_POOL = {
  PoolName: POOL_NAME,
  UsernameAttributes: ['email'],
  UsernameConfiguration: { CaseSensitive: false },
  AutoVerifiedAttributes: ['email'],
  Policies: {
    PasswordPolicy: {
      MinimumLength: 12,
      RequireLowercase: false,
      RequireUppercase: false,
      RequireNumbers: false,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 7,
    },
  },
  Schema: [
    customString('account_id', 64, false),
    customString('role', 16, true),
    customString('mfa_required', 5, true),
  ],
} satisfies CreateUserPoolCommandInput;

/**
 * The local app client: the deployed client's auth flows, attributes and token lifetimes. cognito-local
 * stores but does not enforce flows and write attributes; local/cognito-guard.ts does.
 */
export const LOCAL_APP_CLIENT = {
  ClientName: CLIENT_NAME,
  GenerateSecret: false,
  ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
  ReadAttributes: [
    'custom:account_id',
    'custom:mfa_required',
    'custom:role',
    'email',
    'email_verified',
    'locale',
    'name',
    'phone_number',
    'phone_number_verified',
  ],
  WriteAttributes: ['locale', 'name'],
  // Stated in full: cognito-local's own defaults (24 h) differ from AWS's.
  IdTokenValidity: 60,
  AccessTokenValidity: 60,
  RefreshTokenValidity: 720,
  TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
} satisfies Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>;

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function ensureTable(client: DynamoDBClient, tableName: string, sortKey?: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  // TTL is deliberately NOT enabled locally: DynamoDB Local would hide expired items at once, and the
  // handlers and tests must see expired-but-stored items, as real DynamoDB keeps them for up to ~48 h.
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        ...(sortKey ? [{ AttributeName: sortKey, AttributeType: 'S' as const }] : []),
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : []),
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
}

async function ensureUserPool(
  client: CognitoIdentityProviderClient,
  state: PersistedState,
): Promise<Required<PersistedState>> {
  if (state.userPoolId && state.userPoolClientId) {
    try {
      await client.send(
        new DescribeUserPoolClientCommand({ UserPoolId: state.userPoolId, ClientId: state.userPoolClientId }),
      );
      // A pool kept in LOCAL_DATA_DIR gets the client settings of this version.
      const { GenerateSecret: _fixedAtCreation, ...settings } = LOCAL_APP_CLIENT;
      await client.send(
        new UpdateUserPoolClientCommand({
          ...settings,
          UserPoolId: state.userPoolId,
          ClientId: state.userPoolClientId,
        }),
      );
      return { userPoolId: state.userPoolId, userPoolClientId: state.userPoolClientId };
    } catch {
      // Gone (the data dir was partly cleared): create a new pool below.
    }
  }
  const { UserPool } = await client.send(new CreateUserPoolCommand(LOCAL_USER_POOL));
  const userPoolId = UserPool?.Id;
  if (!userPoolId) throw new Error('cognito-local created no user pool id');
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({ ...LOCAL_APP_CLIENT, UserPoolId: userPoolId }),
  );
  const userPoolClientId = UserPoolClient?.ClientId;
  if (!userPoolClientId) throw new Error('cognito-local created no app client id');
  return { userPoolId, userPoolClientId };
}

function readState(dataDir: string | undefined): PersistedState {
  if (!dataDir) return {};
  try {
    return JSON.parse(readFileSync(join(dataDir, STATE_FILE), 'utf8')) as PersistedState;
  } catch {
    return {};
  }
}

function localSecret(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(secret)) return secret;
  }
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Starts the local stand-ins for DynamoDB, Cognito, SES and SNS on free loopback ports, creates the tables,
 * the user pool and its app client, and returns the environment that points the real AWS SDK v3 clients at
 * them (through the SDK's standard `AWS_ENDPOINT_URL_<SERVICE>` variables).
 */
export async function startStandIns(options: StandInsOptions = {}): Promise<StandIns> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const tempDir = dataDir ? undefined : mkdtempSync(join(tmpdir(), 'mfa-standins-'));
  const stateDir = dataDir ?? tempDir!;

  const started: { close(): Promise<void> }[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.allSettled(started.reverse().map((s) => s.close()));
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    // allSettled, not all: a stand-in still starting when another fails must be stopped too.
    const results = await Promise.allSettled([
      startLocalDynamo({ engine: options.dynamo ?? 'auto', dataDir, log }),
      startCognitoLocal({ dataDir: join(stateDir, 'cognito') }),
      startSesEndpoint(),
      startSnsEndpoint(),
    ] as const);
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [dynamo, cognito, ses, sns] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
      LocalDynamo,
      CognitoLocal,
      SesEndpoint,
      SnsEndpoint,
    ];

    const dynamoClient = new DynamoDBClient({
      endpoint: dynamo.url,
      region: LOCAL_REGION,
      credentials,
      maxAttempts: 1,
    });
    const cognitoClient = new CognitoIdentityProviderClient({
      endpoint: cognito.url,
      region: LOCAL_REGION,
      credentials,
      maxAttempts: 1,
    });
    const [, , , pool] = await Promise.all([
      ensureTable(dynamoClient, SETTINGS_TABLE_NAME),
      ensureTable(dynamoClient, CODES_TABLE_NAME),
      ensureTable(dynamoClient, AUDIT_TABLE_NAME, 'sk'),
      ensureUserPool(cognitoClient, readState(dataDir)),
    ]);
    dynamoClient.destroy();
    cognitoClient.destroy();
    if (dataDir) writeFileSync(join(dataDir, STATE_FILE), `${JSON.stringify(pool, null, 2)}\n`);

    const issuer = `${cognito.url}/${pool.userPoolId}`;
    const env = buildEnv({
      dynamodb: dynamo.url,
      cognito: cognito.url,
      ses: ses.url,
      sns: sns.url,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      issuer,
      secret: localSecret(dataDir),
      appBaseUrl: options.appBaseUrl ?? `http://localhost:${process.env.PORT || 3000}`,
    });

    return {
      env,
      dynamoEngine: dynamo.engine,
      endpoints: { dynamodb: dynamo.url, cognito: cognito.url, ses: ses.url, sns: sns.url },
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      outbox: async (to) => mergeOldestFirst(sns.messages(to).map(toOutboxMessage), ses.messages(to)),
      clearOutbox: async () => {
        sns.clear();
        ses.clear();
      },
      failNextSms: (count, opts) => sns.failNext(count, opts),
      failNextEmails: (count, opts) => ses.failNext(count, opts),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The contract's outbox fields only (the SNS stand-in also records message attributes). */
const toOutboxMessage = ({ id, channel, to, subject, body, sentAt }: OutboxMessage): OutboxMessage =>
  subject === undefined ? { id, channel, to, body, sentAt } : { id, channel, to, subject, body, sentAt };

function buildEnv(p: {
  dynamodb: string;
  cognito: string;
  ses: string;
  sns: string;
  userPoolId: string;
  userPoolClientId: string;
  issuer: string;
  secret: string;
  appBaseUrl: string;
}): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Never reach for instance metadata or a developer's configured endpoints.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false',
    AWS_ENDPOINT_URL_DYNAMODB: p.dynamodb,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: p.cognito,
    AWS_ENDPOINT_URL_SES: p.ses,
    AWS_ENDPOINT_URL_SNS: p.sns,
    // cognito-local and the outbox stand-ins must not be retried into duplicate sends.
    AWS_MAX_ATTEMPTS: '1',
    SETTINGS_TABLE_NAME,
    CODES_TABLE_NAME,
    AUDIT_TABLE_NAME,
    USER_POOL_ID: p.userPoolId,
    USER_POOL_CLIENT_ID: p.userPoolClientId,
    SES_FROM_ADDRESS,
    MFA_LOCAL_SECRET: p.secret,
    APP_BASE_URL: p.appBaseUrl,
    COGNITO_ISSUER: p.issuer,
    COGNITO_JWKS_URL: `${p.issuer}/.well-known/jwks.json`,
    LOCAL_SNS_URL: p.sns,
    LOCAL_SES_URL: p.ses,
  };
}
