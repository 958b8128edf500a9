import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { TokenAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUTHORIZER_CACHE_MAX_SECONDS } from '../lambdas/domain/session-validity';
import { acknowledge } from './nag';

export interface SessionAuthorizerProps {
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /** The settings table: the authorizer's one read (BatchGetItem of the user, the account, the logout mark). */
  readonly settings: ITable;
  /** How long API Gateway reuses an answer for one token: revocation takes effect within it (0–60 s). */
  readonly cacheSeconds: number;
  readonly sourceMaps: boolean;
  readonly verboseBundling?: boolean;
}

const REPO_ROOT = path.resolve(__dirname, '..');
export const AUTHORIZER_ENTRY = 'lambdas/authorizer/handler.ts';
/** API Gateway refuses (401) anything else without invoking the authorizer. */
export const BEARER_TOKEN_PATTERN = '^Bearer [-0-9A-Za-z_]+\\.[-0-9A-Za-z_]+\\.[-0-9A-Za-z_]+$';

/**
 * The session authorizer of every user and admin route (lambdas/authorizer/handler.ts): a Lambda of its
 * own, bundled like the route functions, allowed one action (dynamodb:BatchGetItem on the settings table),
 * and the TOKEN authorizer that calls it with the Authorization header.
 */
export class SessionAuthorizer extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly authorizer: TokenAuthorizer;

  constructor(scope: Construct, id: string, props: SessionAuthorizerProps) {
    super(scope, id);
    if (
      !Number.isInteger(props.cacheSeconds) ||
      props.cacheSeconds < 0 ||
      props.cacheSeconds > AUTHORIZER_CACHE_MAX_SECONDS
    ) {
      throw new Error(
        `Stack prop "authorizerCacheSeconds" must be a whole number from 0 to ${AUTHORIZER_CACHE_MAX_SECONDS}, got ${props.cacheSeconds}`,
      );
    }
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Runs the session authorizer (id token and revocation check)',
    });
    this.logGroup.grantWrite(role);
    // The table alone (Table.grant would add its indexes): one action.
    role.addToPolicy(
      new PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [props.settings.tableArn] }),
    );

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, AUTHORIZER_ENTRY),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      description: 'Session authorizer: Cognito id token, revoked sessions, disabled users',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      awsSdkConnectionReuse: false,
      environment: props.sourceMaps
        ? { ...props.environment, NODE_OPTIONS: '--enable-source-maps' }
        : props.environment,
      bundling: {
        format: OutputFormat.CJS,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: props.sourceMaps,
        sourcesContent: false,
        bundleAwsSDK: true,
        externalModules: [],
        logLevel: props.verboseBundling ? LogLevel.INFO : LogLevel.ERROR,
      },
    });
    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'Runtime pinned to nodejs22.x on purpose, like the route functions: the bundled AWS SDK v3, jose and ' +
        'Powertools versions are tested on Node 20/22; nodejs24.x follows once the tests run on Node 24.',
    );

    this.authorizer = new TokenAuthorizer(this, 'Authorizer', {
      handler: this.fn,
      identitySource: 'method.request.header.Authorization',
      validationRegex: BEARER_TOKEN_PATTERN,
      resultsCacheTtl: Duration.seconds(props.cacheSeconds),
    });
  }
}
