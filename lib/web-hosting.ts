import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge } from './nag';
import { contentSecurityPolicy, WEB_SECURITY_HEADERS } from './web-headers';

export interface WebHostingProps {
  /** A built web app: a folder with index.html (and hashed files under assets/). */
  readonly sourceDir: string;
  /** Origin of the API (`https://<id>.execute-api.<region>.amazonaws.com`), for the CSP's connect-src. */
  readonly apiOrigin: string;
}

/**
 * An SPA path (`/register`, `/preferences`) has no file extension: CloudFront answers it with index.html,
 * while a missing file (`/assets/x.js`) stays a 403/404 instead of a page of HTML.
 */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * Static hosting of the web app: a private S3 bucket that only this CloudFront distribution may read
 * (origin access control), HTTPS only, a response-headers policy (CSP, HSTS, frame-ancestors 'none',
 * nosniff, no referrer), and the SPA fallback. `publish(apiUrl)` uploads the app and its run-time
 * `config.json` (the API's URL), hashed assets cached for a year, the pages revalidated on every visit.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<distribution>.cloudfront.net` (no trailing slash). */
  readonly url: string;
  private readonly sourceDir: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    if (!existsSync(join(props.sourceDir, 'index.html'))) {
      throw new Error(
        `The web app is not built: ${props.sourceDir} has no index.html. Run \`npm run build:web\` ` +
          '(or set the webApp prop to false to deploy without it).',
      );
    }
    this.sourceDir = props.sourceDir;

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Only built files live here; `cdk destroy` removes them with the bucket.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Account MFA web app: CSP, HSTS, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: `${contentSecurityPolicy(props.apiOrigin)}; upgrade-insecure-requests`,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: ['Permissions-Policy', 'Cross-Origin-Opener-Policy'].map((header) => ({
          header,
          value: WEB_SECURITY_HEADERS[header]!,
          override: true,
        })),
      },
    });

    const fallback = new EdgeFunction(this, 'SpaFallback', {
      comment: 'App paths without a file extension get index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_FALLBACK),
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Account MFA web app',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [{ function: fallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'The bucket holds only the public, built web app and is read by CloudFront alone (origin access ' +
        'control); requests are visible in CloudFront metrics, and every API call is logged by API Gateway.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The app is static HTML and scripts that carry no data; who may sign in is decided by the API, not ' +
        'by country. Add geo restrictions in a fork if your business needs them.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'Static files only: the API behind it has its own WAF web ACL with per-IP rate rules (wafEnabled), ' +
        'which is where sign-in and registration abuse is stopped.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'Access logs of static files add cost and no security signal here: every sign-in, registration and ' +
        'settings change is logged by API Gateway, the Lambdas and the audit trail.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront ' +
        'fixes; with a custom domain set minimumProtocolVersion TLSv1.2_2021 on its certificate.',
    );
  }

  /** Uploads the app and `config.json` with the API's URL; the pages are invalidated on every deploy. */
  publish(apiUrl: string): void {
    const assets = new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(this.sourceDir)],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['assets/*'],
      // Older hashed files stay, so a tab opened before a deploy can still load them.
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const pages = new BucketDeployment(this, 'Pages', {
      sources: [Source.asset(this.sourceDir), Source.jsonData('config.json', { apiUrl })],
      destinationBucket: this.bucket,
      exclude: ['assets/*', '.*'],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // New pages only once the files they name are there.
    pages.node.addDependency(assets);
    acknowledgeDeploymentFunctions(this);
  }
}

/**
 * What cdk-nag finds in the CDK-provided function that copies the files (a stack-level singleton, made by
 * BucketDeployment): listed one by one, so a new finding still fails the synth.
 */
const DEPLOYMENT_FINDINGS = [
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'AwsSolutions-IAM5[Action::s3:Abort*]',
  'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
  'AwsSolutions-IAM5[Action::s3:GetBucket*]',
  'AwsSolutions-IAM5[Action::s3:GetObject*]',
  'AwsSolutions-IAM5[Action::s3:List*]',
  // cloudfront:CreateInvalidation, which IAM cannot scope to one distribution in every partition.
  'AwsSolutions-IAM5[Resource::*]',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
  'AwsSolutions-L1',
];

function acknowledgeDeploymentFunctions(scope: Construct): void {
  const bucket = Stack.of(scope).getLogicalId(
    (scope.node.findChild('Site') as Bucket).node.defaultChild as CfnBucket,
  );
  const reason =
    'CDK-provided custom resource (BucketDeployment) that runs only while deploying: it reads the CDK asset ' +
    "bucket, writes this stack's site bucket and invalidates its distribution; its runtime and policies are " +
    'set by aws-cdk-lib, not by this project.';
  const providers = Stack.of(scope).node.children.filter((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  for (const provider of providers) {
    for (const finding of [...DEPLOYMENT_FINDINGS, `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/*]`])
      acknowledge(provider, finding, reason);
  }
}
