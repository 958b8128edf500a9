import { Aws, Stack } from 'aws-cdk-lib';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ACCOUNT_INDEX } from '../lambdas/adapters/account-index';
import type { routes } from '../lambdas/routes';
import type { ApiFunction } from './api-function';
import { acknowledge } from './nag';

/** What one route's Lambda may touch beyond its own log group. Anything not listed is denied. */
export interface RouteGrants {
  /** The settings table itself (never its indexes: see `accountIndex`). */
  readonly settings?: 'read' | 'readWrite';
  /** dynamodb:Query on the settings table's account index (listing an account's users or invitations). */
  readonly accountIndex?: boolean;
  readonly codes?: 'read' | 'readWrite';
  readonly cognito?: readonly (
    | 'AdminInitiateAuth'
    | 'AdminGetUser'
    | 'AdminCreateUser'
    | 'AdminSetUserPassword'
    | 'AdminDeleteUser'
    | 'AdminUpdateUserAttributes'
    | 'AdminDeleteUserAttributes'
  )[];
  /**
   * Cognito calls that take no IAM permission (RevokeToken authenticates with the app client and the
   * refresh token itself), listed so the route's bundle may carry the Cognito client.
   */
  readonly cognitoUnsigned?: readonly 'RevokeToken'[];
  /** sns:Publish to phone numbers (never to topics). */
  readonly sms?: boolean;
  /** ses:SendEmail/SendRawEmail from the configured sender address only. */
  readonly email?: boolean;
  /** Read the MFA keys secret (HMAC and sealing key material). */
  readonly keys?: boolean;
  /**
   * The audit table, which is append-only: 'append' = `dynamodb:PutItem` only (record events), 'read' =
   * `dynamodb:Query` only (list them). Never UpdateItem, DeleteItem or BatchWriteItem, for any route.
   */
  readonly audit?: 'append' | 'read';
}

type RouteIdString = (typeof routes)[keyof typeof routes]['id'];

