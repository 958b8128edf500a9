import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

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
 * The service's three tables: `settings` (accounts, invitations, per-user MFA profile; kept when the
 * stack is deleted), `codes` (challenges, phone validations, counters; short-lived by design) and
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
