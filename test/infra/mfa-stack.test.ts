import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { routeList } from '../../lambdas/routes';
import { bundleBudgetBytes } from '../../lib/bundling';
import { propsFromContext } from '../../lib/context-props';
import { AccountMfaStack, type AccountMfaStackProps } from '../../lib/mfa-stack';
import { grantsFor } from '../../lib/route-grants';
import {
  actionsOf,
  allowedActions,
  cdkJsonContext,
  functionFor,
  type Json,
  methods,
  resourcesOf,
  type Statement,
  statementsOfFunction,
} from './template-helpers';

/**
 * The stack, synthesized once as `cdk synth` does it (cdk.json feature flags, esbuild bundling, cdk-nag
 * AwsSolutions checks registered on the app). A second, unbundled app covers the props.
 */
let app: App;
let stack: AccountMfaStack;
let template: Template;
let assemblyDir: string;
/** Every cloud assembly of this file goes here, removed at the end (bundles are ~10 MB). */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-test-'));
const outdir = () => fs.mkdtempSync(path.join(scratch, 'app-'));

beforeAll(() => {
  app = new App({ outdir: outdir(), context: cdkJsonContext() });
  // The API side of the stack; the web app's hosting (on by default) is tested in web-hosting.test.ts.
  stack = new AccountMfaStack(app, 'AccountMfaStack', { webApp: false });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  assemblyDir = app.synth().directory; // throws on unacknowledged cdk-nag errors
  template = Template.fromStack(stack);
}, 240_000);

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const routeStatements = (routeId: string): Statement[] => {
  const route = routeList.find((r) => r.id === routeId);
  if (!route) throw new Error(`no route ${routeId}`);
  return statementsOfFunction(template, functionFor(template, route.method, route.path)[1]);
};
const authorizerFunction = () => {
  const found = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([, f]) =>
    String(f.Properties.Description ?? '').startsWith('Session authorizer'),
  );
  if (found.length !== 1) throw new Error(`expected one session authorizer, found ${found.length}`);
  return found[0]!;
};
const json = (value: unknown) => JSON.stringify(stack.resolve(value));

describe('functions', () => {
  test('one Lambda per route: Node.js 22 on arm64, CommonJS bundle with the AWS SDK, no source maps by default', () => {
    // ...and the session authorizer's.
    template.resourceCountIs('AWS::Lambda::Function', routeList.length + 1);
    for (const route of routeList) {
      const [, fn] = functionFor(template, route.method, route.path);
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 256,
      });
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      const assetDir = path.join(
        assemblyDir,
        `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`,
      );
      const code = fs.readFileSync(path.join(assetDir, 'index.js'), 'utf8');
      expect(fs.existsSync(path.join(assetDir, 'index.js.map'))).toBe(false);
      expect(code.startsWith('"use strict"') && code.includes('module.exports')).toBe(true); // CommonJS
      // The SDK is bundled, not taken from the runtime (the CRT signer is only named in an error text).
      const sdkRequires = code.match(/require\("@aws-sdk\/[^"]+"\)/g) ?? [];
      expect(sdkRequires.filter((r) => !r.includes('signature-v4-crt'))).toEqual([]);
      if (!['health', 'openapi'].includes(route.id)) expect(code.includes('aws-sdk-js')).toBe(true);
    }
  });

  test('every function gets the settings lambdas/config.ts requires, and no local-only secret', () => {
    const required = [
      'SETTINGS_TABLE_NAME',
      'CODES_TABLE_NAME',
      'AUDIT_TABLE_NAME',
      'USER_POOL_ID',
      'USER_POOL_CLIENT_ID',
      'SES_FROM_ADDRESS',
      'APP_BASE_URL',
      'MFA_KEYS_SECRET_ARN',
      'PRODUCT_NAME',
      'COGNITO_ISSUER',
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_LOG_LEVEL',
    ];
    for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
      const env = fn.Properties.Environment.Variables;
      expect(Object.keys(env)).toEqual(expect.arrayContaining(required));
      expect(env).not.toHaveProperty('MFA_LOCAL_SECRET');
      expect(env.MFA_KEYS_SECRET_ARN).toEqual({ Ref: template.getResourceId('AWS::SecretsManager::Secret') });
    }
  });

  test('each function logs to its own log group, and every log group has a retention', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'));
    expect(groups.length).toBe(routeList.length + 2); // + the session authorizer's + API access logs
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(90);
    const used = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map(
      (fn) => fn.Properties.LoggingConfig?.LogGroup?.Ref,
    );
    expect(new Set(used).size).toBe(routeList.length + 1);
    expect(used).not.toContain(undefined);
  });
});

