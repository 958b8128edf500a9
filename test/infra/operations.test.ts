import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { METRICS_NAMESPACE, MetricNames, SERVICE_NAME } from '../../lambdas/http/metrics';
import { routeList } from '../../lambdas/routes';
import { propsFromContext } from '../../lib/context-props';
import { AccountMfaStack, type AccountMfaStackProps } from '../../lib/mfa-stack';
import {
  actionsOf,
  cdkJsonContext,
  functionFor,
  type Json,
  methods,
  resourcePaths,
  resourcesOf,
  statementsOfFunction,
} from './template-helpers';

/**
 * Issue 5, production operations: alarms, dashboard, saved queries, WAF, SES events, CORS. The stack is
 * synthesized without bundling (the Lambda code is covered by mfa-stack.test.ts): the defaults once, and
 * two variants that turn every operations prop.
 */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-ops-'));

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
  const stack = new AccountMfaStack(app, 'Ops', { webApp: false, ...props }); // hosting: web-hosting.test.ts
  return { app, stack, template: Template.fromStack(stack) };
};

/** Every prop of issue 5 turned away from its default. */
const TUNED: AccountMfaStackProps = {
  alarmEmail: 'oncall@acme.test',
  smsMonthlyBudgetUsd: 40,
  locksAlarmThreshold: 7,
  verifyFailuresAlarmThreshold: 60,
  smsVerificationRatioThreshold: 0.3,
  smsVerificationRatioMinCodes: 50,
  wafEnabled: false,
  corsAllowedOrigins: ['https://portal.acme.test'],
};
const TWO_ORIGINS = ['https://portal.acme.test', 'http://localhost:5173'];

let base: Synth;
let tuned: Synth;
let twoOrigins: Synth;

beforeAll(() => {
  base = synth();
  tuned = synth(TUNED);
  twoOrigins = synth({
    corsAllowedOrigins: TWO_ORIGINS,
    wafRateLimit: 100,
    wafAllRoutesRateLimit: 600,
    sesIdentity: 'example.com',
  });
}, 240_000);

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

const resolved = (s: Synth, value: unknown) => JSON.stringify(s.stack.resolve(value));
const topicId = (s: Synth) => s.template.toJSON().Outputs.AlarmTopicArn.Value.Ref as string;

type Alarm = { Properties: Record<string, Json> };
const alarms = (s: Synth): Record<string, Alarm> => {
  const byName: Record<string, Alarm> = {};
  for (const alarm of Object.values(resourcesOf(s.template, 'AWS::CloudWatch::Alarm'))) {
    const name = String(alarm.Properties.AlarmName).replace(/^Ops-/, '');
    byName[name] = alarm;
  }
  return byName;
};
const alarm = (s: Synth, name: string): Alarm => {
  const found = alarms(s)[name];
  if (!found) throw new Error(`no alarm ${name}; have ${Object.keys(alarms(s)).join(', ')}`);
  return found;
};
/** The metric of a single-metric alarm, whichever way CloudFormation renders it. */
const singleMetric = (a: Alarm) => {
  const p = a.Properties;
  if (p.MetricName) {
    return {
      namespace: p.Namespace,
      name: p.MetricName,
      dimensions: Object.fromEntries((p.Dimensions ?? []).map((d: Json) => [d.Name, d.Value])),
      stat: p.Statistic ?? p.ExtendedStatistic,
      period: p.Period,
    };
  }
  const [m] = p.Metrics.filter((x: Json) => x.ReturnData !== false);
  const stat = m.MetricStat;
  return {
    namespace: stat.Metric.Namespace,
    name: stat.Metric.MetricName,
    dimensions: Object.fromEntries((stat.Metric.Dimensions ?? []).map((d: Json) => [d.Name, d.Value])),
    stat: stat.Stat,
    period: stat.Period,
  };
};
/** The expression and the metrics (by id) of a math alarm. */
interface MetricStat {
  namespace: string;
  name: string;
  dimensions: Record<string, Json>;
  stat: string;
  period: number;
}
const mathOf = (a: Alarm): { expression: string; inputs: Record<string, MetricStat> } => {
  const metrics = a.Properties.Metrics as Json[];
  const expression = metrics.find((m) => m.Expression)?.Expression as string;
  const inputs = Object.fromEntries(
    metrics
      .filter((m) => m.MetricStat)
      .map((m) => [
        m.Id,
        {
          namespace: m.MetricStat.Metric.Namespace,
          name: m.MetricStat.Metric.MetricName,
          dimensions: Object.fromEntries(m.MetricStat.Metric.Dimensions.map((d: Json) => [d.Name, d.Value])),
          stat: m.MetricStat.Stat,
          period: m.MetricStat.Period,
        },
      ]),
  );
  return { expression, inputs };
};
const service = (dims: Record<string, string> = {}) => ({ service: SERVICE_NAME, ...dims });

