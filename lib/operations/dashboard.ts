import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SESSION_REFUSALS } from '../../lambdas/domain/session-validity';
import {
  ADMIN_ACTIONS,
  FACTOR_CHANGES,
  METRICS_NAMESPACE,
  MetricNames,
  SERVICE_NAME,
  SESSION_REVOCATION_REASONS,
} from '../../lambdas/http/metrics';
import type { RouteDefinition } from '../../lambdas/routes';
import { smsSpendMetric } from './alarms';
import { SES_EVENT_DIMENSION } from './email-events';
import { WAF_RULES } from './firewall';
import { CHANNELS, PURPOSES, RATE_LIMIT_REASONS, serviceMetric } from './metrics';

export interface MfaDashboardProps {
  readonly apiName: string;
  readonly stage: Stage;
  readonly stageName: string;
  readonly routes: readonly { readonly route: RouteDefinition; readonly fn: IFunction }[];
  readonly tables: Readonly<Record<string, ITable>>;
  readonly alarms: readonly IAlarm[];
  readonly smsVerificationRatio: MathExpression;
  readonly smsMonthlyBudgetUsd: number;
  readonly sesConfigurationSet: string;
  /** The web ACL's metric name, when WAF is on. */
  readonly wafMetricName?: string;
}

const FIVE_MINUTES = Duration.minutes(5);
/** The Reason values of SessionsRefused (lambdas/services/sessions/session-check.ts). */
const SESSION_REFUSAL_REASONS = ['invalid-token', ...SESSION_REFUSALS];
const WIDE = 12;

/**
 * One CloudWatch dashboard for on-call: alarm states; the code flow (sent → verified by channel and
 * purpose, the SMS-pumping ratio); errors (API 4xx/5xx, Lambda errors, delivery failures); latency p50/p99
 * per route (API Gateway per-method metrics, on because the stage has `metricsEnabled`); SMS spend against
 * the budget; locks and rate-limited requests (service limits and WAF); email events; DynamoDB throttling.
 */
