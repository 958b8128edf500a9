import { resolve } from 'node:path';
import { Annotations, CfnOutput, Lazy, Stack } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { routeList } from '../lambdas/routes';
import { ensureWebBuild, WEB_DIST } from '../scripts/web-build';
import { MfaApi } from './api';
import { ApiFunction } from './api-function';
import { validatedEnvironment } from './function-env';
import { mfaPolicyEnv } from './mfa-policy';
import { acknowledge } from './nag';
import { checkOperationsSettings, EmailEvents, MfaOperations } from './operations';
import { applyGrants, grantsFor } from './route-grants';
import { SessionAuthorizer } from './session-authorizer';
import { type AccountMfaStackProps, STACK_DEFAULTS } from './stack-props';
import { MfaTables } from './tables';
import { MfaUserPool } from './user-pool';
import { WebHosting } from './web-hosting';

export type { AccountMfaStackProps } from './stack-props';

/** The SES identities that cover the sender address: the address itself and its domain. */
function senderIdentities(fromAddress: string, sesIdentity: string | undefined): string[] {
  const domain = fromAddress.split('@')[1] ?? '';
  if (sesIdentity && sesIdentity !== fromAddress && sesIdentity.toLowerCase() !== domain.toLowerCase()) {
    throw new Error(`sesIdentity "${sesIdentity}" does not cover sesFromAddress "${fromAddress}"`);
  }
  return [fromAddress, domain];
}

/**
 * Account-level MFA service: one Lambda per route of `lambdas/routes.ts` behind API Gateway, DynamoDB
 * settings, codes and audit tables, a Cognito user pool, SNS SMS and SES email (with a configuration set),
 * the MFA keys secret, and its operations (lib/operations): alarms, dashboard, saved log queries, WAF.
 */