describe('API', () => {
  test('exactly the methods and paths of the route table', () => {
    expect(
      methods(template)
        .map((m) => m.key)
        .sort(),
    ).toEqual(routeList.map(routeKey).sort());
  });

  test('each method is a proxy integration of its own route Lambda', () => {
    const byKey = new Map(methods(template).map((m) => [m.key, m]));
    for (const route of routeList) {
      const [fnId] = functionFor(template, route.method, route.path);
      const integration = byKey.get(routeKey(route))?.properties.Integration;
      expect(integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(integration.Uri)).toContain(`"${fnId}"`);
    }
  });

  test('every user and admin route is behind the session authorizer; public routes behind none', () => {
    // The only authorizer: a Lambda TOKEN authorizer (API Gateway's Cognito authorizer checks no revocation).
    const authorizers = Object.entries(resourcesOf(template, 'AWS::ApiGateway::Authorizer'));
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.Properties).toMatchObject({
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      IdentityValidationExpression: '^Bearer [-0-9A-Za-z_]+\\.[-0-9A-Za-z_]+\\.[-0-9A-Za-z_]+$',
      AuthorizerResultTtlInSeconds: 30,
    });
    // A revoked session stops opening routes within the cache time: at most 60 s (design §4.1).
    expect(authorizer.Properties.AuthorizerResultTtlInSeconds).toBeLessThanOrEqual(60);
    const [fnId] = authorizerFunction();
    expect(json(authorizer.Properties.AuthorizerUri)).toContain(`"${fnId}"`);

    const byKey = new Map(methods(template).map((m) => [m.key, m.properties]));
    const protectedRoutes = routeList.filter((r) => r.auth !== 'none');
    expect(protectedRoutes.length).toBeGreaterThan(15);
    for (const route of routeList) {
      const method = byKey.get(routeKey(route));
      if (route.auth === 'none') {
        expect(method?.AuthorizationType).toBe('NONE');
        expect(method?.AuthorizerId).toBeUndefined();
      } else {
        expect({ route: route.id, type: method?.AuthorizationType, id: method?.AuthorizerId }).toEqual({
          route: route.id,
          type: 'CUSTOM',
          id: { Ref: authorizerId },
        });
      }
    }
  });

  test('the session authorizer: its own bundle (no route handler in it), allowed one read of the settings table', () => {
    const [, fn] = authorizerFunction();
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    const code = fs.readFileSync(
      path.join(assemblyDir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.js'),
      'utf8',
    );
    expect(code).toContain('execute-api:Invoke');
    expect(code).not.toContain('@middy');
    const allowed = statementsOfFunction(template, fn).filter((s) => s.Effect === 'Allow');
    const data = allowed.filter((s) => !actionsOf(s).every((a) => a.startsWith('logs:')));
    expect(data.map((s) => ({ actions: actionsOf(s), resource: json(s.Resource) }))).toEqual([
      {
        actions: ['dynamodb:BatchGetItem'],
        resource: JSON.stringify({
          'Fn::GetAtt': [template.toJSON().Outputs.SettingsTableName.Value.Ref, 'Arn'],
        }),
      },
    ]);
    // The API Gateway may invoke it.
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter((p) =>
      json(p.Properties.FunctionName).includes(`"${authorizerFunction()[0]}"`),
    );
    expect(permissions.map((p) => p.Properties.Principal)).toContain('apigateway.amazonaws.com');
  });

  test('bodies are validated against draft-04 models generated from the zod schemas', () => {
    const validatorId = template.getResourceId('AWS::ApiGateway::RequestValidator', {
      Properties: { ValidateRequestBody: true, ValidateRequestParameters: true },
    });
    const models = resourcesOf(template, 'AWS::ApiGateway::Model');
    const byKey = new Map(methods(template).map((m) => [m.key, m.properties]));
    const withBody = routeList.filter((r) => r.body);
    expect(Object.keys(models)).toHaveLength(withBody.length);
    for (const route of routeList) {
      const method = byKey.get(routeKey(route));
      expect(method?.RequestValidatorId).toEqual({ Ref: validatorId });
      if (!route.body) {
        expect(method?.RequestModels).toBeUndefined();
        continue;
      }
      const modelId = method?.RequestModels['application/json'].Ref;
      const schema = models[modelId].Properties.Schema;
      expect(schema).toEqual(z.toJSONSchema(route.body, { target: 'draft-04', io: 'input' }));
      expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(schema.additionalProperties).toBe(false);
    }
  });

  test('the stage throttles, logs errors and access without bodies, and never traces data', () => {
    const [stage] = Object.values(resourcesOf(template, 'AWS::ApiGateway::Stage'));
    expect(stage.Properties.StageName).toBe('prod');
    expect(stage.Properties.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        DataTraceEnabled: false,
        LoggingLevel: 'ERROR',
        MetricsEnabled: true,
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      }),
    ]);
    const { DestinationArn, Format } = stage.Properties.AccessLogSetting;
    const functionLogGroups = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).map(
      (fn) => fn.Properties.LoggingConfig.LogGroup.Ref,
    );
    const [accessLogGroup] = Object.keys(resourcesOf(template, 'AWS::Logs::LogGroup')).filter(
      (id) => !functionLogGroups.includes(id),
    );
    expect(json(DestinationArn)).toContain(`"${accessLogGroup}"`);
    const fields = JSON.parse(Format);
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'method', 'path', 'status', 'latency', 'userAgent']),
    );
    expect(fields.path).toBe('$context.resourcePath'); // never the raw path (it may carry tokens)
    expect(Format).not.toMatch(/body|\$input|requestOverride|authorizer\.claims/i);
  });

  test('gateway answers use the contract error shape and the security headers', () => {
    const expected: Record<string, [string | undefined, string]> = {
      UNAUTHORIZED: ['401', 'UNAUTHORIZED'],
      ACCESS_DENIED: ['403', 'FORBIDDEN'],
      MISSING_AUTHENTICATION_TOKEN: ['404', 'NOT_FOUND'],
      BAD_REQUEST_BODY: ['400', 'VALIDATION_FAILED'],
      REQUEST_TOO_LARGE: ['413', 'PAYLOAD_TOO_LARGE'],
      THROTTLED: ['429', 'THROTTLED'],
      DEFAULT_4XX: [undefined, 'BAD_REQUEST'],
      DEFAULT_5XX: [undefined, 'INTERNAL_ERROR'],
    };
    const responses = Object.values(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse'));
    for (const [type, [status, code]] of Object.entries(expected)) {
      const response = responses.find((r) => r.Properties.ResponseType === type);
      expect(response?.Properties.StatusCode).toBe(status);
      const body = JSON.parse(response?.Properties.ResponseTemplates['application/json']);
      expect(body).toEqual({ error: { code, message: expect.any(String) } });
      expect(response?.Properties.ResponseParameters).toMatchObject({
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
        'gatewayresponse.header.Cache-Control': "'no-store'",
        'gatewayresponse.header.Strict-Transport-Security': expect.stringMatching(/^'max-age=\d+/),
      });
    }
  });

  test('outputs', () => {
    for (const name of [
      'ApiUrl',
      'UserPoolId',
      'UserPoolClientId',
      'SettingsTableName',
      'CodesTableName',
      'AuditTableName',
      'AlarmTopicArn',
      'DashboardName',
      'SesConfigurationSetName',
      'WebAclArn',
    ]) {
      template.hasOutput(name, {});
    }
  });
});