describe('alarm topic', () => {
  test('KMS-encrypted with a rotating key that CloudWatch may use; TLS-only; CloudWatch of this account publishes', () => {
    const [topic] = Object.values(resourcesOf(base.template, 'AWS::SNS::Topic'));
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    const key = resourcesOf(base.template, 'AWS::KMS::Key')[keyId];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const forCloudWatch = key.Properties.KeyPolicy.Statement.find(
      (s: Json) => s.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(forCloudWatch?.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));

    const [policy] = Object.values(resourcesOf(base.template, 'AWS::SNS::TopicPolicy'));
    expect(policy.Properties.Topics).toEqual([{ Ref: topicId(base) }]);
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    const publish = statements.find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(publish).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish' });
    expect(resolved(base, publish.Condition)).toMatch(/:cloudwatch:.*:alarm:\*/);
    expect(publish.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
  });

  test('an email subscription only when alarmEmail is set', () => {
    base.template.resourceCountIs('AWS::SNS::Subscription', 0);
    tuned.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@acme.test',
      TopicArn: { Ref: topicId(tuned) },
    });
  });
});

describe('alarms', () => {
  const functionIds = (s: Synth) =>
    Object.fromEntries(routeList.map((r) => [r.id, functionFor(s.template, r.method, r.path)[0]]));
  const authorizerId = (s: Synth) => {
    const ids = Object.keys(resourcesOf(s.template, 'AWS::Lambda::Function')).filter((id) =>
      id.startsWith('SessionAuthorizer'),
    );
    expect(ids).toHaveLength(1);
    return ids[0];
  };
  const tableIds = (s: Synth) => {
    const outputs = s.template.toJSON().Outputs;
    return {
      settings: outputs.SettingsTableName.Value.Ref,
      codes: outputs.CodesTableName.Value.Ref,
      audit: outputs.AuditTableName.Value.Ref,
    };
  };

  test('every alarm notifies the alarm topic on ALARM and OK and says what to do', () => {
    const all = Object.entries(alarms(base));
    // api 5xx, errors + throttles per group of at most 10 functions of one capability (and the session
    // authorizer's own), sms + email delivery, 3 tables, 2 spend, locks, failures, sms pumping, ses bounce +
    // complaint, password-reset, admin-actions and recovery-codes surges.
    const perCapability = new Map<string, number>();
    for (const r of routeList) perCapability.set(r.capability, (perCapability.get(r.capability) ?? 0) + 1);
    const groups = [...perCapability.values()].reduce((sum, n) => sum + Math.ceil(n / 10), 0) + 1;
    expect(all).toHaveLength(1 + 2 * groups + 2 + 3 + 2 + 1 + 1 + 1 + 2 + 3);
    expect(all.map(([name]) => name)).toEqual(
      expect.arrayContaining(['lambda-errors-session-authorizer', 'lambda-throttles-session-authorizer']),
    );
    for (const [name, a] of all) {
      expect({ name, actions: a.Properties.AlarmActions }).toEqual({
        name,
        actions: [{ Ref: topicId(base) }],
      });
      expect({ name, ok: a.Properties.OKActions }).toEqual({ name, ok: [{ Ref: topicId(base) }] });
      expect(String(a.Properties.AlarmDescription).length).toBeGreaterThan(60);
    }
  });

  test('API 5xx rate: 5XXError / Count of the stage above 5%, quiet under 20 requests', () => {
    const a = alarm(base, 'api-5xx-rate');
    const { expression, inputs } = mathOf(a);
    const stageId = base.template.getResourceId('AWS::ApiGateway::Stage');
    const stageDims = { ApiName: 'Ops-api', Stage: { Ref: stageId } };
    expect(Object.values(inputs)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '5XXError', namespace: 'AWS/ApiGateway', dimensions: stageDims }),
        expect.objectContaining({ name: 'Count', namespace: 'AWS/ApiGateway', dimensions: stageDims }),
      ]),
    );
    const [errors] = Object.entries(inputs).find(([, m]) => m.name === '5XXError') ?? [];
    const [requests] = Object.entries(inputs).find(([, m]) => m.name === 'Count') ?? [];
    expect(expression).toBe(`IF(FILL(${requests}, 0) >= 20, FILL(${errors}, 0) / ${requests}, 0)`);
    expect(a.Properties).toMatchObject({ Threshold: 0.05, ComparisonOperator: 'GreaterThanThreshold' });
    base.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'Ops-api',
    });
  });

  test('Lambda errors and throttles: every function in exactly one alarm of each kind, at most 10 in one alarm', () => {
    const all = alarms(base);
    for (const [kind, metricName, threshold] of [
      ['errors', 'Errors', 3],
      ['throttles', 'Throttles', 1],
    ] as const) {
      const watched: string[] = [];
      for (const [name, a] of Object.entries(all).filter(([n]) => n.startsWith(`lambda-${kind}-`))) {
        const inputs = a.Properties.MetricName ? [singleMetric(a)] : Object.values(mathOf(a).inputs);
        expect({ name, size: inputs.length <= 10 }).toEqual({ name, size: true });
        for (const input of inputs) {
          expect({
            name,
            namespace: input.namespace,
            metric: input.name,
            stat: input.stat,
            period: input.period,
          }).toEqual({
            name,
            namespace: 'AWS/Lambda',
            metric: metricName,
            stat: 'Sum',
            period: 300,
          });
          watched.push(input.dimensions.FunctionName.Ref);
        }
        if (!a.Properties.MetricName)
          expect(mathOf(a).expression).toBe(inputs.map((_, i) => `FILL(f${i}, 0)`).join(' + '));
        expect(a.Properties).toMatchObject({
          Threshold: threshold,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
      const routeFunctions = Object.values(functionIds(base));
      expect(watched.sort()).toEqual([...routeFunctions, authorizerId(base)].sort());
    }
  });

  test('the functions of a capability share their alarms; the description names each route', () => {
    const capabilities = [...new Set(routeList.map((r) => r.capability))];
    const names = Object.keys(alarms(base)).filter((n) => n.startsWith('lambda-errors-'));
    for (const capability of capabilities) {
      const routes = routeList.filter((r) => r.capability === capability).map((r) => r.id);
      const own = names.filter(
        (n) => n === `lambda-errors-${capability}` || n.startsWith(`lambda-errors-${capability}-`),
      );
      expect({ capability, alarms: own.length }).toEqual({
        capability,
        alarms: Math.ceil(routes.length / 10),
      });
      const described = own.map((n) => String(alarm(base, n).Properties.AlarmDescription)).join(' ');
      for (const route of routes)
        expect({ route, named: described.includes(route) }).toEqual({ route, named: true });
    }
    expect(names).toContain('lambda-errors-session-authorizer');
    expect(String(alarm(base, 'lambda-errors-session-authorizer').Properties.AlarmDescription)).toMatch(
      /^The session-authorizer function crashed/,
    );
  });

  test('delivery failures per channel, on the service metric with its exact dimensions', () => {
    for (const channel of ['sms', 'email']) {
      const a = alarm(base, `delivery-failures-${channel}`);
      expect(singleMetric(a)).toEqual({
        namespace: METRICS_NAMESPACE,
        name: MetricNames.DeliveryFailures,
        dimensions: service({ Channel: channel }),
        stat: 'Sum',
        period: 300,
      });
      expect(a.Properties).toMatchObject({
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  test('DynamoDB: read + write throttle events per table', () => {
    for (const [name, tableId] of Object.entries(tableIds(base))) {
      const { expression, inputs } = mathOf(alarm(base, `dynamodb-throttles-${name}`));
      expect(Object.values(inputs).map((m) => [m.namespace, m.name, m.dimensions])).toEqual(
        expect.arrayContaining([
          ['AWS/DynamoDB', 'ReadThrottleEvents', { TableName: { Ref: tableId } }],
          ['AWS/DynamoDB', 'WriteThrottleEvents', { TableName: { Ref: tableId } }],
        ]),
      );
      for (const id of Object.keys(inputs)) expect(expression).toContain(`FILL(${id}, 0)`);
    }
  });

  test('SMS spend: month-to-date spend at 50% and 80% of smsMonthlyBudgetUsd, kept between data points', () => {
    for (const [s, budget] of [
      [base, 100],
      [tuned, 40],
    ] as const) {
      for (const share of [0.5, 0.8]) {
        const a = alarm(s, `sms-spend-${share * 100}pct`);
        expect(singleMetric(a)).toMatchObject({
          namespace: 'AWS/SNS',
          name: 'SMSMonthToDateSpentUSD',
          dimensions: {},
          stat: 'Maximum',
        });
        expect(a.Properties).toMatchObject({
          Threshold: budget * share,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'ignore',
        });
      }
    }
  });

  test('lock surge: UsersLocked over 5 minutes above locksAlarmThreshold', () => {
    for (const [s, threshold] of [
      [base, 10],
      [tuned, 7],
    ] as const) {
      const a = alarm(s, 'users-locked-surge');
      expect(singleMetric(a)).toEqual({
        namespace: METRICS_NAMESPACE,
        name: MetricNames.UsersLocked,
        dimensions: service(),
        stat: 'Sum',
        period: 300,
      });
      expect(a.Properties).toMatchObject({
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  test('wrong-code surge: VerificationsFailed of every purpose above verifyFailuresAlarmThreshold', () => {
    const a = alarm(tuned, 'verify-failures-surge');
    const { inputs } = mathOf(a);
    expect(Object.values(inputs).map((m) => [m.name, m.dimensions])).toEqual([
      [MetricNames.VerificationsFailed, service({ Purpose: 'login' })],
      [MetricNames.VerificationsFailed, service({ Purpose: 'phone-validation' })],
      [MetricNames.VerificationsFailed, service({ Purpose: 'password-reset' })],
    ]);
    expect(a.Properties).toMatchObject({ Threshold: 60, ComparisonOperator: 'GreaterThanThreshold' });
  });

  test('password-reset surge: reset codes asked (known and unknown addresses) above 100 in 5 minutes', () => {
    const a = alarm(base, 'password-reset-surge');
    expect(singleMetric(a)).toEqual({
      namespace: METRICS_NAMESPACE,
      name: MetricNames.PasswordResetsRequested,
      dimensions: service(),
      stat: 'Sum',
      period: 300,
    });
    expect(a.Properties).toMatchObject({ Threshold: 100, ComparisonOperator: 'GreaterThanThreshold' });
    expect(a.Properties.AlarmDescription).toMatch(/WAF/);
  });

  test('admin-actions surge: MFA resets, disablings and role changes together, 20 or more in 5 minutes', () => {
    const a = alarm(base, 'admin-actions-surge');
    const { inputs } = mathOf(a);
    expect(Object.values(inputs).map((m) => [m.name, m.dimensions])).toEqual([
      [MetricNames.AdminActions, service({ Action: 'mfa-reset' })],
      [MetricNames.AdminActions, service({ Action: 'disable' })],
      [MetricNames.AdminActions, service({ Action: 'role-change' })],
    ]);
    expect(a.Properties).toMatchObject({
      Threshold: 20,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(a.Properties.AlarmDescription).toMatch(/audit trail/);
  });

  test('recovery-codes surge: 20 or more recovery codes used in 5 minutes, across accounts', () => {
    const a = alarm(base, 'recovery-codes-surge');
    expect(singleMetric(a)).toEqual({
      namespace: METRICS_NAMESPACE,
      name: MetricNames.RecoveryCodesUsed,
      dimensions: service(),
      stat: 'Sum',
      period: 300,
    });
    expect(a.Properties).toMatchObject({
      Threshold: 20,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(a.Properties.AlarmDescription).toMatch(/reset the MFA/);
  });

  /** Evaluates the alarm's expression as CloudWatch would for one period (IF, FILL, arithmetic, >=). */
  const evaluate = (expression: string, values: Record<string, number | undefined>): number => {
    const js = expression
      .replace(/FILL\((\w+), 0\)/g, (_, id) => `(values.${id} ?? 0)`)
      .replace(/IF\(/g, 'iff(');
    const iff = (c: boolean, a: number, b: number) => (c ? a : b);
    return new Function('values', 'iff', `return ${js};`)(values, iff);
  };

  test('SMS pumping: login SMS verified / sent over 1 h below the ratio, only from the minimum volume', () => {
    for (const [s, ratio, min] of [
      [base, 0.5, 20],
      [tuned, 0.3, 50],
    ] as const) {
      const a = alarm(s, 'sms-pumping');
      const { expression, inputs } = mathOf(a);
      const id = (name: string) => Object.entries(inputs).find(([, m]) => m.name === name)?.[0] ?? '?';
      const loginSms = service({ Channel: 'sms', Purpose: 'login' });
      expect(inputs[id(MetricNames.CodesSent)]).toEqual({
        namespace: METRICS_NAMESPACE,
        name: MetricNames.CodesSent,
        dimensions: loginSms,
        stat: 'Sum',
        period: 3600,
      });
      expect(inputs[id(MetricNames.VerificationsSucceeded)]).toMatchObject({
        dimensions: loginSms,
        period: 3600,
      });
      expect(a.Properties).toMatchObject({
        Threshold: ratio,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      const fires = (sent: number | undefined, verified: number | undefined) =>
        evaluate(expression, { [id('CodesSent')]: sent, [id('VerificationsSucceeded')]: verified }) < ratio;
      expect(fires(min, 0)).toBe(true); // pumping: many codes, none used
      expect(fires(min * 10, undefined)).toBe(true); // no verification data point at all
      expect(fires(min - 1, 0)).toBe(false); // too few codes to judge
      expect(fires(undefined, undefined)).toBe(false);
      expect(fires(100, 95)).toBe(false); // healthy
    }
  });

  test('SES reputation: account bounce rate above 5%, complaint rate above 0.1%', () => {
    for (const [name, metricName, threshold] of [
      ['ses-bounce-rate', 'Reputation.BounceRate', 0.05],
      ['ses-complaint-rate', 'Reputation.ComplaintRate', 0.001],
    ] as const) {
      const a = alarm(base, name);
      expect(singleMetric(a)).toMatchObject({ namespace: 'AWS/SES', name: metricName, dimensions: {} });
      expect(a.Properties).toMatchObject({
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });
});

describe('dashboard and saved queries', () => {
  const body = (s: Synth) => {
    const [dashboard] = Object.values(resourcesOf(s.template, 'AWS::CloudWatch::Dashboard'));
    // Fn::Join of literal parts and tokens: the literal parts carry the metric names.
    return JSON.stringify(dashboard.Properties.DashboardBody);
  };

  test('one dashboard with the flow, errors, latency per route, spend, locks and rate limits', () => {
    base.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const text = body(base);
    for (const name of [
      MetricNames.CodesSent,
      MetricNames.VerificationsSucceeded,
      MetricNames.DeliveryFailures,
      MetricNames.UsersLocked,
      MetricNames.RateLimited,
      MetricNames.SmsSentByCountry,
      MetricNames.FactorChanges,
      MetricNames.RecoveryCodesUsed,
      MetricNames.RememberedDeviceSignIns,
      'SMSMonthToDateSpentUSD',
      '5XXError',
      '4XXError',
      'AWS/Lambda',
      'BlockedRequests',
      'Reputation.BounceRate',
      'ReadThrottleEvents',
    ]) {
      expect({ name, found: text.includes(name) }).toEqual({ name, found: true });
    }
    for (const route of routeList) {
      expect({ route: route.path, found: text.includes(`\\"Resource\\",\\"${route.path}\\"`) }).toEqual({
        route: route.path,
        found: true,
      });
    }
    expect(text).toContain('\\"stat\\":\\"p50\\"');
    expect(text).toContain('\\"stat\\":\\"p99\\"');
    expect(body(tuned)).not.toContain('BlockedRequests'); // no WAF, no WAF widget
  });

  test('three saved Logs Insights queries over every function log group', () => {
    const definitions = Object.values(resourcesOf(base.template, 'AWS::Logs::QueryDefinition'));
    expect(definitions.map((d) => d.Properties.Name).sort()).toEqual([
      'Ops/cold-starts',
      'Ops/who-changed-the-mfa-setting',
      'Ops/why-did-this-user-not-get-a-code',
    ]);
    const functionGroups = Object.values(resourcesOf(base.template, 'AWS::Lambda::Function'))
      .map((fn) => fn.Properties.LoggingConfig.LogGroup.Ref)
      .sort();
    const query = (name: string) => {
      const found = definitions.find((d) => d.Properties.Name === `Ops/${name}`);
      expect(found?.Properties.LogGroupNames.map((g: Json) => g.Ref).sort()).toEqual(functionGroups);
      return String(found?.Properties.QueryString);
    };
    const noCode = query('why-did-this-user-not-get-a-code');
    expect(noCode).toMatch(/filter userId = "/);
    for (const event of [
      'mfa.code.sent',
      'mfa.code.delivery_failed',
      'mfa.rate_limited',
      'mfa.locked',
      'auth.login.failed',
    ])
      expect(noCode).toContain(`"${event}"`);
    expect(noCode).toMatch(/fields .*channel.*destination.*reason/);
    const changes = query('who-changed-the-mfa-setting');
    expect(changes).toContain('filter event = "account.mfa.changed"');
    expect(changes).toMatch(/fields .*accountId.*enabled.*by/);
    const cold = query('cold-starts');
    expect(cold).toContain('@type = "REPORT"');
    for (const p of [50, 90, 99]) expect(cold).toContain(`pct(@initDuration, ${p})`);
  });
});

describe('WAF', () => {
  const webAcl = (s: Synth) => {
    const acls = Object.entries(resourcesOf(s.template, 'AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    return { id: acls[0][0], props: acls[0][1].Properties };
  };

  test('a regional web ACL is associated with the API stage', () => {
    const { id, props } = webAcl(base);
    expect(props).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    const [association] = Object.values(resourcesOf(base.template, 'AWS::WAFv2::WebACLAssociation'));
    expect(association.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    const arn = resolved(base, association.Properties.ResourceArn);
    const apiId = base.template.getResourceId('AWS::ApiGateway::RestApi');
    const stageId = base.template.getResourceId('AWS::ApiGateway::Stage');
    expect(arn).toMatch(new RegExp(`/restapis/.*"${apiId}".*/stages/.*"${stageId}"`));
  });

  test('per-IP rate rule, scoped down to /v1/auth/, /v1/registrations and /v1/me/phone/ (with and without the stage)', () => {
    for (const [s, limit] of [
      [base, 300],
      [twoOrigins, 100],
    ] as const) {
      const rule = webAcl(s).props.Rules.find((r: Json) => r.Statement.RateBasedStatement);
      expect(rule.Priority).toBe(0);
      expect(rule.Action.Block.CustomResponse.ResponseCode).toBe(429);
      const rate = rule.Statement.RateBasedStatement;
      expect(rate).toMatchObject({ Limit: limit, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
      const matches = rate.ScopeDownStatement.OrStatement.Statements.map((st: Json) => st.ByteMatchStatement);
      for (const m of matches) {
        expect(m.FieldToMatch).toEqual({ UriPath: {} });
        expect(m.PositionalConstraint).toBe('STARTS_WITH');
      }
      expect(matches.map((m: Json) => m.SearchString).sort()).toEqual(
        [
          '/v1/auth/',
          '/prod/v1/auth/',
          '/v1/registrations',
          '/prod/v1/registrations',
          '/v1/me/phone/',
          '/prod/v1/me/phone/',
        ].sort(),
      );
    }
  });

  test('a wider per-IP rate rule over every route (no scope-down), after the tighter one', () => {
    for (const [s, limit] of [
      [base, 3000],
      [twoOrigins, 600],
    ] as const) {
      const rule = webAcl(s).props.Rules.find((r: Json) => r.Name === 'all-routes-rate-per-ip');
      expect(rule.Priority).toBe(1);
      expect(rule.Action.Block.CustomResponse).toMatchObject({ ResponseCode: 429 });
      expect(rule.Statement.RateBasedStatement).toEqual({
        Limit: limit,
        AggregateKeyType: 'IP',
        EvaluationWindowSec: 300,
      });
      expect(rule.VisibilityConfig.MetricName).toBe('all-routes-rate-per-ip');
    }
    expect(webAcl(base).props.Rules.map((r: Json) => r.Priority)).toEqual([0, 1, 2, 3]);
  });

  test('AWS managed Common and KnownBadInputs rule sets, enforced', () => {
    const groups = webAcl(base).props.Rules.filter((r: Json) => r.Statement.ManagedRuleGroupStatement);
    expect(groups.map((r: Json) => r.Statement.ManagedRuleGroupStatement)).toEqual([
      { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
      { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' },
    ]);
    for (const group of groups) expect(group.OverrideAction).toEqual({ None: {} }); // not count-only
  });

  test('wafEnabled=false: no web ACL, no association, and APIG3 acknowledged on the stage instead', () => {
    tuned.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    tuned.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(tuned.template.toJSON().Outputs.WebAclArn).toBeUndefined();
    const apig3 = (s: Synth) =>
      s.app.node
        .findAll()
        .filter((c) =>
          c.node.metadata.some(
            (m) =>
              m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
              Object.keys(m.data as object).some((k) => k.includes('AwsSolutions-APIG3')),
          ),
        )
        .map((c) => c.node.path);
    expect(apig3(tuned)).toEqual([expect.stringMatching(/DeploymentStage\.prod$/)]);
    expect(apig3(base)).toEqual([]);
  });

  test('a rate limit WAF cannot take stops synth', () => {
    expect(() => synth({ wafRateLimit: 5 })).toThrow(/wafRateLimit/);
    expect(() => synth({ wafRateLimit: 10.5 })).toThrow(/wafRateLimit/);
    expect(() => synth({ wafAllRoutesRateLimit: 5 })).toThrow(/wafAllRoutesRateLimit/);
    expect(() => synth({ wafRateLimit: 500, wafAllRoutesRateLimit: 400 })).toThrow(
      /wafAllRoutesRateLimit" must be at least wafRateLimit/,
    );
  });
});

describe('SES configuration set', () => {
  const setId = (s: Synth) => s.template.getResourceId('AWS::SES::ConfigurationSet');

  test('reputation metrics, bounce/complaint suppression, TLS required', () => {
    base.template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });

  test('bounce, complaint, reject and delivery-delay events become CloudWatch metrics', () => {
    const [destination] = Object.values(
      resourcesOf(base.template, 'AWS::SES::ConfigurationSetEventDestination'),
    );
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: setId(base) });
    const { Enabled, MatchingEventTypes, CloudWatchDestination } = destination.Properties.EventDestination;
    expect(Enabled).toBe(true);
    expect(MatchingEventTypes).toEqual(
      expect.arrayContaining(['bounce', 'complaint', 'reject', 'deliveryDelay']),
    );
    expect(CloudWatchDestination.DimensionConfigurations).toEqual([
      expect.objectContaining({ DimensionName: 'ses:configuration-set', DimensionValueSource: 'messageTag' }),
    ]);
  });

  test('SES_CONFIGURATION_SET reaches exactly the email senders, which may use the set', () => {
    const senders = [
      'login',
      'verify-mfa',
      'resend-mfa',
      'create-invitation',
      'update-phone',
      'forgot-password',
      'reset-password',
      'change-password',
      'reset-user-mfa',
      'resend-invitation',
      'verify-totp-enrollment',
      'remove-totp',
      'regenerate-recovery-codes',
    ];
    for (const route of routeList) {
      const [, fn] = functionFor(base.template, route.method, route.path);
      const env = fn.Properties.Environment.Variables;
      if (!senders.includes(route.id)) {
        expect({ route: route.id, env: env.SES_CONFIGURATION_SET }).toEqual({
          route: route.id,
          env: undefined,
        });
        continue;
      }
      expect(env.SES_CONFIGURATION_SET).toEqual({ Ref: setId(base) });
      const send = statementsOfFunction(base.template, fn).find((s) =>
        actionsOf(s).includes('ses:SendEmail'),
      );
      expect(resolved(base, send?.Resource)).toMatch(
        new RegExp(`:configuration-set/",\\{"Ref":"${setId(base)}"`),
      );
    }
  });

  test('an identity created by the stack uses the set by default', () => {
    twoOrigins.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.com',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setId(twoOrigins) } },
    });
  });
});

describe('CORS', () => {
  const options = (s: Synth) => methods(s.template).filter((m) => m.properties.HttpMethod === 'OPTIONS');
  const envOf = (s: Synth) =>
    Object.values(resourcesOf(s.template, 'AWS::Lambda::Function')).map(
      (fn) => fn.Properties.Environment.Variables,
    );
  const gatewayHeaders = (s: Synth) =>
    Object.values(resourcesOf(s.template, 'AWS::ApiGateway::GatewayResponse')).map(
      (r) => r.Properties.ResponseParameters,
    );

  test('no origins (default): no OPTIONS method, no CORS header, no CORS_ALLOWED_ORIGINS', () => {
    expect(options(base)).toEqual([]);
    for (const env of envOf(base)) expect(env).not.toHaveProperty('CORS_ALLOWED_ORIGINS');
    for (const headers of gatewayHeaders(base))
      expect(headers).not.toHaveProperty(['gatewayresponse.header.Access-Control-Allow-Origin']);
  });

  test('one origin: a preflight on every resource for it alone, and on the gateway answers too', () => {
    const preflights = options(tuned);
    expect(preflights.map((m) => m.key.replace(/^OPTIONS /, '')).sort()).toEqual(
      ['/', ...resourcePaths(tuned.template).values()].sort(),
    );
    for (const { properties } of preflights) {
      expect(properties.AuthorizationType).toBe('NONE');
      expect(properties.Integration.Type).toBe('MOCK');
      const headers = properties.Integration.IntegrationResponses[0].ResponseParameters;
      expect(headers['method.response.header.Access-Control-Allow-Origin']).toBe(
        "'https://portal.acme.test'",
      );
      expect(headers['method.response.header.Access-Control-Allow-Headers']).toBe(
        "'Content-Type,Authorization'",
      );
      expect(headers).not.toHaveProperty(['method.response.header.Access-Control-Allow-Credentials']);
    }
    for (const env of envOf(tuned)) expect(env.CORS_ALLOWED_ORIGINS).toBe('https://portal.acme.test');
    for (const headers of gatewayHeaders(tuned)) {
      expect(headers).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://portal.acme.test'",
        'gatewayresponse.header.Vary': "'Origin'",
        'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
        'gatewayresponse.header.Strict-Transport-Security': expect.stringMatching(/^'max-age=/),
      });
    }
  });

  test('several origins: the preflight echoes only a listed Origin; gateway answers name none', () => {
    const preflights = options(twoOrigins);
    expect(preflights.length).toBeGreaterThan(routeList.length - 1);
    for (const { properties } of preflights) {
      // The first origin is the static answer; another listed Origin is echoed, an unlisted one never is.
      const response = properties.Integration.IntegrationResponses[0];
      expect(response.ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe(
        `'${TWO_ORIGINS[0]}'`,
      );
      const template: string = response.ResponseTemplates['application/json'];
      const echoedWhen = [...template.matchAll(/\$origin == "([^"]+)"/g)].map((m) => m[1]);
      expect(echoedWhen).toEqual(TWO_ORIGINS.slice(1));
      expect(template.match(/Access-Control-Allow-Origin = \$origin/g)).toHaveLength(1);
    }
    for (const env of envOf(twoOrigins)) expect(env.CORS_ALLOWED_ORIGINS).toBe(TWO_ORIGINS.join(','));
    for (const headers of gatewayHeaders(twoOrigins)) {
      expect(headers).not.toHaveProperty(['gatewayresponse.header.Access-Control-Allow-Origin']);
      expect(headers['gatewayresponse.header.Cache-Control']).toBe("'no-store'");
    }
  });

  test('a wildcard, a path or a trailing slash is refused', () => {
    for (const origin of ['*', 'https://a.test/', 'https://a.test/app', 'a.test'])
      expect(() => synth({ corsAllowedOrigins: [origin] })).toThrow(/corsAllowedOrigins/);
  });
});

describe('props, context and cdk-nag', () => {
  test('operations props come from context: numbers, booleans and lists as strings or JSON', () => {
    const node = (context: Record<string, unknown>) => new App({ context }).node;
    expect(
      propsFromContext(
        node({
          alarmEmail: 'ops@acme.test',
          smsMonthlyBudgetUsd: '250',
          locksAlarmThreshold: '3',
          verifyFailuresAlarmThreshold: '40',
          smsVerificationRatioThreshold: '0.4',
          smsVerificationRatioMinCodes: '30',
          wafEnabled: 'false',
          wafRateLimit: '120',
          wafAllRoutesRateLimit: '900',
          corsAllowedOrigins: 'https://a.test, https://b.test',
        }),
      ),
    ).toMatchObject({
      alarmEmail: 'ops@acme.test',
      smsMonthlyBudgetUsd: 250,
      locksAlarmThreshold: 3,
      verifyFailuresAlarmThreshold: 40,
      smsVerificationRatioThreshold: 0.4,
      smsVerificationRatioMinCodes: 30,
      wafEnabled: false,
      wafRateLimit: 120,
      wafAllRoutesRateLimit: 900,
      corsAllowedOrigins: ['https://a.test', 'https://b.test'],
    });
    expect(propsFromContext(node({ corsAllowedOrigins: ['https://a.test'] })).corsAllowedOrigins).toEqual([
      'https://a.test',
    ]);
    expect(propsFromContext(node({})).corsAllowedOrigins).toBeUndefined();
  });

  test('bad operations props stop synth, naming the prop', () => {
    expect(() => synth({ smsVerificationRatioThreshold: 1.5 })).toThrow(/smsVerificationRatioThreshold/);
    expect(() => synth({ smsMonthlyBudgetUsd: 0 })).toThrow(/smsMonthlyBudgetUsd/);
    expect(() => synth({ locksAlarmThreshold: 2.5 })).toThrow(/locksAlarmThreshold/);
    expect(() => synth({ alarmEmail: 'not-an-address' })).toThrow(/alarmEmail/);
  });

  test('cdk-nag AwsSolutions: no finding (and no CDK warning but placeholders) with defaults, without WAF, or with CORS', () => {
    for (const s of [base, tuned, twoOrigins]) {
      const warnings = Annotations.fromStack(s.stack).findWarning('*', Match.anyValue());
      expect(
        warnings.map((w) => String(w.entry.data)).filter((w) => !/ is the placeholder /.test(w)),
      ).toEqual([]);
      const report = new AwsSolutionsChecks().validateScope(s.app);
      expect(
        report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`),
      ).toEqual([]);
    }
  });
});
