import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ACCOUNT_INDEX } from '../lambdas/adapters/account-index';

/** Attribute that DynamoDB TTL reads (epoch seconds). TTL is clean-up only; the code checks expiry itself. */
export const TTL_ATTRIBUTE = 'expiresAt';

const tableProps = (removalPolicy: RemovalPolicy) => ({
  partitionKey: { name: 'pk', type: AttributeType.STRING },
  billingMode: BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  timeToLiveAttribute: TTL_ATTRIBUTE,
  encryption: TableEncryption.AWS_MANAGED,
  removalPolicy,
});

/**
 * The service's three tables: `settings` (accounts, invitations, per-user MFA profile and session state,
 * with a GSI that lists an account's users and invitations; kept when the stack is deleted), `codes`
 * (challenges, phone validations, counters; short-lived by design) and
 * `audit` (issue 5: the MFA lifecycle events of each account, `pk` + `sk`).
 *
 * The audit table is append-only for the service: writers get `dynamodb:PutItem` alone and the one reader
 * `dynamodb:Query` alone (lib/route-grants.ts). It has no TTL (events are evidence), is kept when the stack
 * is deleted and cannot be deleted by accident (deletion protection).
 */
export class MfaTables extends Construct {
  readonly settings: Table;
  readonly codes: Table;
  readonly audit: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.settings = new Table(this, 'Settings', tableProps(RemovalPolicy.RETAIN));
    // What belongs to an account (its users, its invitations), listed by an admin (lambdas/adapters/account-index.ts).
    this.settings.addGlobalSecondaryIndex({
      indexName: ACCOUNT_INDEX.name,
      partitionKey: { name: ACCOUNT_INDEX.pk, type: AttributeType.STRING },
      sortKey: { name: ACCOUNT_INDEX.sk, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    this.codes = new Table(this, 'Codes', tableProps(RemovalPolicy.DESTROY));
    this.audit = new Table(this, 'Audit', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Every table, by the name used in alarms and the dashboard. */
  get all(): Readonly<Record<'settings' | 'codes' | 'audit', Table>> {
    return { settings: this.settings, codes: this.codes, audit: this.audit };
  }
}