describe('data and identity', () => {
  const tableIds = () => {
    const outputs = template.toJSON().Outputs;
    return {
      settings: outputs.SettingsTableName.Value.Ref as string,
      codes: outputs.CodesTableName.Value.Ref as string,
      audit: outputs.AuditTableName.Value.Ref as string,
    };
  };

  test('settings and codes: pk only, on demand, point-in-time recovery, TTL on expiresAt, AWS-managed encryption', () => {
    const tables = resourcesOf(template, 'AWS::DynamoDB::Table');
    expect(Object.keys(tables).sort()).toEqual(Object.values(tableIds()).sort());
    expect(tables[tableIds().codes].Properties.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
    ]);
    for (const table of [tables[tableIds().settings], tables[tableIds().codes]]) {
      expect(table.Properties).toMatchObject({
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true },
      });
      expect(table.Properties.SSESpecification.SSEType).toBeUndefined(); // AWS-managed, no customer key
    }
    expect(tables[tableIds().settings].DeletionPolicy).toBe('Retain');
  });

  test("settings: one index, of what belongs to an account (its users and invitations), for admins' lists", () => {
    const settings = resourcesOf(template, 'AWS::DynamoDB::Table')[tableIds().settings];
    expect(settings.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byAccount',
        KeySchema: [
          { AttributeName: 'accountIndexPk', KeyType: 'HASH' },
          { AttributeName: 'accountIndexSk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    // Only the two routes that list may query it; no role gets <table>/index/*.
    const onIndex = routeList.filter((route) =>
      routeStatements(route.id).some((s) => json(s.Resource).includes('/index/byAccount')),
    );
    expect(onIndex.map((r) => r.id).sort()).toEqual(['list-invitations', 'list-users']);
    for (const route of routeList)
      expect(json(routeStatements(route.id).map((s) => s.Resource))).not.toContain('/index/*');
  });

  test('audit: pk + sk, on demand, point-in-time recovery, AWS-managed encryption, no TTL, retained', () => {
    const audit = resourcesOf(template, 'AWS::DynamoDB::Table')[tableIds().audit];
    expect(audit.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(audit.Properties.SSESpecification.SSEType).toBeUndefined();
    expect(audit.Properties.TimeToLiveSpecification).toBeUndefined(); // events are evidence: no expiry
    expect(audit.DeletionPolicy).toBe('Retain');
    expect(audit.UpdateReplacePolicy).toBe('Retain');
  });

  test('user pool: email sign-in, no self sign-up, NIST password policy, pool MFA off, custom attributes', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OFF',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
        },
      },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'email', Required: true }),
        Match.objectLike({ Name: 'account_id', Mutable: false }),
        Match.objectLike({ Name: 'role', Mutable: true }),
        Match.objectLike({ Name: 'mfa_required', Mutable: true }),
      ]),
    });
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });

  test('app client: no secret, admin password auth only, no enumeration, cannot write privileged attributes', () => {
    const [client] = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect([...client.Properties.ExplicitAuthFlows].sort()).toEqual([
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    expect(client.Properties.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:account_id', 'custom:role', 'custom:mfa_required', 'email']),
    );
    for (const attribute of [
      'custom:account_id',
      'custom:role',
      'custom:mfa_required',
      'phone_number',
      'email',
    ]) {
      expect(client.Properties.WriteAttributes).not.toContain(attribute);
    }
  });

  test('the keys secret is generated: 64 characters', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });
});

