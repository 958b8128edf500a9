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
 * The two tables of design §2: `settings` (accounts, invitations, per-user MFA profile; kept when the
 * stack is deleted) and `codes` (challenges, phone validations, counters; short-lived by design).
 */
export class MfaTables extends Construct {
  readonly settings: Table;
  readonly codes: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.settings = new Table(this, 'Settings', tableProps(RemovalPolicy.RETAIN));
    this.codes = new Table(this, 'Codes', tableProps(RemovalPolicy.DESTROY));
  }
}