export class AccountMfaStack extends Stack {
  constructor(scope: Construct, id: string, props: AccountMfaStackProps = {}) {
    super(scope, id, props);
    const settings = { ...STACK_DEFAULTS, ...withoutUndefined(props) };
    const corsAllowedOrigins = settings.corsAllowedOrigins ?? [];
    const operationsSettings = { ...settings, corsAllowedOrigins };
    checkOperationsSettings(operationsSettings);
    if (
      !Number.isInteger(settings.functionMemoryMb) ||
      settings.functionMemoryMb < 128 ||
      settings.functionMemoryMb > 10_240
    )
      throw new Error(
        `functionMemoryMb must be a whole number of MB from 128 to 10240, got ${settings.functionMemoryMb}`,
      );

    // The web app (on by default): its URL is the default APP_BASE_URL and an allowed CORS origin.
    let api: MfaApi | undefined;
    const web = settings.webApp
      ? new WebHosting(this, 'Web', {
          sourceDir: webAppSource(settings.webAppDir, settings.verboseBundling),
          apiOrigin: settings.apiDomainName
            ? `https://${settings.apiDomainName}`
            : Lazy.string({
                produce: () => `https://${api!.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}`,
              }),
        })
      : undefined;
    const appBaseUrl = props.appBaseUrl ?? web?.url ?? settings.appBaseUrl;
    const browserOrigins = web ? [...corsAllowedOrigins, web.url] : corsAllowedOrigins;
    // The hosted app's URL is a deploy-time value, never a placeholder.
    warnAboutPlaceholders(this, { ...settings, appBaseUrl });

    const tables = new MfaTables(this, 'Tables');
    const users = new MfaUserPool(this, 'Users', { featurePlan: settings.cognitoFeaturePlan });
    const keys = new Secret(this, 'MfaKeys', {
      description: 'Key material for code HMACs and token sealing of the account MFA service',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(
      keys,
      'AwsSolutions-SMG4',
      'No automatic rotation: a new key invalidates every in-flight code, session and invitation token. ' +
        'Rotate manually in a quiet window (put-secret-value, then redeploy or wait for cold starts).',
    );
    const emailEvents = new EmailEvents(this, 'EmailEvents');
    if (settings.sesIdentity) {
      const identity = settings.sesIdentity.includes('@')
        ? Identity.email(settings.sesIdentity)
        : Identity.domain(settings.sesIdentity);
      // Its default configuration set: events are tracked even for a send that names none.
      new EmailIdentity(this, 'SenderIdentity', { identity, configurationSet: emailEvents.configurationSet });
    }

    const environment = validatedEnvironment({
      SETTINGS_TABLE_NAME: tables.settings.tableName,
      CODES_TABLE_NAME: tables.codes.tableName,
      AUDIT_TABLE_NAME: tables.audit.tableName,
      USER_POOL_ID: users.pool.userPoolId,
      USER_POOL_CLIENT_ID: users.client.userPoolClientId,
      // https://cognito-idp.<region>.amazonaws.com/<pool id>: the issuer the session authorizer checks.
      COGNITO_ISSUER: users.pool.userPoolProviderUrl,
      SES_FROM_ADDRESS: settings.sesFromAddress,
      APP_BASE_URL: appBaseUrl,
      MFA_KEYS_SECRET_ARN: keys.secretArn,
      PRODUCT_NAME: settings.productName,
      ...(settings.smsSenderId ? { SMS_SENDER_ID: settings.smsSenderId } : {}),
      ...mfaPolicyEnv(settings.mfa),
      POWERTOOLS_SERVICE_NAME: 'account-mfa',
      POWERTOOLS_LOG_LEVEL: settings.logLevel,
      // The Lambdas echo the request's Origin in Access-Control-Allow-Origin only when it is listed here.
      ...(browserOrigins.length > 0 ? { CORS_ALLOWED_ORIGINS: browserOrigins.join(',') } : {}),
    });

    const sessionAuthorizer = new SessionAuthorizer(this, 'SessionAuthorizer', {
      environment,
      logRetention: settings.logRetention,
      settings: tables.settings,
      cacheSeconds: settings.authorizerCacheSeconds,
      memorySize: settings.functionMemoryMb,
      sourceMaps: settings.sourceMaps,
      verboseBundling: settings.verboseBundling,
    });
    api = new MfaApi(this, 'Http', {
      authorizer: sessionAuthorizer.authorizer,
      stageName: settings.stageName,
      throttlingRateLimit: settings.throttlingRateLimit,
      throttlingBurstLimit: settings.throttlingBurstLimit,
      logRetention: settings.logRetention,
      cloudWatchRole: settings.apiGatewayCloudWatchRole,
      wafEnabled: settings.wafEnabled,
      corsAllowedOrigins: browserOrigins,
      customDomain: customDomain(settings.apiDomainName, settings.apiCertificateArn),
    });
    // The app calls the API on its custom domain when there is one (the routes at its root).
    web?.publish(settings.apiDomainName ? `https://${settings.apiDomainName}/` : api.api.url);
    const grantTargets = {
      settings: tables.settings,
      codes: tables.codes,
      audit: tables.audit,
      userPool: users.pool,
      keys,
      sesIdentities: senderIdentities(settings.sesFromAddress, settings.sesIdentity),
      sesFromAddress: settings.sesFromAddress,
      sesConfigurationSet: emailEvents.name,
    };
    const functions = routeList.map((route) => {
      const grants = grantsFor(route.id);
      const fn = new ApiFunction(this, `Route-${route.id}`, {
        route,
        // The email senders name the configuration set on SendEmail (bounce/complaint events and metrics).
        environment: grants.email
          ? validatedEnvironment({ ...environment, SES_CONFIGURATION_SET: emailEvents.name })
          : environment,
        logRetention: settings.logRetention,
        memorySize: settings.functionMemoryMb,
        sourceMaps: settings.sourceMaps,
        verboseBundling: settings.verboseBundling,
      });
      applyGrants(fn, grants, grantTargets);
      api.addRoute(route, fn.fn);
      return { route, fn: fn.fn, logGroup: fn.logGroup };
    });

    const operations = new MfaOperations(this, 'Operations', {
      settings: operationsSettings,
      apiName: api.api.restApiName,
      stage: api.api.deploymentStage,
      stageName: settings.stageName,
      routes: functions,
      authorizer: { fn: sessionAuthorizer.fn, logGroup: sessionAuthorizer.logGroup },
      tables: tables.all,
      sesConfigurationSet: emailEvents.name,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.api.url, description: 'Base URL; routes start with /v1' });
    if (api.domain) {
      new CfnOutput(this, 'CustomApiUrl', {
        value: `https://${settings.apiDomainName}/`,
        description: 'Base URL on the custom domain; routes start with /v1',
      });
      new CfnOutput(this, 'ApiDomainTarget', {
        value: api.domain.domainNameAliasDomainName,
        description: 'Point a DNS CNAME (or a Route 53 alias) for the custom domain at this name',
      });
    }
    new CfnOutput(this, 'UserPoolId', { value: users.pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'SettingsTableName', { value: tables.settings.tableName });
    new CfnOutput(this, 'CodesTableName', { value: tables.codes.tableName });
    new CfnOutput(this, 'AuditTableName', { value: tables.audit.tableName });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: operations.alarmTopic.topic.topicArn,
      description: 'Every alarm notifies this topic; subscribe on-call tools to it',
    });
    new CfnOutput(this, 'DashboardName', { value: operations.dashboard.dashboard.dashboardName });
    new CfnOutput(this, 'SesConfigurationSetName', { value: emailEvents.name });
    if (operations.firewall) new CfnOutput(this, 'WebAclArn', { value: operations.firewall.webAcl.attrArn });
    // Read by `npm run create-account -- --stack <name>` (scripts/stack-env.ts).
    new CfnOutput(this, 'KeysSecretArn', { value: keys.secretArn });
    new CfnOutput(this, 'SesFromAddress', { value: settings.sesFromAddress });
    new CfnOutput(this, 'AppBaseUrl', { value: appBaseUrl });
    if (web) new CfnOutput(this, 'WebAppUrl', { value: web.url, description: 'The web app (CloudFront)' });
    new CfnOutput(this, 'ProductName', { value: settings.productName });
  }
}

/**
 * The folder of the frontend to host: `webAppDir` as given, or web/dist built when missing or stale
 * (quietly, like the functions' bundling, unless `verboseBundling` asks; a failed build still throws).
 */
function webAppSource(webAppDir: string | undefined, verbose: boolean | undefined): string {
  if (webAppDir) return resolve(webAppDir);
  ensureWebBuild(verbose ? (line) => process.stderr.write(`${line}\n`) : undefined);
  return WEB_DIST;
}

/** Both or neither: a custom domain needs its certificate. */
function customDomain(domainName: string | undefined, certificateArn: string | undefined) {
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn)
    throw new Error('Stack props "apiDomainName" and "apiCertificateArn" go together: set both or neither');
  if (!/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domainName))
    throw new Error(`Stack prop "apiDomainName" must be a lower-case domain name, got "${domainName}"`);
  if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/.test(certificateArn))
    throw new Error(`Stack prop "apiCertificateArn" must be an ACM certificate ARN, got "${certificateArn}"`);
  return { domainName, certificateArn };
}