/** Least privilege per route. The type makes a new route in `lambdas/routes.ts` fail to compile until it is listed. */
export const ROUTE_GRANTS: Readonly<Record<RouteIdString, RouteGrants>> = {
  health: {},
  // Serves the document bundled into its own code: touches nothing.
  openapi: {},
  // One Cognito call: the user's attributes come from the id token it returns. The user record (settings)
  // is written when SNS refuses an SMS and the code falls back to email.
  login: {
    cognito: ['AdminInitiateAuth'],
    settings: 'readWrite',
    codes: 'readWrite',
    sms: true,
    email: true,
    keys: true,
  },
  // The user record (settings) is written when an SMS code proves the phone it went to, or a recovery code
  // is used up; email: the notice that a recovery code was used (never SMS: a code step cannot send one).
  'verify-mfa': { codes: 'readWrite', settings: 'readWrite', keys: true, email: true, audit: 'append' },
  'resend-mfa': { codes: 'readWrite', settings: 'readWrite', sms: true, email: true, keys: true },
  // codes: the user's MFA lock, shown in `mfa.locked`.
  me: { cognito: ['AdminGetUser'], settings: 'read', codes: 'read' },
  'get-mfa-settings': { settings: 'read' },
  'put-mfa-settings': { settings: 'readWrite', audit: 'append' },
  // codes: the invitation quotas (per account and per address) of design §4.3.
  'create-invitation': {
    cognito: ['AdminGetUser'],
    settings: 'readWrite',
    codes: 'readWrite',
    email: true,
    audit: 'append',
  },
  'get-invitation': { settings: 'read' },
  // AdminDeleteUser only undoes a user whose password Cognito refused in the same request.
  register: {
    cognito: ['AdminGetUser', 'AdminCreateUser', 'AdminSetUserPassword', 'AdminDeleteUser'],
    settings: 'readWrite',
    audit: 'append',
  },
  'start-phone-validation': { cognito: ['AdminGetUser'], codes: 'readWrite', sms: true, keys: true },
  'resend-phone-validation': { codes: 'readWrite', sms: true, keys: true },
  'verify-phone-validation': { codes: 'readWrite', keys: true, audit: 'append' },
  // Email and SMS: the notice of the change goes to the user's address and the old number.
  'update-phone': {
    cognito: ['AdminGetUser', 'AdminUpdateUserAttributes'],
    codes: 'readWrite',
    settings: 'readWrite',
    sms: true,
    email: true,
    audit: 'append',
  },
  // The admin and account checks use the token's claims; the events are all it reads.
  'list-audit-events': { audit: 'read' },
  // Account lifecycle (issue 9). Refresh: Cognito mints, the service's session check reads the settings
  // table. RevokeToken (logout, a refused refresh) is an unauthenticated Cognito call: no IAM action.
  'refresh-tokens': { cognito: ['AdminInitiateAuth'], cognitoUnsigned: ['RevokeToken'], settings: 'read' },
  // Logout writes the session's logout mark and, with everywhere, the user's revocation stamp.
  logout: { settings: 'readWrite', audit: 'append', cognitoUnsigned: ['RevokeToken'] },
  // The user's status (a disabled user gets no code); the reset session and the per-address quota.
  'forgot-password': {
    cognito: ['AdminGetUser'],
    settings: 'read',
    codes: 'readWrite',
    keys: true,
    email: true,
  },
  'reset-password': {
    cognito: ['AdminSetUserPassword'],
    settings: 'readWrite',
    codes: 'readWrite',
    keys: true,
    email: true,
    audit: 'append',
  },
  // AdminInitiateAuth checks the current password.
  'change-password': {
    cognito: ['AdminGetUser', 'AdminInitiateAuth', 'AdminSetUserPassword'],
    settings: 'readWrite',
    email: true,
    audit: 'append',
  },
  // The account index (a GSI of the settings table), then each user's attributes and lock.
  'list-users': { cognito: ['AdminGetUser'], settings: 'read', accountIndex: true, codes: 'read' },
  'get-user': { cognito: ['AdminGetUser'], settings: 'read', codes: 'read' },
  'update-user': {
    cognito: ['AdminGetUser', 'AdminUpdateUserAttributes'],
    settings: 'readWrite',
    codes: 'read',
    audit: 'append',
  },
  // Removes the phone, clears the lock and send limits, revokes sessions, tells the user.
  'reset-user-mfa': {
    cognito: ['AdminGetUser', 'AdminDeleteUserAttributes'],
    settings: 'readWrite',
    codes: 'readWrite',
    email: true,
    audit: 'append',
  },
  'unlock-user': { cognito: ['AdminGetUser'], settings: 'read', codes: 'readWrite', audit: 'append' },
  'list-invitations': { settings: 'read', accountIndex: true },
  'revoke-invitation': { settings: 'readWrite', audit: 'append' },
  // A new invitation: the user-exists check and the inviter's name, the invitation quotas, the email.
  'resend-invitation': {
    cognito: ['AdminGetUser'],
    settings: 'readWrite',
    codes: 'readWrite',
    email: true,
    audit: 'append',
  },
  // Factors (issue 10). An enrolment is a challenge in the codes table; its secret is derived from the
  // HMAC key, so nothing secret is stored until the app's first right code seals it into the user record.
  'start-totp-enrollment': { codes: 'readWrite', keys: true },
  // codes: the enrolment and the user's failure count; email: the notice that an app was added.
  'verify-totp-enrollment': {
    codes: 'readWrite',
    settings: 'readWrite',
    keys: true,
    email: true,
    audit: 'append',
  },
  'remove-totp': { settings: 'readWrite', email: true, audit: 'append' },
  // The user's phone comes fresh from the pool (a token's claims may be older than a phone change).
  'get-my-mfa': { cognito: ['AdminGetUser'], settings: 'read' },
  'set-preferred-mfa-method': { cognito: ['AdminGetUser'], settings: 'readWrite', audit: 'append' },
  'regenerate-recovery-codes': { settings: 'readWrite', keys: true, email: true, audit: 'append' },
  'forget-device': { settings: 'readWrite', audit: 'append' },
  'forget-all-devices': { settings: 'readWrite', audit: 'append' },
};

