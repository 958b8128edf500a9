import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import type { MfaPolicy } from './mfa-policy';
import {
  type AccountMfaStackProps,
  COGNITO_FEATURE_PLANS,
  type CognitoFeaturePlan,
  type LogLevel,
} from './stack-props';

/**
 * Stack props from CDK context (`cdk deploy -c sesFromAddress=no-reply@acme.com`, or `cdk.json`):
 * the same names as the props. `mfa` is an object in cdk.json or a JSON string on the command line,
 * e.g. `-c mfa='{"codeTtlSeconds":180}'`. Numbers and booleans may be given as strings; lists
 * (`corsAllowedOrigins`) as a JSON array in cdk.json or comma-separated on the command line.
 */
export function propsFromContext(node: Node): AccountMfaStackProps {
  const str = (key: string): string | undefined => {
    const value = node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const num = (key: string): number | undefined => {
    const value = str(key);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new Error(`Context "${key}" must be a number, got "${value}"`);
    return parsed;
  };
  const bool = (key: string): boolean | undefined => {
    const value = str(key);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw new Error(`Context "${key}" must be true or false`);
    return value === 'true';
  };
  return {
    sesFromAddress: str('sesFromAddress'),
    sesIdentity: str('sesIdentity'),
    smsSenderId: str('smsSenderId'),
    appBaseUrl: str('appBaseUrl'),
    webApp: bool('webApp'),
    webAppDir: str('webAppDir'),
    productName: str('productName'),
    logRetention: retention(num('logRetentionDays')),
    logLevel: logLevel(str('logLevel')),
    stageName: str('stageName'),
    throttlingRateLimit: num('throttlingRateLimit'),
    throttlingBurstLimit: num('throttlingBurstLimit'),
    apiGatewayCloudWatchRole: bool('apiGatewayCloudWatchRole'),
    mfa: mfaPolicy(node.tryGetContext('mfa')),
    alarmEmail: str('alarmEmail'),
    smsMonthlyBudgetUsd: num('smsMonthlyBudgetUsd'),
    locksAlarmThreshold: num('locksAlarmThreshold'),
    verifyFailuresAlarmThreshold: num('verifyFailuresAlarmThreshold'),
    smsVerificationRatioThreshold: num('smsVerificationRatioThreshold'),
    smsVerificationRatioMinCodes: num('smsVerificationRatioMinCodes'),
    wafEnabled: bool('wafEnabled'),
    wafRateLimit: num('wafRateLimit'),
    wafAllRoutesRateLimit: num('wafAllRoutesRateLimit'),
    apiDomainName: str('apiDomainName'),
    apiCertificateArn: str('apiCertificateArn'),
    cognitoFeaturePlan: featurePlan(str('cognitoFeaturePlan')),
    corsAllowedOrigins: stringList(node.tryGetContext('corsAllowedOrigins')),
    functionMemoryMb: num('functionMemoryMb'),
    sourceMaps: bool('sourceMaps'),
    authorizerCacheSeconds: num('authorizerCacheSeconds'),
    verboseBundling: bool('verboseBundling'),
  };
}

/** A list from cdk.json (a JSON array) or the command line (`-c corsAllowedOrigins=https://a.com,https://b.com`). */
function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const list = items.map((item) => item.trim()).filter((item) => item !== '');
  return list.length > 0 ? list : undefined;
}

function featurePlan(value: string | undefined): CognitoFeaturePlan | undefined {
  if (value === undefined) return undefined;
  const plan = value.toUpperCase() as CognitoFeaturePlan;
  if (!COGNITO_FEATURE_PLANS.includes(plan))
    throw new Error(`Context "cognitoFeaturePlan" must be one of ${COGNITO_FEATURE_PLANS.join(', ')}`);
  return plan;
}

const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

function logLevel(value: string | undefined): LogLevel | undefined {
  if (value === undefined) return undefined;
  const level = value.toUpperCase() as LogLevel;
  if (!LOG_LEVELS.includes(level))
    throw new Error(`Context "logLevel" must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

function retention(days: number | undefined): RetentionDays | undefined {
  if (days === undefined) return undefined;
  if (!Object.values(RetentionDays).includes(days)) {
    throw new Error(
      `Context "logRetentionDays" must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, ...)`,
    );
  }
  return days as RetentionDays;
}

function mfaPolicy(value: unknown): Partial<MfaPolicy> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('Context "mfa" must be a JSON object');
  return parsed as Partial<MfaPolicy>;
}