/** A host under a domain reserved for documentation (RFC 2606): example.com, .org, .net, *.example. */
export const isPlaceholderHost = (host: string): boolean =>
  /(^|\.)example\.(com|org|net)$|\.example$|(^|\.)invalid$/i.test(host);

/**
 * A synth and deploy warning for every setting that still holds a placeholder: the stack works, but
 * emails would go out from, or link to, a domain nobody owns. Each names the context key that replaces it.
 */
function warnAboutPlaceholders(
  stack: Stack,
  settings: { sesFromAddress: string; appBaseUrl: string; alarmEmail?: string },
): void {
  const warn = (key: string, what: string, example: string) =>
    Annotations.of(stack).addWarningV2(
      `account-mfa:placeholder-${key}`,
      `${key} is the placeholder ${JSON.stringify((settings as Record<string, unknown>)[key])}: ${what}. ` +
        `Set it with -c ${key}=${example} (or in cdk.json "context", or the ${key} prop).`,
    );
  const host = (value: string) => {
    try {
      return new URL(value).hostname;
    } catch {
      return value;
    }
  };
  if (isPlaceholderHost(settings.sesFromAddress.split('@')[1] ?? ''))
    warn('sesFromAddress', 'SES cannot send codes or invitations from it', 'no-reply@yourdomain.com');
  if (isPlaceholderHost(host(settings.appBaseUrl)))
    warn('appBaseUrl', 'invitation links would point to it', 'https://app.yourdomain.com');
  if (settings.alarmEmail && isPlaceholderHost(settings.alarmEmail.split('@')[1] ?? ''))
    warn('alarmEmail', 'alarms would notify nobody', 'oncall@yourdomain.com');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