export class MfaDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MfaDashboardProps) {
    super(scope, id);
    const { stage } = props;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(6),
    });

    const flow = (channel: string): IMetric[] =>
      PURPOSES.flatMap((purpose) => [
        serviceMetric(
          MetricNames.CodesSent,
          { Channel: channel, Purpose: purpose },
          {
            label: `${purpose}: codes sent`,
          },
        ),
        serviceMetric(
          MetricNames.VerificationsSucceeded,
          { Channel: channel, Purpose: purpose },
          {
            label: `${purpose}: verified`,
          },
        ),
      ]);
    const latency = (statistic: string) =>
      props.routes.map(
        ({ route }) =>
          new Metric({
            namespace: 'AWS/ApiGateway',
            metricName: 'Latency',
            dimensionsMap: {
              ApiName: props.apiName,
              Stage: props.stageName,
              Method: route.method,
              Resource: route.path,
            },
            statistic,
            period: FIVE_MINUTES,
            label: route.id,
          }),
      );
    const ses = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { [SES_EVENT_DIMENSION]: props.sesConfigurationSet },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      });
    const reputation = (metricName: string, label: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: FIVE_MINUTES, label });

    const limited: IMetric[] = [
      serviceMetric(MetricNames.UsersLocked, {}, { label: 'users locked' }),
      ...RATE_LIMIT_REASONS.map((reason) =>
        serviceMetric(MetricNames.RateLimited, { Reason: reason }, { label: `refused: ${reason}` }),
      ),
    ];
    if (props.wafMetricName) {
      limited.push(
        new Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          dimensionsMap: { WebACL: props.wafMetricName, Rule: WAF_RULES.authRate, Region: Aws.REGION },
          statistic: 'Sum',
          period: FIVE_MINUTES,
          label: 'WAF: IP over the rate limit (429)',
        }),
        new Metric({
          namespace: 'AWS/WAFV2',
          metricName: 'BlockedRequests',
          dimensionsMap: { WebACL: props.wafMetricName, Rule: WAF_RULES.allRate, Region: Aws.REGION },
          statistic: 'Sum',
          period: FIVE_MINUTES,
          label: 'WAF: IP over the all-routes limit (429)',
        }),
      );
    }

    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Account MFA\nAlarms notify the alarm topic (`AlarmTopicArn` output); each description says what ' +
          'to do. Logs Insights has saved queries under this stack name: *why did this user not get a code*, ' +
          '*who changed the MFA setting*, *cold starts*.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(
      ...CHANNELS.map(
        (channel) =>
          new GraphWidget({
            title: `Codes sent → verified: ${channel}`,
            left: flow(channel),
            width: 8,
          }),
      ),
      new GraphWidget({
        title: 'Login SMS verified / sent (1 h): SMS-pumping signal',
        left: [props.smsVerificationRatio],
        leftYAxis: { min: 0, max: 1.2 },
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API answers: 4xx and 5xx',
        left: [
          stage.metricClientError({ statistic: 'Sum', period: FIVE_MINUTES, label: '4xx' }),
          stage.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES, label: '5xx' }),
        ],
        right: [stage.metricCount({ statistic: 'Sum', period: FIVE_MINUTES, label: 'requests' })],
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda errors (unhandled) and throttles',
        left: props.routes.map(({ route, fn }) =>
          fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES, label: route.id }),
        ),
        right: props.routes.map(({ route, fn }) =>
          fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES, label: `${route.id} throttles` }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Delivery failures (SNS / SES refused)',
        left: CHANNELS.map((channel) =>
          serviceMetric(MetricNames.DeliveryFailures, { Channel: channel }, { label: channel }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Passwords: reset codes asked, resets, changes',
        left: [
          serviceMetric(MetricNames.PasswordResetsRequested, {}, { label: 'reset codes asked' }),
          serviceMetric(MetricNames.PasswordResets, {}, { label: 'passwords reset' }),
          serviceMetric(MetricNames.PasswordChanges, {}, { label: 'passwords changed' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Sessions revoked (by reason) and refused (by reason)',
        left: SESSION_REVOCATION_REASONS.map((reason) =>
          serviceMetric(MetricNames.SessionsRevoked, { Reason: reason }, { label: `revoked: ${reason}` }),
        ),
        right: SESSION_REFUSAL_REASONS.map((reason) =>
          serviceMetric(MetricNames.SessionsRefused, { Reason: reason }, { label: `refused: ${reason}` }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Second factors: added and removed, recovery codes used, remembered-device sign-ins',
        left: FACTOR_CHANGES.map(([method, change]) =>
          serviceMetric(
            MetricNames.FactorChanges,
            { Method: method, Change: change },
            { label: `${method} ${change}` },
          ),
        ),
        right: [
          serviceMetric(MetricNames.RecoveryCodesUsed, {}, { label: 'recovery codes used' }),
          serviceMetric(MetricNames.RememberedDeviceSignIns, {}, { label: 'remembered-device sign-ins' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Admin actions on users and invitations',
        left: ADMIN_ACTIONS.map((action) =>
          serviceMetric(MetricNames.AdminActions, { Action: action }, { label: action }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Latency p50 per route (ms)', left: latency('p50'), width: WIDE }),
      new GraphWidget({ title: 'Latency p99 per route (ms)', left: latency('p99'), width: WIDE }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SMS spend this month (USD)',
        left: [smsSpendMetric()],
        leftAnnotations: [{ value: props.smsMonthlyBudgetUsd, label: 'budget' }],
        width: 8,
      }),
      new GraphWidget({
        title: 'SMS sent by country',
        left: [
          new MathExpression({
            expression:
              `SEARCH('{${METRICS_NAMESPACE},Country,service} MetricName="${MetricNames.SmsSentByCountry}" ` +
              `service="${SERVICE_NAME}"', 'Sum', 300)`,
            // CloudWatch dynamic label: one series per country, named by it.
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudWatch dynamic label, not a template
            label: "${PROP('Dim.Country')}",
            period: FIVE_MINUTES,
          }),
        ],
        width: 8,
      }),
      new GraphWidget({ title: 'Locks and rate-limited requests', left: limited, width: 8 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Email events (configuration set)',
        left: ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject', 'DeliveryDelay'].map(ses),
        width: 8,
      }),
      new GraphWidget({
        title: 'SES reputation (account)',
        left: [
          reputation('Reputation.BounceRate', 'bounce rate'),
          reputation('Reputation.ComplaintRate', 'complaint rate'),
        ],
        leftAnnotations: [
          { value: 0.05, label: 'bounce review (5%)' },
          { value: 0.001, label: 'complaint review (0.1%)' },
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'DynamoDB throttle events',
        left: Object.entries(props.tables).flatMap(([name, table]) => [
          table.metric('ReadThrottleEvents', {
            statistic: 'Sum',
            period: FIVE_MINUTES,
            label: `${name} reads`,
          }),
          table.metric('WriteThrottleEvents', {
            statistic: 'Sum',
            period: FIVE_MINUTES,
            label: `${name} writes`,
          }),
        ]),
        width: 8,
      }),
    );
  }
}