describe('IAM: least privilege per route', () => {
  const statementsOf = (routeId: string): Statement[] => {
    const route = routeList.find((r) => r.id === routeId);
    if (!route) throw new Error(`no route ${routeId}`);
    return statementsOfFunction(template, functionFor(template, route.method, route.path)[1]);
  };
  const WRITES = [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ];

  /** What a route may do, read from its role's policies: the expected table is written independently of lib/. */
  const profile = (routeId: string) => {
    const statements = statementsOf(routeId).filter((s) => s.Effect === 'Allow');
    const on = (logicalId: string) =>
      statements.filter((s) => JSON.stringify(s.Resource).includes(`"${logicalId}"`));
    const outputs = template.toJSON().Outputs;
    const level = (tableId: string) => {
      const actions = on(tableId).flatMap(actionsOf);
      if (actions.some((a) => WRITES.includes(a))) return 'rw';
      return actions.includes('dynamodb:GetItem') ? 'r' : '-';
    };
    const actions = allowedActions(statements);
    return {
      settings: level(outputs.SettingsTableName.Value.Ref),
      codes: level(outputs.CodesTableName.Value.Ref),
      cognito: [...actions].filter((a) => a.startsWith('cognito-idp:')).sort(),
      sms: actions.has('sns:Publish'),
      email: actions.has('ses:SendEmail'),
      keys: actions.has('secretsmanager:GetSecretValue'),
    };
  };

  test.each([
    ['health', '-', '-', [], false, false, false],
    ['openapi', '-', '-', [], false, false, false],
    // One Cognito call at sign-in (the user comes from the id token); the user record is written on fallback.
    ['login', 'rw', 'rw', ['cognito-idp:AdminInitiateAuth'], true, true, true],
    // email: the notice that a recovery code was used.
    ['verify-mfa', 'rw', 'rw', [], false, true, true],
    ['resend-mfa', 'rw', 'rw', [], true, true, true],
    ['me', 'r', 'r', ['cognito-idp:AdminGetUser'], false, false, false],
    ['get-mfa-settings', 'r', '-', [], false, false, false],
    ['put-mfa-settings', 'rw', '-', [], false, false, false],
    // codes: the invitation quotas.
    ['create-invitation', 'rw', 'rw', ['cognito-idp:AdminGetUser'], false, true, false],
    ['get-invitation', 'r', '-', [], false, false, false],
    [
      'register',
      'rw',
      '-',
      [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminSetUserPassword',
      ],
      false,
      false,
      false,
    ],
    ['start-phone-validation', '-', 'rw', ['cognito-idp:AdminGetUser'], true, false, true],
    ['resend-phone-validation', '-', 'rw', [], true, false, true],
    ['verify-phone-validation', '-', 'rw', [], false, false, true],
    [
      'update-phone',
      'rw',
      'rw',
      ['cognito-idp:AdminGetUser', 'cognito-idp:AdminUpdateUserAttributes'],
      true,
      true,
      false,
    ],
    ['list-audit-events', '-', '-', [], false, false, false],
    ['refresh-tokens', 'r', '-', ['cognito-idp:AdminInitiateAuth'], false, false, false],
    ['logout', 'rw', '-', [], false, false, false],
    ['forgot-password', 'r', 'rw', ['cognito-idp:AdminGetUser'], false, true, true],
    ['reset-password', 'rw', 'rw', ['cognito-idp:AdminSetUserPassword'], false, true, true],
    [
      'change-password',
      'rw',
      '-',
      ['cognito-idp:AdminGetUser', 'cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminSetUserPassword'],
      false,
      true,
      false,
    ],
    ['list-users', 'r', 'r', ['cognito-idp:AdminGetUser'], false, false, false],
    ['get-user', 'r', 'r', ['cognito-idp:AdminGetUser'], false, false, false],
    [
      'update-user',
      'rw',
      'r',
      ['cognito-idp:AdminGetUser', 'cognito-idp:AdminUpdateUserAttributes'],
      false,
      false,
      false,
    ],
    [
      'reset-user-mfa',
      'rw',
      'rw',
      ['cognito-idp:AdminDeleteUserAttributes', 'cognito-idp:AdminGetUser'],
      false,
      true,
      false,
    ],
    ['unlock-user', 'r', 'rw', ['cognito-idp:AdminGetUser'], false, false, false],
    ['list-invitations', 'r', '-', [], false, false, false],
    ['revoke-invitation', 'rw', '-', [], false, false, false],
    ['resend-invitation', 'rw', 'rw', ['cognito-idp:AdminGetUser'], false, true, false],
    // keys: the enrolment secret is derived, never stored, until the first code proves it.
    ['start-totp-enrollment', '-', 'rw', [], false, false, true],
    // codes: the enrolment and the failure count; email: the notice that an app was added.
    ['verify-totp-enrollment', 'rw', 'rw', [], false, true, true],
    ['remove-totp', 'rw', '-', [], false, true, false],
    // The phone comes fresh from the pool: a token's claims may predate a phone change.
    ['get-my-mfa', 'r', '-', ['cognito-idp:AdminGetUser'], false, false, false],
    ['set-preferred-mfa-method', 'rw', '-', ['cognito-idp:AdminGetUser'], false, false, false],
    ['regenerate-recovery-codes', 'rw', '-', [], false, true, true],
    ['forget-device', 'rw', '-', [], false, false, false],
    ['forget-all-devices', 'rw', '-', [], false, false, false],
  ])(
    '%s: settings %s, codes %s, cognito %j, sms %s, email %s, keys %s',
    (id, settings, codes, cognito, sms, email, keys) => {
      expect(profile(id)).toEqual({ settings, codes, cognito, sms, email, keys });
    },
  );

  test('every route of the table has a profile above', () => {
    expect(routeList.map((r) => r.id).sort()).toEqual(
      [
        'health',
        'openapi',
        'login',
        'verify-mfa',
        'resend-mfa',
        'me',
        'get-mfa-settings',
        'put-mfa-settings',
        'create-invitation',
        'get-invitation',
        'register',
        'start-phone-validation',
        'resend-phone-validation',
        'verify-phone-validation',
        'update-phone',
        'list-audit-events',
        'refresh-tokens',
        'logout',
        'forgot-password',
        'reset-password',
        'change-password',
        'list-users',
        'get-user',
        'update-user',
        'reset-user-mfa',
        'unlock-user',
        'list-invitations',
        'revoke-invitation',
        'resend-invitation',
        'start-totp-enrollment',
        'verify-totp-enrollment',
        'remove-totp',
        'get-my-mfa',
        'set-preferred-mfa-method',
        'regenerate-recovery-codes',
        'forget-device',
        'forget-all-devices',
      ].sort(),
    );
  });

  /** Routes that record audit events (issue 5); written here independently of lib/route-grants.ts. */
  const AUDIT_WRITERS = [
    'verify-mfa',
    'verify-phone-validation',
    'put-mfa-settings',
    'create-invitation',
    'register',
    'update-phone',
    'logout',
    'reset-password',
    'change-password',
    'update-user',
    'reset-user-mfa',
    'unlock-user',
    'revoke-invitation',
    'resend-invitation',
    'verify-totp-enrollment',
    'remove-totp',
    'set-preferred-mfa-method',
    'regenerate-recovery-codes',
    'forget-device',
    'forget-all-devices',
  ];
  const auditTableId = () => template.toJSON().Outputs.AuditTableName.Value.Ref as string;

  test('audit table: writers may only PutItem, list-audit-events may only Query, the others nothing', () => {
    for (const route of routeList) {
      const actions = statementsOf(route.id)
        .filter((s) => s.Effect === 'Allow' && json(s.Resource).includes(`"${auditTableId()}"`))
        .flatMap(actionsOf)
        .sort();
      const expected = AUDIT_WRITERS.includes(route.id)
        ? ['dynamodb:PutItem']
        : route.id === 'list-audit-events'
          ? ['dynamodb:Query']
          : [];
      expect({ route: route.id, actions }).toEqual({ route: route.id, actions: expected });
    }
  });

  test('no policy anywhere in the stack lets anyone update, delete or batch-write audit items', () => {
    const forbidden = [
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:PartiQLUpdate',
      'dynamodb:PartiQLDelete',
      'dynamodb:DeleteTable',
    ];
    // An action pattern ("dynamodb:*Item", "*") grants every action it matches.
    const matches = (pattern: string, action: string) =>
      new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);
    const documents = [
      ...Object.values(resourcesOf(template, 'AWS::IAM::Policy')).map((p) => p.Properties.PolicyDocument),
      ...Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy')).map(
        (p) => p.Properties.PolicyDocument,
      ),
      ...Object.values(resourcesOf(template, 'AWS::IAM::Role')).flatMap((r) =>
        (r.Properties.Policies ?? []).map((p: Json) => p.PolicyDocument),
      ),
    ];
    expect(documents.length).toBeGreaterThan(routeList.length - 1);
    const offending = documents
      .flatMap((d) => d.Statement as Statement[])
      .filter((s) => s.Effect === 'Allow')
      .filter((s) => {
        const resource = json(s.Resource);
        return (
          resource.includes(`"${auditTableId()}"`) || resource === '"*"' || resource.includes(':table/*')
        );
      })
      .filter((s) => actionsOf(s).some((pattern) => forbidden.some((action) => matches(pattern, action))));
    expect(offending).toEqual([]);
  });

  test('verify-mfa cannot send; me cannot write to DynamoDB', () => {
    expect(allowedActions(statementsOf('verify-mfa')).has('sns:Publish')).toBe(false);
    const meActions = allowedActions(statementsOf('me'));
    for (const write of WRITES) expect(meActions.has(write)).toBe(false);
  });

  test('sns:Publish is always paired with a Deny on every topic ARN', () => {
    for (const route of routeList) {
      const statements = statementsOf(route.id);
      if (!allowedActions(statements).has('sns:Publish')) continue;
      const deny = statements.find((s) => s.Effect === 'Deny' && actionsOf(s).includes('sns:Publish'));
      expect(json(deny?.Resource)).toMatch(/:sns:\*:\*:\*"/);
    }
  });

  test('email may be sent only from the configured address, on its SES identities', () => {
    for (const id of ['login', 'resend-mfa']) {
      const send = statementsOf(id).find((s) => actionsOf(s).includes('ses:SendEmail'));
      expect(send?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } });
      expect(json(send?.Resource)).toMatch(/identity\/no-reply@example\.com/);
      expect(json(send?.Resource)).not.toContain('*');
    }
  });

  test('function roles carry no AWS-managed policies and no wildcard actions', () => {
    for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      expect(resourcesOf(template, 'AWS::IAM::Role')[roleId].Properties.ManagedPolicyArns).toBeUndefined();
      for (const action of allowedActions(statementsOfFunction(template, fn)))
        expect(action).not.toContain('*');
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  const ackEntries = () =>
    app.node.findAll().flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
            path: c.node.path,
            id: id.replace(/^annotation::/i, ''),
            reason,
          })),
        ),
    );

  test('no unacknowledged errors or warnings', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map(
        (v) => `${v.ruleName} (${v.severity}) at ${v.violatingResources[0]?.constructPath}`,
      ),
    ).toEqual([]);
    const written = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'validation-report.json'), 'utf8'));
    // The report also carries the stack's annotations: only the placeholder warnings may be there.
    const violations = written.pluginReports.flatMap((r: Json) => r.violations ?? []);
    expect(
      violations.filter((v: Json) => !String(v.ruleName).startsWith('Annotation::account-mfa:placeholder-')),
    ).toEqual([]);
  });

  test('no CDK warnings or errors either, but the placeholders still in use', () => {
    const warnings = Annotations.fromStack(stack)
      .findWarning('*', Match.anyValue())
      .map((w) => String(w.entry.data));
    expect(warnings.filter((w) => !/ is the placeholder /.test(w))).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  test('every acknowledgement carries a written reason of 30+ characters', () => {
    const acks = ackEntries();
    expect(acks.length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.reason.trim().length < 30)).toEqual([]);
  });

  test('acknowledgements are the reviewed set, in the expected places', () => {
    const acks = ackEntries();
    const publicMethods = routeList.filter((r) => r.auth === 'none').length;
    const count = (id: string) => acks.filter((a) => a.id === id).length;
    expect(new Set(acks.map((a) => a.id.replace(/\[.*$/, '')))).toEqual(
      new Set([
        'AwsSolutions-COG1',
        'AwsSolutions-COG2',
        'AwsSolutions-COG8',
        'AwsSolutions-SMG4',
        'AwsSolutions-L1',
        'AwsSolutions-APIG4',
        'AwsSolutions-COG4',
        'AwsSolutions-IAM4',
        'AwsSolutions-IAM5',
      ]),
    );
    expect(count('AwsSolutions-APIG4')).toBe(publicMethods);
    // Every method: the public ones have no authorizer, the others the session authorizer (not Cognito's).
    expect(count('AwsSolutions-COG4')).toBe(routeList.length);
    expect(
      acks.filter((a) => a.id === 'AwsSolutions-COG4' && /session authorizer/.test(a.reason)).length,
    ).toBe(routeList.length - publicMethods);
    // Only the SMS senders' sns:Publish on '*' (login, resend-mfa, start/resend-phone-validation, update-phone).
    expect(acks.filter((a) => a.id.startsWith('AwsSolutions-IAM5')).map((a) => a.id)).toEqual(
      Array(5).fill('AwsSolutions-IAM5[Resource::*]'),
    );
    expect(acks.filter((a) => a.id.startsWith('AwsSolutions-IAM4')).map((a) => a.path)).toEqual([
      expect.stringMatching(/CloudWatchRole$/),
    ]);
  });

  test('the checks are live: an unacknowledged finding is reported', () => {
    const probe = new App({ outdir: outdir() });
    new Table(new Stack(probe, 'Probe'), 'NoPitr', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
    });
    const names = new AwsSolutionsChecks().validateScope(probe).violations.map((v) => v.ruleName);
    expect(names).toContain('AwsSolutions-DDB3');
  });
});

