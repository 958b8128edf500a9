import { Duration, Stack } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  BasePathMapping,
  CognitoUserPoolsAuthorizer,
  DomainName,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type RequestValidator,
  RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
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
  /** A WAF web ACL will be associated with the stage (lib/operations/firewall.ts); else APIG3 is acknowledged. */
  readonly wafEnabled: boolean;
  /** Browser origins answered by CORS preflights; empty = no CORS (no OPTIONS methods). */
  readonly corsAllowedOrigins: readonly string[];
  /** A custom domain for the whole API, at its root (`https://api.acme.com/v1/...`). */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

/** Request headers a browser may send cross-origin: the JSON body and the Cognito id token. */
export const CORS_ALLOWED_HEADERS = ['Content-Type', 'Authorization'];

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
  'destination send limits, identical answers for unknown users, stage throttling; and, unless wafEnabled=false, a WAF per-IP rate rule on /v1/auth/* and /v1/registrations.';

/** The REST API: one resource per route path, Cognito authorizer, body validation, JSON errors, logs. */
export class MfaApi extends Construct {
  readonly api: RestApi;
  readonly accessLogs: LogGroup;
  /** The custom domain, when `customDomain` is given. */
  readonly domain?: DomainName;
  private readonly authorizer: CognitoUserPoolsAuthorizer;
  private readonly validator: RequestValidator;

  constructor(scope: Construct, id: string, props: MfaApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    const origins = props.corsAllowedOrigins;
    this.api = new RestApi(this, 'Api', {
      // The ApiName dimension of the API's metrics (alarms, dashboard): unique per stack, not "Api".
      restApiName: `${Stack.of(this).stackName}-api`,
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
      // Preflights are answered by API Gateway itself (MOCK integration, 204) on every resource, for the
      // listed origins only; no credentials (the API takes a bearer token, not cookies).
      defaultCorsPreflightOptions:
        origins.length > 0
          ? {
              allowOrigins: [...origins],
              allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
              allowHeaders: CORS_ALLOWED_HEADERS,
              allowCredentials: false,
              maxAge: Duration.hours(1),
            }
          : undefined,
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
    addGatewayResponses(this.api, origins.length === 1 ? origins[0] : undefined);

    if (props.customDomain) {
      const { domainName, certificateArn } = props.customDomain;
      this.domain = new DomainName(this, 'CustomDomain', {
        domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      // The whole API at the domain's root: the routes keep their /v1 prefix, without the stage name.
      new BasePathMapping(this, 'RootMapping', {
        domainName: this.domain,
        restApi: this.api,
        stage: this.api.deploymentStage,
      });
    }

    if (!props.wafEnabled) {
      acknowledge(
        this.api.deploymentStage,
        'AwsSolutions-APIG3',
        'WAF turned off by the wafEnabled=false prop (for example when an organization-wide WAF or Firewall ' +
          'Manager policy already fronts the API); stage throttling and the service lockouts still apply.',
      );
    }
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
