import type { StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { MfaPolicy } from './mfa-policy';

/** The Cognito feature plans this stack offers (see `cognitoFeaturePlan`). */
export type CognitoFeaturePlan = 'LITE' | 'ESSENTIALS';
export const COGNITO_FEATURE_PLANS: readonly CognitoFeaturePlan[] = ['LITE', 'ESSENTIALS'];

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
   * verified in the account and region; the functions may send only from it. Synth warns while it is the
   * placeholder (context key `sesFromAddress`).
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
   * Base URL of the web app; invitation links are `<appBaseUrl>/register?invitation=<token>`. Synth warns
   * while it is the placeholder (context key `appBaseUrl`) and the stack hosts no web app.
   * @default - the web app's CloudFront URL when `webApp` is on, else 'https://app.example.com'
   */
  readonly appBaseUrl?: string;
  /**
   * Host the web app (web/, or `webAppDir`) on CloudFront with a private S3 bucket, and allow its origin
   * in CORS. `cdk synth` builds web/ when it is missing or stale. Turn it off to serve your own frontend
   * elsewhere (then set `appBaseUrl` and `corsAllowedOrigins` to it).
   * @default true
   */
  readonly webApp?: boolean;
  /**
   * A folder with a built frontend (index.html, hashed files under assets/) to host instead of web/.
   * It gets the same hosting, headers and `config.json` (`{"apiUrl": ...}`).
   * @default - web/dist, built from web/
   */
  readonly webAppDir?: string;
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
   * Memory of every route's function, in MB (Lambda gives CPU in proportion). The routes wait on Cognito,
   * DynamoDB, SNS and SES far more than they compute: 256 MB keeps a sign-in's CPU work small against that
   * wait and halves the cost of each millisecond against 512 MB (docs/cost-model.md). Raise it for
   * faster cold starts.
   * @default 256
   */
  readonly functionMemoryMb?: number;
  /**
   * Ship source maps with every function and run them with `--enable-source-maps` (readable stack traces
   * in the logs). Off by default: it adds 30-70 ms of CPU to every cold start and doubles the assets.
   * @default false
   */
  readonly sourceMaps?: boolean;
  /**
   * Print esbuild's output for every function while bundling (`cdk synth` is quiet otherwise).
   * @default false
   */
  readonly verboseBundling?: boolean;
  /**
   * Custom domain of the API, e.g. `api.acme.com` (with `apiCertificateArn`): API Gateway serves the routes
   * at `https://<apiDomainName>/v1/...` (a base path mapping of the whole API at the root) besides the
   * execute-api URL. Point a DNS CNAME or alias at the `ApiDomainTarget` output after deploy.
   * @default - none: the execute-api URL only
   */
  readonly apiDomainName?: string;
  /**
   * ARN of an ACM certificate for `apiDomainName`, in the stack's region (a regional endpoint).
   * @default - none; required with `apiDomainName`
   */
  readonly apiCertificateArn?: string;
  /**
   * Cognito feature plan (price per monthly active user). The service needs only what every plan has:
   * `ADMIN_USER_PASSWORD_AUTH`, custom attributes (`custom:account_id`, `role`, `mfa_required`), refresh
   * token revocation and the admin APIs; its second factor, lockouts and breached-password check are its
   * own. `ESSENTIALS` (about 2.7× Lite per MAU) adds managed login pages, passwordless sign-in, access-token
   * customization, email MFA and refresh-token rotation, none of which the service uses. `PLUS` (threat
   * protection) is refused: sign-in runs server-side through the login Lambda and does not pass Cognito
   * `ContextData`, so adaptive authentication would judge the Lambda's IP, not the user's (docs/deploy.md).
   * @default 'LITE'
   */
  readonly cognitoFeaturePlan?: CognitoFeaturePlan;
  /**
   * Seconds API Gateway reuses the session authorizer's answer for one token (0–60). A revoked session
   * (logout everywhere, password reset or change, MFA reset, role change, disabling, MFA turned on) stops
   * opening routes within this time; a longer cache means fewer authorizer calls (one Lambda invocation and
   * one DynamoDB BatchGetItem each).
   * @default 30
   */
  readonly authorizerCacheSeconds?: number;
  /**
   * Overrides of the MFA numbers (docs/api.md, "Settings" in the README); fields left out keep the service defaults.
   * @default - the defaults of `lambdas/config.ts`
   */
  readonly mfa?: Partial<MfaPolicy>;

  // ---- Operations (issue 5): alarms, dashboard, WAF, CORS. See lib/operations/. ----

  /**
   * Email address subscribed to the alarm topic (SNS sends a confirmation mail first). Every alarm notifies
   * the topic, on ALARM and on OK; subscribe anything else (chat, paging) to the `AlarmTopicArn` output.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * Monthly SMS budget in USD. Alarms fire when SNS's `SMSMonthToDateSpentUSD` reaches 50% and 80% of it.
   * Keep it equal to (or below) the account's SNS `MonthlySpendLimit`, which is what actually stops sending.
   * @default 100
   */
  readonly smsMonthlyBudgetUsd?: number;
  /**
   * Users locked (`UsersLocked`) in 5 minutes above which the lock-surge alarm fires (a credential-stuffing
   * or code-guessing wave).
   * @default 10
   */
  readonly locksAlarmThreshold?: number;
  /**
   * Wrong codes (`VerificationsFailed`, every purpose) in 5 minutes above which the failure-surge alarm fires.
   * @default 100
   */
  readonly verifyFailuresAlarmThreshold?: number;
  /**
   * SMS-pumping signal: the alarm fires when, over one hour, login SMS codes verified / login SMS codes sent
   * falls below this ratio (0–1), provided at least `smsVerificationRatioMinCodes` codes were sent.
   * @default 0.5
   */
  readonly smsVerificationRatioThreshold?: number;
  /**
   * Login SMS codes sent in one hour below which the SMS-pumping alarm stays quiet (low volume is noise).
   * @default 20
   */
  readonly smsVerificationRatioMinCodes?: number;
  /**
   * Put an AWS WAF web ACL in front of the API stage: a per-IP rate rule on `/v1/auth/*`,
   * `/v1/registrations` and `/v1/me/phone/`, a wider per-IP rate rule on every route, and the AWS managed Common and KnownBadInputs rule sets. About $5/month + $1 per
   * rule + $0.60 per million requests. Turn it off only where another WAF already fronts the API.
   * @default true
   */
  readonly wafEnabled?: boolean;
  /**
   * Requests per client IP per 5 minutes to `/v1/auth/*`, `/v1/registrations` and `/v1/me/phone/` before WAF answers 429
   * (AWS WAF's minimum is 10). It sits above the service's own per-user and per-destination limits.
   * @default 300
   */
  readonly wafRateLimit?: number;
  /**
   * Requests per client IP per 5 minutes to any route, all together, before WAF answers 429: the wide rule
   * beside the tighter one above (a signed-in browser polls /v1/me and the admin pages). At least
   * `wafRateLimit`.
   * @default 3000
   */
  readonly wafAllRoutesRateLimit?: number;
  /**
   * Browser origins (`https://app.example.com`, no path) allowed to call the API cross-origin. When set,
   * every resource answers CORS preflights (OPTIONS) for these origins only, the functions get
   * `CORS_ALLOWED_ORIGINS` to echo an allowed `Origin`, and, when there is exactly one origin, API
   * Gateway's own error answers (401, 403, 429, ...) carry `Access-Control-Allow-Origin` too (with several
   * origins they cannot echo one safely, so the browser sees those errors as network errors).
   * @default - none: no CORS; the API serves same-origin or non-browser clients only
   */
  readonly corsAllowedOrigins?: readonly string[];
}

/** The defaults of every optional setting above. */
export const STACK_DEFAULTS = {
  sesFromAddress: 'no-reply@example.com',
  appBaseUrl: 'https://app.example.com',
  webApp: true,
  productName: 'Account MFA',
  logRetention: RetentionDays.THREE_MONTHS,
  logLevel: 'INFO',
  stageName: 'prod',
  throttlingRateLimit: 50,
  throttlingBurstLimit: 100,
  apiGatewayCloudWatchRole: true,
  smsMonthlyBudgetUsd: 100,
  locksAlarmThreshold: 10,
  verifyFailuresAlarmThreshold: 100,
  smsVerificationRatioThreshold: 0.5,
  smsVerificationRatioMinCodes: 20,
  wafEnabled: true,
  wafRateLimit: 300,
  wafAllRoutesRateLimit: 3000,
  cognitoFeaturePlan: 'LITE',
  functionMemoryMb: 256,
  sourceMaps: false,
  verboseBundling: false,
  authorizerCacheSeconds: 30,
} as const satisfies Partial<AccountMfaStackProps>;
