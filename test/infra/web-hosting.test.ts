import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { routeList } from '../../lambdas/routes';
import { AccountMfaStack, type AccountMfaStackProps } from '../../lib/mfa-stack';
import { contentSecurityPolicy } from '../../lib/web-headers';
import { WEB_DIST } from '../../scripts/web-build';
import { cdkJsonContext, type Json, methods, resourcesOf } from './template-helpers';

/**
 * The web app's static hosting, on by default: a private bucket read by CloudFront alone, the security
 * headers, the SPA fallback, config.json with the API's URL, and the app's URL as APP_BASE_URL and as the
 * allowed CORS origin. Synthesized with cdk-nag's AwsSolutions checks, as `cdk synth` does.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-web-'));

interface Synth {
  readonly app: App;
  readonly stack: AccountMfaStack;
  readonly template: Template;
}

const synth = (props: AccountMfaStackProps = {}): Synth => {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(scratch, 'app-')),
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new AccountMfaStack(app, 'Web', props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth(); // throws on an unacknowledged cdk-nag error
  return { app, stack, template: Template.fromStack(stack) };
};

let hosted: Synth;

beforeAll(() => {
  // A real sender, so the only placeholder left would be appBaseUrl, which hosting must not leave.
  hosted = synth({ sesFromAddress: 'no-reply@acme.test' });
}, 240_000);

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

const only = (template: Template, type: string): Json => {
  const found = Object.values(resourcesOf(template, type));
  expect(found).toHaveLength(1);
  return found[0]!.Properties;
};
const resolve = (value: unknown) => JSON.stringify(hosted.stack.resolve(value));
const distributionId = () => hosted.template.getResourceId('AWS::CloudFront::Distribution');
const domainOf = () => ({ 'Fn::GetAtt': [distributionId(), 'DomainName'] });
const appUrl = () => ({ 'Fn::Join': ['', ['https://', domainOf()]] });

test("the whole stack, web app included, keeps room under CloudFormation's 500 resources", () => {
  // About 7 resources per route (function, role with its grants inline, log group, permission, method and
  // its CORS preflight, path); alarms are shared by capability so that routes can keep coming
  // (docs/deploy.md). From 400 on (80 %), every `cdk synth` prints a notice.
  const count = Object.keys(hosted.template.toJSON().Resources).length;
  expect(count).toBeLessThan(400);
});

describe('on by default', () => {
  test('a private, encrypted bucket that only its CloudFront distribution may read (origin access control)', () => {
    const bucket = only(hosted.template, 'AWS::S3::Bucket');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    const oac = only(hosted.template, 'AWS::CloudFront::OriginAccessControl').OriginAccessControlConfig;
    expect(oac).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const statements: Json[] = only(hosted.template, 'AWS::S3::BucketPolicy').PolicyDocument.Statement;
    const readers = statements.filter(
      (s) => s.Effect === 'Allow' && JSON.stringify(s.Action).includes('s3:GetObject'),
    );
    expect(readers).toHaveLength(1);
    expect(readers[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(readers[0].Condition)).toContain(distributionId());
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const origin = only(hosted.template, 'AWS::CloudFront::Distribution').DistributionConfig.Origins[0];
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });

  test('HTTPS only, and a response-headers policy with CSP (API origin, no framing), HSTS, DENY, no referrer', () => {
    const behavior = only(hosted.template, 'AWS::CloudFront::Distribution').DistributionConfig
      .DefaultCacheBehavior;
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
    });
    const policy = only(
      hosted.template,
      'AWS::CloudFront::ResponseHeadersPolicy',
    ).ResponseHeadersPolicyConfig;
    expect(behavior.ResponseHeadersPolicyId).toEqual({
      Ref: hosted.template.getResourceId('AWS::CloudFront::ResponseHeadersPolicy'),
    });
    const security = policy.SecurityHeadersConfig;
    const csp = resolve(security.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of [
      "frame-ancestors 'none'",
      "script-src 'self'",
      "default-src 'none'",
      "object-src 'none'",
    ])
      expect(csp).toContain(directive);
    const restApiId = hosted.template.getResourceId('AWS::ApiGateway::RestApi');
    expect(csp).toContain(`connect-src 'self' https://",{"Ref":"${restApiId}"},".execute-api.`);
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 31_536_000,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    // The local server sends the same policy, minus the API origin (same origin there).
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
  });

  test('the SPA fallback: app paths get index.html, files keep their path', () => {
    const fn = only(hosted.template, 'AWS::CloudFront::Function');
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const handler = new Function(`${fn.FunctionCode}; return handler;`)() as (e: Json) => Json;
    const uri = (path: string) => handler({ request: { uri: path } }).uri;
    expect(['/', '/register', '/settings/security/mfa', '/preferences'].map(uri)).toEqual(
      Array(4).fill('/index.html'),
    );
    expect(['/assets/index-abc.js', '/config.json', '/favicon.svg'].map(uri)).toEqual([
      '/assets/index-abc.js',
      '/config.json',
      '/favicon.svg',
    ]);
    const behavior = only(hosted.template, 'AWS::CloudFront::Distribution').DistributionConfig
      .DefaultCacheBehavior;
    expect(behavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: {
          'Fn::GetAtt': [hosted.template.getResourceId('AWS::CloudFront::Function'), 'FunctionARN'],
        },
      },
    ]);
  });

  test('config.json carries the API URL at deploy time; pages revalidate and are invalidated; assets are immutable', () => {
    const deployments = Object.values(resourcesOf(hosted.template, 'Custom::CDKBucketDeployment')).map(
      (d) => d.Properties,
    );
    expect(deployments).toHaveLength(2);
    const assets = deployments.find((d) => JSON.stringify(d.Include) === '["assets/*"]');
    const pages = deployments.find((d) => d.DistributionId !== undefined);
    expect(assets).toMatchObject({
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(pages).toMatchObject({
      Exclude: ['assets/*', '.*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: distributionId() },
      DistributionPaths: ['/*'],
    });
    // The second source is config.json, whose deploy-time markers resolve to the API's stage URL.
    const markers = JSON.stringify(pages?.SourceMarkers[1]);
    expect(markers).toContain(hosted.template.getResourceId('AWS::ApiGateway::RestApi'));
    expect(markers).toContain(hosted.template.getResourceId('AWS::ApiGateway::Stage'));
  });

  test('invitation links open the app: APP_BASE_URL is its URL, and its origin is allowed by CORS', () => {
    const serviceFunctions = Object.values(resourcesOf(hosted.template, 'AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment?.Variables?.APP_BASE_URL,
    );
    // Every route's function and the session authorizer's share the one environment.
    expect(serviceFunctions).toHaveLength(routeList.length + 1);
    for (const fn of serviceFunctions) {
      expect(fn.Properties.Environment.Variables.APP_BASE_URL).toEqual(appUrl());
      expect(fn.Properties.Environment.Variables.CORS_ALLOWED_ORIGINS).toEqual(appUrl());
    }
    const preflights = methods(hosted.template).filter((m) => m.properties.HttpMethod === 'OPTIONS');
    expect(preflights.length).toBeGreaterThan(routeList.length);
    for (const preflight of preflights) {
      const origin =
        preflight.properties.Integration.IntegrationResponses[0].ResponseParameters[
          'method.response.header.Access-Control-Allow-Origin'
        ];
      expect(origin).toEqual({ 'Fn::Join': ['', ["'https://", domainOf(), "'"]] });
    }
    const unauthorized = Object.values(resourcesOf(hosted.template, 'AWS::ApiGateway::GatewayResponse')).find(
      (r) => r.Properties.ResponseType === 'UNAUTHORIZED',
    );
    expect(
      unauthorized?.Properties.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'],
    ).toEqual({ 'Fn::Join': ['', ["'https://", domainOf(), "'"]] });
    expect(hosted.template.toJSON().Outputs.WebAppUrl.Value).toEqual(appUrl());
    expect(hosted.template.toJSON().Outputs.AppBaseUrl.Value).toEqual(appUrl());
  });

  test('cdk-nag clean: every finding fixed or acknowledged with a reason; no CDK warnings (appBaseUrl is no placeholder)', () => {
    const report = new AwsSolutionsChecks().validateScope(hosted.app);
    expect(
      report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`),
    ).toEqual([]);
    expect(Annotations.fromStack(hosted.stack).findWarning('*', Match.anyValue())).toEqual([]);
    const acks = hosted.app.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((m) =>
            Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })),
          ),
      )
      .filter((a) => /AwsSolutions-(CFR\d|S1)$/.test(a.id));
    expect(acks.map((a) => a.id.replace(/^annotation::/i, '')).sort()).toEqual(
      [
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR2',
        'AwsSolutions-CFR3',
        'AwsSolutions-CFR4',
        'AwsSolutions-S1',
      ].sort(),
    );
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(60);
  });
});

describe('props', () => {
  test('webApp: false hosts nothing and allows no origin', () => {
    const { template } = synth({ webApp: false });
    for (const type of ['AWS::S3::Bucket', 'AWS::CloudFront::Distribution', 'Custom::CDKBucketDeployment'])
      template.resourceCountIs(type, 0);
    expect(methods(template).filter((m) => m.properties.HttpMethod === 'OPTIONS')).toEqual([]);
    expect(template.toJSON().Outputs.AppBaseUrl.Value).toBe('https://app.example.com');
    expect(template.toJSON().Outputs.WebAppUrl).toBeUndefined();
  });

  test('an explicit appBaseUrl wins; listed origins are allowed next to the app', () => {
    const { template } = synth({
      appBaseUrl: 'https://portal.acme.test',
      corsAllowedOrigins: ['https://portal.acme.test'],
    });
    const env = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).find(
      (fn) => fn.Properties.Environment?.Variables?.APP_BASE_URL,
    )!.Properties.Environment.Variables;
    expect(env.APP_BASE_URL).toBe('https://portal.acme.test');
    expect(JSON.stringify(env.CORS_ALLOWED_ORIGINS)).toMatch(
      /^\{"Fn::Join":\["",\["https:\/\/portal\.acme\.test,https:\/\//,
    );
  });

  test('webAppDir hosts another built frontend; a folder without index.html stops the synth with the command to run', () => {
    const own = fs.mkdtempSync(path.join(scratch, 'own-frontend-'));
    fs.writeFileSync(path.join(own, 'index.html'), '<!doctype html><title>Ours</title>');
    expect(() => synth({ webAppDir: own })).not.toThrow();
    const empty = fs.mkdtempSync(path.join(scratch, 'empty-'));
    expect(() => synth({ webAppDir: empty })).toThrow(/npm run build:web/);
    // The default source is the app built from web/ (cdk synth builds it when stale), for production:
    // no JSX debug data, no path of the machine that built it.
    expect(fs.existsSync(path.join(WEB_DIST, 'index.html'))).toBe(true);
    const assets = fs.readdirSync(path.join(WEB_DIST, 'assets'));
    for (const file of assets.filter((f) => f.endsWith('.js'))) {
      const code = fs.readFileSync(path.join(WEB_DIST, 'assets', file), 'utf8');
      expect(code).not.toContain('lineNumber');
      expect(code).not.toContain(path.resolve(__dirname, '../..'));
    }
  });
});
