import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../lambdas/routes';
import { addGatewayResponses } from './gateway-responses';
import { acknowledge } from './nag';
import { requestModel } from './request-models';

export interface MfaApiProps {
  readonly userPool: IUserPool;
  readonly stageName: string;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly logRetention: RetentionDays;
  readonly cloudWatchRole: boolean;
}

/** Access log line: who, what, outcome, how long. `resourcePath` (the template) so path tokens are never logged. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: AccessLogField.contextRequestId(),
    requestTime: AccessLogField.contextRequestTime(),
    ip: AccessLogField.contextIdentitySourceIp(),
    method: AccessLogField.contextHttpMethod(),
    path: AccessLogField.contextResourcePath(),
    status: AccessLogField.contextStatus(),
    latency: AccessLogField.contextResponseLatency(),
    userAgent: AccessLogField.contextIdentityUserAgent(),
    errorType: AccessLogField.contextErrorResponseType(),
  }),
);

const PUBLIC_ROUTE_REASON =
  'Pre-authentication route (no token exists yet, or a public check). Compensating controls: per-user ' +
  'consecutive-failure lockout and per-challenge attempt limits in DynamoDB, resend cooldown and per-' +
  'destination send limits, identical answers for unknown users, stage throttling; WAF rate rules planned.';

/** The REST API: one resource per route path, Cognito authorizer, body validation, JSON errors, logs. */
export class MfaApi extends Construct {
  readonly api: RestApi;
  readonly accessLogs: LogGroup;
  private readonly authorizer: CognitoUserPoolsAuthorizer;
  private readonly validator: RequestValidator;

  constructor(scope: Construct, id: string, props: MfaApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.api = new RestApi(this, 'Api', {
      description: 'Account-level MFA API',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: props.cloudWatchRole,
      failOnWarnings: true,
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: props.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit,
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: ACCESS_LOG_FORMAT,
      },
    });
    // RestApi adds an unnamed "Endpoint" output; the stack exports ApiUrl instead.
    this.api.node.tryRemoveChild('Endpoint');

    this.authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
      identitySource: 'method.request.header.Authorization',
    });
    this.validator = this.api.addRequestValidator('Validator', {
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    addGatewayResponses(this.api);

    acknowledge(
      this.api.deploymentStage,
      'AwsSolutions-APIG3',
      'WAF arrives in the operations issue: a regional web ACL with rate-based rules on /v1/auth/* will be ' +
        'associated with this stage; until then stage throttling and the service lockouts apply.',
    );
    if (props.cloudWatchRole) {
      const role = this.api.node.findChild('CloudWatchRole');
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        'AWS-managed AmazonAPIGatewayPushToCloudWatchLogs is the documented policy of the account-level API ' +
          'Gateway logging role; it only allows writing CloudWatch Logs.',
      );
    }
  }

  /** Adds the route's method, with its Lambda as a proxy integration. */
  addRoute(route: RouteDefinition, fn: IFunction): void {
    const resource = this.api.root.resourceForPath(route.path);
    const model = requestModel(this.api, route);
    const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const isPublic = route.auth === 'none';
    const method = resource.addMethod(
      route.method,
      new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false }),
      {
        operationName: route.id,
        authorizationType: isPublic ? AuthorizationType.NONE : AuthorizationType.COGNITO,
        authorizer: isPublic ? undefined : this.authorizer,
        requestValidator: this.validator,
        requestModels: model ? { 'application/json': model } : undefined,
        requestParameters: Object.fromEntries(
          pathParameters.map((name) => [`method.request.path.${name}`, true]),
        ),
      },
    );
    if (isPublic) {
      acknowledge(method, 'AwsSolutions-APIG4', PUBLIC_ROUTE_REASON);
      acknowledge(method, 'AwsSolutions-COG4', PUBLIC_ROUTE_REASON);
    }
  }
}