describe('props and context', () => {
  const synthUnbundled = (props: AccountMfaStackProps) => {
    const unbundled = new App({
      outdir: outdir(),
      context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
    });
    const s = new AccountMfaStack(unbundled, 'Variant', { webApp: false, ...props });
    return { app: unbundled, template: Template.fromStack(s) };
  };

  test('overrides reach the functions, the stage and SES; optional parts follow their props', () => {
    const variant = synthUnbundled({
      sesFromAddress: 'mfa@acme.test',
      sesIdentity: 'acme.test',
      smsSenderId: 'ACME',
      appBaseUrl: 'https://portal.acme.test',
      stageName: 'live',
      throttlingRateLimit: 5,
      apiGatewayCloudWatchRole: false,
      mfa: { codeTtlSeconds: 180, smsAllowedCountries: ['IT', 'ES'] },
    });
    const env = Object.values(resourcesOf(variant.template, 'AWS::Lambda::Function'))[0].Properties
      .Environment.Variables;
    expect(env).toMatchObject({
      SES_FROM_ADDRESS: 'mfa@acme.test',
      SMS_SENDER_ID: 'ACME',
      APP_BASE_URL: 'https://portal.acme.test',
      MFA_CODE_TTL_SECONDS: '180',
      MFA_SMS_ALLOWED_COUNTRIES: 'IT,ES',
    });
    expect(env).not.toHaveProperty('MFA_MAX_ATTEMPTS'); // not overridden: the code default applies
    variant.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'acme.test' });
    variant.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'live',
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 5 })],
    });
    variant.template.resourceCountIs('AWS::ApiGateway::Account', 0);
    expect(new AwsSolutionsChecks().validateScope(variant.app).violations).toEqual([]);
  });

  test('defaults: no SES identity, no sender id, an API Gateway logging role', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    const env = Object.values(resourcesOf(template, 'AWS::Lambda::Function'))[0].Properties.Environment
      .Variables;
    expect(env).not.toHaveProperty('SMS_SENDER_ID');
    expect(env).toMatchObject({
      SES_FROM_ADDRESS: 'no-reply@example.com',
      APP_BASE_URL: 'https://app.example.com',
    });
  });

  test('functionMemoryMb sets every function; a value Lambda cannot take stops synth', () => {
    const { template: big } = synthUnbundled({ functionMemoryMb: 1024 });
    for (const fn of Object.values(resourcesOf(big, 'AWS::Lambda::Function')))
      expect(fn.Properties.MemorySize).toBe(1024);
    expect(() => synthUnbundled({ functionMemoryMb: 100 })).toThrow(/functionMemoryMb/);
  });

  test('sourceMaps ships maps and turns on --enable-source-maps', () => {
    const { template: mapped } = synthUnbundled({ sourceMaps: true });
    for (const fn of Object.values(resourcesOf(mapped, 'AWS::Lambda::Function')))
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  test('a bad setting stops synth with a message naming it', () => {
    expect(() => synthUnbundled({ mfa: { codeTtlSeconds: 900 } })).toThrow(/MFA_CODE_TTL_SECONDS/);
    expect(() => synthUnbundled({ smsSenderId: 'not valid!' })).toThrow(/SMS_SENDER_ID/);
    expect(() => synthUnbundled({ sesFromAddress: 'a@acme.test', sesIdentity: 'other.test' })).toThrow(
      /sesIdentity/,
    );
    expect(() => synthUnbundled({ mfa: { codeTTL: 1 } as never })).toThrow(/Unknown MFA setting "codeTTL"/);
  });

  describe('placeholders', () => {
    const warningsOf = (s: Stack) =>
      Annotations.fromStack(s)
        .findWarning('*', Match.anyValue())
        .map((w) => String(w.entry.data))
        .sort();

    test('synth warns for every placeholder still in use, naming the context key that replaces it', () => {
      expect(warningsOf(stack)).toEqual([
        expect.stringMatching(
          /^appBaseUrl is the placeholder "https:\/\/app\.example\.com": .* -c appBaseUrl=https:\/\/app\.yourdomain\.com /,
        ),
        expect.stringMatching(
          /^sesFromAddress is the placeholder "no-reply@example\.com": .* -c sesFromAddress=no-reply@yourdomain\.com /,
        ),
      ]);
    });

    test('real values warn about nothing; a documentation domain given on purpose still warns', () => {
      const real = new App({
        outdir: outdir(),
        context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
      });
      const configured = new AccountMfaStack(real, 'Configured', {
        sesFromAddress: 'no-reply@acme.test',
        appBaseUrl: 'https://portal.acme.test',
        alarmEmail: 'oncall@acme.test',
      });
      expect(warningsOf(configured)).toEqual([]);
      const docs = new App({
        outdir: outdir(),
        context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
      });
      const copied = new AccountMfaStack(docs, 'Copied', {
        sesFromAddress: 'mfa@mail.example.org',
        appBaseUrl: 'https://portal.acme.test',
        alarmEmail: 'oncall@example.com',
      });
      expect(warningsOf(copied)).toEqual([
        expect.stringMatching(/^alarmEmail is the placeholder .* -c alarmEmail=/),
        expect.stringMatching(/^sesFromAddress is the placeholder "mfa@mail\.example\.org"/),
      ]);
    });
  });

  describe('custom domain', () => {
    const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';

    test('none by default: the execute-api URL only', () => {
      template.resourceCountIs('AWS::ApiGateway::DomainName', 0);
      template.resourceCountIs('AWS::ApiGateway::BasePathMapping', 0);
      expect(template.toJSON().Outputs.CustomApiUrl).toBeUndefined();
    });

    test('a regional TLS 1.2 domain with the certificate, the whole API at its root, and its URL as an output', () => {
      const variant = synthUnbundled({ apiDomainName: 'api.acme.test', apiCertificateArn: CERT });
      variant.template.hasResourceProperties('AWS::ApiGateway::DomainName', {
        DomainName: 'api.acme.test',
        RegionalCertificateArn: CERT,
        EndpointConfiguration: { Types: ['REGIONAL'] },
        SecurityPolicy: 'TLS_1_2',
      });
      const [mapping] = Object.values(resourcesOf(variant.template, 'AWS::ApiGateway::BasePathMapping'));
      expect(mapping.Properties.RestApiId).toEqual({
        Ref: variant.template.getResourceId('AWS::ApiGateway::RestApi'),
      });
      expect(mapping.Properties.Stage).toEqual({
        Ref: variant.template.getResourceId('AWS::ApiGateway::Stage'),
      });
      expect(mapping.Properties.BasePath).toBeUndefined(); // routes keep /v1, no stage name in the path
      const outputs = variant.template.toJSON().Outputs;
      expect(outputs.CustomApiUrl.Value).toBe('https://api.acme.test/');
      expect(JSON.stringify(outputs.ApiDomainTarget.Value)).toContain('RegionalDomainName');
      expect(new AwsSolutionsChecks().validateScope(variant.app).violations).toEqual([]);
    });

    test('domain and certificate go together, and must look like what they are', () => {
      expect(() => synthUnbundled({ apiDomainName: 'api.acme.test' })).toThrow(/apiCertificateArn/);
      expect(() => synthUnbundled({ apiCertificateArn: CERT })).toThrow(/apiDomainName/);
      expect(() =>
        synthUnbundled({ apiDomainName: 'https://api.acme.test', apiCertificateArn: CERT }),
      ).toThrow(/apiDomainName/);
      expect(() => synthUnbundled({ apiDomainName: 'api.acme.test', apiCertificateArn: 'cert-1' })).toThrow(
        /apiCertificateArn/,
      );
    });

    test('from context', () => {
      const node = new App({ context: { apiDomainName: 'api.acme.test', apiCertificateArn: CERT } }).node;
      expect(propsFromContext(node)).toMatchObject({
        apiDomainName: 'api.acme.test',
        apiCertificateArn: CERT,
      });
    });
  });

  describe('Cognito feature plan', () => {
    test('Lite by default: everything the service uses is in every plan', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'LITE' });
    });

    test('Essentials on request, from the prop or from context', () => {
      synthUnbundled({ cognitoFeaturePlan: 'ESSENTIALS' }).template.hasResourceProperties(
        'AWS::Cognito::UserPool',
        { UserPoolTier: 'ESSENTIALS' },
      );
      const node = new App({ context: { cognitoFeaturePlan: 'essentials' } }).node;
      expect(propsFromContext(node).cognitoFeaturePlan).toBe('ESSENTIALS');
    });

    test('Plus is refused with the reason: sign-in passes no ContextData', () => {
      expect(() => synthUnbundled({ cognitoFeaturePlan: 'PLUS' as never })).toThrow(/ContextData/);
      expect(() => propsFromContext(new App({ context: { cognitoFeaturePlan: 'plus' } }).node)).toThrow(
        /cognitoFeaturePlan/,
      );
    });

    test('the COG8 acknowledgement says why not Plus, precisely', () => {
      const reasons = app.node
        .findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
        .flatMap((m) => Object.entries(m.data as Record<string, string>))
        .filter(([id]) => id.includes('AwsSolutions-COG8'))
        .map(([, reason]) => reason);
      expect(reasons).toEqual([expect.stringMatching(/ADMIN_USER_PASSWORD_AUTH.*ContextData/)]);
    });
  });

  test('props come from CDK context, with JSON for mfa and strings for numbers', () => {
    const ctx = new App({
      outdir: outdir(),
      context: {
        sesFromAddress: 'x@acme.test',
        throttlingBurstLimit: '20',
        logRetentionDays: '30',
        apiGatewayCloudWatchRole: 'false',
        mfa: '{"maxAttempts":3}',
      },
    });
    expect(propsFromContext(ctx.node)).toMatchObject({
      sesFromAddress: 'x@acme.test',
      throttlingBurstLimit: 20,
      logRetention: 30,
      apiGatewayCloudWatchRole: false,
      mfa: { maxAttempts: 3 },
    });
    expect(() =>
      propsFromContext(new App({ outdir: outdir(), context: { logRetentionDays: '31' } }).node),
    ).toThrow(/logRetentionDays/);
  });
});

