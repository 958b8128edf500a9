import { Duration } from 'aws-cdk-lib';
import { TokenAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AUTHORIZER_CACHE_MAX_SECONDS } from '../lambdas/domain/session-validity';
import { BundledFunction } from './bundled-function';

export interface SessionAuthorizerProps {
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /** The settings table: the authorizer's one read (BatchGetItem of the user, the account, the logout mark). */
  readonly settings: ITable;
  /** How long API Gateway reuses an answer for one token: revocation takes effect within it (0–60 s). */
  readonly cacheSeconds: number;
  readonly memorySize: number;
  readonly sourceMaps: boolean;
  readonly verboseBundling?: boolean;
}

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
    const bundled = new BundledFunction(this, 'Function', {
      entry: AUTHORIZER_ENTRY,
      description: 'Session authorizer: Cognito id token, revoked sessions, disabled users',
      roleDescription: 'Runs the session authorizer (id token and revocation check)',
      environment: props.environment,
      logRetention: props.logRetention,
      memorySize: props.memorySize,
      sourceMaps: props.sourceMaps,
      verboseBundling: props.verboseBundling,
    });
    this.fn = bundled.fn;
    this.logGroup = bundled.logGroup;
    // The table alone (Table.grant would add its indexes): one action.
    bundled.role.addToPolicy(
      new PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [props.settings.tableArn] }),
    );

    this.authorizer = new TokenAuthorizer(this, 'Authorizer', {
      handler: this.fn,
      identitySource: 'method.request.header.Authorization',
      validationRegex: BEARER_TOKEN_PATTERN,
      resultsCacheTtl: Duration.seconds(props.cacheSeconds),
    });
  }
}
