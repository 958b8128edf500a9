import { Aws, Stack } from 'aws-cdk-lib';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { routes } from '../lambdas/routes';
import type { ApiFunction } from './api-function';
import { acknowledge } from './nag';

/** What one route's Lambda may touch beyond its own log group. Anything not listed is denied. */
export interface RouteGrants {
  readonly settings?: 'read' | 'readWrite';
  readonly codes?: 'read' | 'readWrite';
  readonly cognito?: readonly (
    | 'AdminInitiateAuth'
    | 'AdminGetUser'
    | 'AdminCreateUser'
    | 'AdminSetUserPassword'
    | 'AdminDeleteUser'
    | 'AdminUpdateUserAttributes'
  )[];
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
  // The user record (settings) is written when an SMS code proves the phone it went to.
  'verify-mfa': { codes: 'readWrite', settings: 'readWrite', keys: true, audit: 'append' },
  'resend-mfa': { codes: 'readWrite', settings: 'readWrite', sms: true, email: true, keys: true },
  me: { cognito: ['AdminGetUser'], settings: 'read' },
  'get-mfa-settings': { settings: 'read' },
  'put-mfa-settings': { settings: 'readWrite', audit: 'append' },
  // The codes table holds the invitation quotas (per account, per address).
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

export function applyGrants(fn: ApiFunction, grants: RouteGrants, targets: GrantTargets): void {
  grantTable(targets.settings, grants.settings, fn);
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