export function grantsFor(routeId: string): RouteGrants {
  const grants = (ROUTE_GRANTS as Record<string, RouteGrants | undefined>)[routeId];
  if (!grants) throw new Error(`No IAM grants are defined for route "${routeId}" in lib/route-grants.ts`);
  return grants;
}

export interface GrantTargets {
  readonly settings: ITable;
  readonly codes: ITable;
  readonly audit: ITable;
  readonly userPool: UserPool;
  readonly keys: ISecret;
  /** SES identities the sender address is covered by (the address itself and its domain). */
  readonly sesIdentities: readonly string[];
  readonly sesFromAddress: string;
  /** SES configuration set the email senders name on SendEmail (SES authorizes it as a resource too). */
  readonly sesConfigurationSet: string;
}

const grantTable = (table: ITable, level: 'read' | 'readWrite' | undefined, fn: ApiFunction) => {
  if (level === 'read') table.grantReadData(fn.role);
  if (level === 'readWrite') table.grantReadWriteData(fn.role);
};

/** What `grantReadData` / `grantReadWriteData` allow on items (aws-cdk-lib's own lists, less streams). */
const ITEM_READS = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const ITEM_WRITES = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/**
 * The settings table has an index; CDK's table grants add `<table>/index/*` for it. The table ARN alone
 * here, and the one index only to the routes that list through it.
 */
export function grantSettings(
  role: IGrantable,
  table: ITable,
  level: 'read' | 'readWrite' | undefined,
  accountIndex = false,
): void {
  if (level) {
    role.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: level === 'read' ? ITEM_READS : [...ITEM_READS, ...ITEM_WRITES],
        resources: [table.tableArn],
      }),
    );
  }
  if (accountIndex) {
    role.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${table.tableArn}/index/${ACCOUNT_INDEX.name}`],
      }),
    );
  }
}

export function applyGrants(fn: ApiFunction, grants: RouteGrants, targets: GrantTargets): void {
  grantSettings(fn.role, targets.settings, grants.settings, grants.accountIndex);
  grantTable(targets.codes, grants.codes, fn);
  // Table.grant: the table ARN (and its indexes, of which the audit table has none), one action.
  if (grants.audit === 'append') targets.audit.grant(fn.role, 'dynamodb:PutItem');
  if (grants.audit === 'read') targets.audit.grant(fn.role, 'dynamodb:Query');
  if (grants.cognito?.length) {
    targets.userPool.grant(fn.role, ...grants.cognito.map((action) => `cognito-idp:${action}`));
  }
  if (grants.keys) targets.keys.grantRead(fn.role);
  if (grants.email) {
    const stack = Stack.of(fn);
    fn.role.addToPolicy(
      new PolicyStatement({
        sid: 'SendFromTheServiceAddressOnly',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          ...targets.sesIdentities.map((identity) =>
            stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
          ),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: targets.sesConfigurationSet,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': targets.sesFromAddress } },
      }),
    );
  }
  if (grants.sms) {
    fn.role.addToPolicy(
      new PolicyStatement({ sid: 'SmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
    );
    fn.role.addToPolicy(
      new PolicyStatement({
        sid: 'NeverPublishToTopics',
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    );
    acknowledge(
      fn.role,
      'AwsSolutions-IAM5[Resource::*]',
      'sns:Publish to a phone number (SMS) has no resource ARN and cannot be scoped; a Deny on every ' +
        'topic ARN (arn:*:sns:*:*:*) in the same policy restricts it to direct SMS only.',
    );
  }
}