describe('bundles: each route carries only what it uses', () => {
  /** The minified bundle of every route, as the synthesized asset holds it. */
  const bundles = () =>
    routeList.map((route) => {
      const [, fn] = functionFor(template, route.method, route.path);
      const assetDir = path.join(
        assemblyDir,
        `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`,
      );
      return { route, code: fs.readFileSync(path.join(assetDir, 'index.js'), 'utf8') };
    });

  test.each(routeList.map((r) => [r.id]))('%s: within its size budget (lib/bundling.ts)', (id) => {
    const { code } = bundles().find((b) => b.route.id === id)!;
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(bundleBudgetBytes(id));
  });

  test('the budgets are the ones promised: verify 450 KiB, health 100 KiB, every other route 650 KiB', () => {
    expect(bundleBudgetBytes('verify-mfa')).toBe(450 * 1024);
    expect(bundleBudgetBytes('health')).toBe(100 * 1024);
    expect(bundleBudgetBytes('login')).toBe(650 * 1024);
  });

  // Each SDK client names its service's protocol target or version in its bundle; a route carries a client
  // exactly when its grants (lib/route-grants.ts) let it call that service.
  const CLIENT_MARKS = {
    cognito: 'AWSCognitoIdentityProviderService',
    dynamodb: 'DynamoDB_20120810',
    secrets: 'secretsmanager',
    sns: 'AmazonSimpleNotificationService',
    ses: 'SimpleEmailService',
  } as const;

  test.each(routeList.map((r) => [r.id]))(
    '%s: bundles the AWS clients its grants allow, and no other',
    (id) => {
      const { code } = bundles().find((b) => b.route.id === id)!;
      const grants = grantsFor(id);
      const carries = Object.fromEntries(
        Object.entries(CLIENT_MARKS).map(([client, mark]) => [client, code.includes(mark)]),
      );
      expect(carries).toEqual({
        cognito: (grants.cognito?.length ?? 0) + (grants.cognitoUnsigned?.length ?? 0) > 0,
        dynamodb: grants.settings !== undefined || grants.codes !== undefined || grants.audit !== undefined,
        secrets: grants.keys === true,
        sns: grants.sms === true,
        ses: grants.email === true,
      });
    },
  );
});
