import type { StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { MfaPolicy } from './mfa-policy';

/** Lambda log level, passed to Powertools as POWERTOOLS_LOG_LEVEL. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * Settings of the account MFA stack. Every one has a default, so `cdk deploy` works as is; `bin/app.ts`
 * reads each from CDK context under the same name (`cdk deploy -c sesFromAddress=no-reply@acme.com`).
 *
 * SMS (Amazon SNS): codes go straight to phone numbers (never topics). The code sets
 * `AWS.SNS.SMS.SMSType=Transactional` on every message, and `AWS.SNS.SMS.SenderID` when `smsSenderId`
 * is set; account-level SNS SMS settings (spend limit, sandbox exit, origination numbers) are made in
 * the AWS account and are not managed by this stack.
 */
export interface AccountMfaStackProps extends StackProps {
  /**
   * Address codes and notices are emailed from (SES `Source`). It must be, or belong to, an SES identity
   * verified in the account and region; the functions may send only from it.
   * @default 'no-reply@example.com'
   */
  readonly sesFromAddress?: string;
  /**
   * A domain (`example.com`) or email address for which to create an SES `EmailIdentity`. It must cover
   * `sesFromAddress`. A domain needs its DKIM records published (see the SES console after deploy).
   * @default - no identity is created; one must already exist
   */
  readonly sesIdentity?: string;
  /**
   * SNS sender id (1–11 letters or digits) set on every SMS, where the destination country supports it.
   * @default - none (SNS's default)
   */
  readonly smsSenderId?: string;
  /**
   * Base URL of the web app; invitation links are `<appBaseUrl>/register?invitation=<token>`.
   * @default 'https://app.example.com'
   */
  readonly appBaseUrl?: string;
  /**
   * Product name used in SMS and email texts (at most 40 characters).
   * @default 'Account MFA'
   */
  readonly productName?: string;
  /**
   * Retention of the Lambda and API access log groups.
   * @default RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: RetentionDays;
  /**
   * Log level of the functions.
   * @default 'INFO'
   */
  readonly logLevel?: LogLevel;
  /**
   * API stage name. The route paths already start with `/v1`, so this is not a version.
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Steady-state request rate limit of the stage, requests per second.
   * @default 50
   */
  readonly throttlingRateLimit?: number;
  /**
   * Burst limit of the stage, requests.
   * @default 100
   */
  readonly throttlingBurstLimit?: number;
  /**
   * Create the account-level IAM role that lets API Gateway write execution logs to CloudWatch
   * (`AWS::ApiGateway::Account`, one per account and region). Turn it off when the account already has one.
   * @default true
   */
  readonly apiGatewayCloudWatchRole?: boolean;
  /**
   * Overrides of the MFA numbers (design §6); fields left out keep the service defaults.
   * @default - the defaults of `lambdas/config.ts`
   */
  readonly mfa?: Partial<MfaPolicy>;
}

/** The defaults of every optional setting above. */
export const STACK_DEFAULTS = {
  sesFromAddress: 'no-reply@example.com',
  appBaseUrl: 'https://app.example.com',
  productName: 'Account MFA',
  logRetention: RetentionDays.THREE_MONTHS,
  logLevel: 'INFO',
  stageName: 'prod',
  throttlingRateLimit: 50,
  throttlingBurstLimit: 100,
  apiGatewayCloudWatchRole: true,
} as const satisfies Partial<AccountMfaStackProps>;
