import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import {
  type AddToPrincipalPolicyResult,
  PolicyDocument,
  type PolicyStatement,
  Role,
  type RoleProps,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLING } from './bundling';
import { acknowledge } from './nag';

export interface BundledFunctionProps {
  /** The handler module, relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  /** What the function's role is for, shown in IAM. */
  readonly roleDescription: string;
  /** The common environment (config of `lambdas/config.ts` plus Powertools settings). */
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  readonly memorySize: number;
  /**
   * Ship source maps and run with `--enable-source-maps`: readable stack traces, at the price of a larger
   * asset and 30-70 ms more CPU at every cold start.
   */
  readonly sourceMaps: boolean;
  /** Print esbuild's own output while bundling (`cdk synth -c verboseBundling=true`). */
  readonly verboseBundling?: boolean;
}

const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * A role whose grants land in its own inline policy instead of a separate `AWS::IAM::Policy` (CDK's
 * default policy): one CloudFormation resource less per function, in a stack that may hold 500.
 */
class InlinePolicyRole extends Role {
  private readonly inlineGrants: PolicyDocument;

  constructor(scope: Construct, id: string, props: Omit<RoleProps, 'inlinePolicies'>) {
    const grants = new PolicyDocument();
    super(scope, id, { ...props, inlinePolicies: { grants } });
    this.inlineGrants = grants;
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.inlineGrants.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}

/**
 * One of the service's Lambdas, set up the same way for all: Node.js 22 on arm64, bundled by esbuild as
 * minified CommonJS with the AWS SDK it was tested with (options in `bundling.ts`), its own log group with
 * retention, and its own role that may only write to that log group until grants are added.
 */
export class BundledFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new InlinePolicyRole(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.roleDescription,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      awsSdkConnectionReuse: false,
      environment: props.sourceMaps
        ? { ...props.environment, NODE_OPTIONS: '--enable-source-maps' }
        : props.environment,
      bundling: {
        format: OutputFormat.CJS,
        target: BUNDLING.target,
        mainFields: [...BUNDLING.mainFields],
        minify: BUNDLING.minify,
        sourceMap: props.sourceMaps,
        sourcesContent: false,
        bundleAwsSDK: true,
        externalModules: [],
        logLevel: props.verboseBundling ? LogLevel.INFO : LogLevel.ERROR,
        esbuildArgs: Object.fromEntries(
          Object.entries(BUNDLING.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
      },
    });

    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'Runtime pinned to nodejs22.x on purpose: the bundled AWS SDK v3, middy 6 and Powertools versions are ' +
        'tested on Node 20/22 (package.json engines); nodejs24.x follows once the test suite runs on Node 24.',
    );
  }
}
