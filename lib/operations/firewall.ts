import { Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { SECURITY_HEADERS } from '../../lambdas/http/middleware';

export interface ApiFirewallProps {
  readonly stage: Stage;
  /** The stage's name as configured (`stage.stageName` is a token), for the `/<stage>/v1/...` paths. */
  readonly stageName: string;
  /** Requests per client IP per 5 minutes on the rate-limited (sign-in, registration, phone) paths. */
  readonly rateLimit: number;
  /** Requests per client IP per 5 minutes on every route together (the wide rule). */
  readonly allRoutesRateLimit: number;
}

/** Paths (as routed by the API, without the stage) whose requests count against the per-IP rate rule. */
// /v1/me/phone/ too: starting a phone validation sends an SMS to a number the caller chooses.
export const RATE_LIMITED_PATH_PREFIXES = ['/v1/auth/', '/v1/registrations', '/v1/me/phone/'] as const;

/** Rule names; each is also the rule's CloudWatch metric name (`AWS/WAFV2`, dimension `Rule`). */
export const WAF_RULES = {
  authRate: 'auth-rate-per-ip',
  allRate: 'all-routes-rate-per-ip',
  common: 'aws-common-rule-set',
  badInputs: 'aws-known-bad-inputs',
} as const;

const TOO_MANY_REQUESTS_BODY = 'too-many-requests';

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * A regional AWS WAF web ACL on the API stage (R-31, defence in depth in front of the service's own
 * per-user and per-destination limits):
 *
 * 1. `auth-rate-per-ip`: a client IP that sends more than `rateLimit` requests in 5 minutes to
 *    `/v1/auth/*` or `/v1/registrations` is answered 429 in the API's error shape until its rate drops.
 *    The paths are matched with and without the stage prefix: on the execute-api endpoint the URI WAF sees
 *    is `/<stage>/v1/...`, behind a custom domain it is `/v1/...`.
 * 2. `all-routes-rate-per-ip`: the same for more than `allRoutesRateLimit` requests in 5 minutes to any route
 *    (wider: a signed-in client polls /v1/me and the admin pages), so no single IP can flood the API.
 * 3. `AWSManagedRulesCommonRuleSet` (OWASP-style checks). Its `SizeRestrictions_BODY` blocks bodies over
 *    8 KB (the API accepts up to 64 KB, but every real body is well under 1 KB), `NoUserAgent_HEADER`
 *    blocks requests without a User-Agent, and the XSS/LFI body rules block a password that looks like an
 *    attack string (`<script>`, `../../etc/passwd`) at registration and at login alike.
 * 4. `AWSManagedRulesKnownBadInputsRuleSet` (Log4j, exploit payloads).
 *
 * WAF logging is not configured: its logs would hold request headers (bearer tokens) unless fields are
 * redacted; the rule metrics and sampled requests (console, 3 hours) cover day-to-day operation.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly association: CfnWebACLAssociation;
  /** The web ACL's metric name (`AWS/WAFV2` dimension `WebACL`). */
  readonly metricName: string;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const stageName = props.stageName.toLowerCase();
    this.metricName = `${Stack.of(this).stackName}-api`;

    const startsWith = (prefix: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix.toLowerCase(),
        // Decode, collapse "//" and "/./", lower-case: /PROD//v1/%61uth/ still counts.
        textTransformations: [
          { priority: 0, type: 'URL_DECODE' },
          { priority: 1, type: 'NORMALIZE_PATH' },
          { priority: 2, type: 'LOWERCASE' },
        ],
      },
    });
    const prefixes = RATE_LIMITED_PATH_PREFIXES.flatMap((p) => [p, `/${stageName}${p}`]);
    const managed = (priority: number, ruleName: string, groupName: string): CfnWebACL.RuleProperty => ({
      name: ruleName,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: groupName } },
      visibilityConfig: visibility(ruleName),
    });

    /** Blocks an IP over `limit` requests per 5 minutes (to the scoped-down paths, when given) with a 429. */
    const rateRule = (
      priority: number,
      name: string,
      limit: number,
      scopeDownStatement?: CfnWebACL.StatementProperty,
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: {
        block: {
          customResponse: {
            responseCode: 429,
            customResponseBodyKey: TOO_MANY_REQUESTS_BODY,
            responseHeaders: Object.entries(SECURITY_HEADERS)
              .filter(([header]) => header.toLowerCase() !== 'content-type')
              .map(([header, value]) => ({ name: header, value })),
          },
        },
      },
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec: 300,
          aggregateKeyType: 'IP',
          ...(scopeDownStatement ? { scopeDownStatement } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: this.metricName,
      description:
        'Account MFA API: per-IP rate limits on sign-in, registration and every route, AWS managed rules',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(this.metricName),
      customResponseBodies: {
        [TOO_MANY_REQUESTS_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ error: { code: 'THROTTLED', message: 'Too many requests' } }),
        },
      },
      rules: [
        rateRule(0, WAF_RULES.authRate, props.rateLimit, {
          orStatement: { statements: prefixes.map(startsWith) },
        }),
        rateRule(1, WAF_RULES.allRate, props.allRoutesRateLimit),
        managed(2, WAF_RULES.common, 'AWSManagedRulesCommonRuleSet'),
        managed(3, WAF_RULES.badInputs, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    this.association = new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    this.association.node.addDependency(props.stage); // explicit: the stage must exist first
  }
}
