import { Duration, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { MetricNames } from '../../lambdas/http/metrics';
import { CHANNELS, PURPOSES, serviceMetric } from './metrics';
import type { OperationsSettings } from './settings';

/** Fixed alarm thresholds (the traffic-dependent ones are stack props, see lib/stack-props.ts). */
export const ALARM_THRESHOLDS = {
  /** Share of API requests answered 5xx in 5 minutes... */
  api5xxRate: 0.05,
  /** ...once at least this many requests were made in those 5 minutes. */
  api5xxMinRequests: 20,
  /** Unhandled errors (crash, timeout, init failure) of the functions of one group in 5 minutes. */
  lambdaErrors: 3,
  /** Throttled invocations of the functions of one group in 5 minutes. */
  lambdaThrottles: 1,
  /** Messages SNS or SES refused, per channel, in 5 minutes. */
  deliveryFailures: 5,
  /** Read + write throttle events of one table in 5 minutes. */
  dynamoThrottles: 5,
  /** SES account bounce rate (SES reviews an account at 5% and pauses it at 10%). */
  sesBounceRate: 0.05,
  /** SES account complaint rate (review at 0.1%, pause at 0.5%). */
  sesComplaintRate: 0.001,
  /** Shares of `smsMonthlyBudgetUsd` at which the spend alarms fire. */
  smsSpendShares: [0.5, 0.8],
  /** Password reset codes asked for (known and unknown addresses) in 5 minutes. */
  passwordResetRequests: 100,
  /** Admin MFA resets, disablings and role changes (all accounts) in 5 minutes. */
  sensitiveAdminActions: 20,
  /** Recovery codes that answered a sign-in (all accounts) in 5 minutes: a last resort, rarely used. */
  recoveryCodeUses: 20,
} as const;

/** The admin actions an attacker holding an admin session would use to take accounts over or lock people out. */
export const SENSITIVE_ADMIN_ACTIONS = ['mfa-reset', 'disable', 'role-change'] as const;

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What on-call does when each alarm fires; also the alarm's description, so it arrives in the notification.
 * Keys are the alarm names without the `<stackName>-` prefix (`<route>` and `<table>` stand for the name).
 */
export const RUNBOOK = {
  'api-5xx-rate':
    'More than 5% of API requests failed with 5xx. Open the dashboard Errors row to find the route; read that ' +
    "function's log group for level ERROR; 502s are delivery failures (see those alarms). If it began with a " +
    'deploy, roll back.',
  'lambda-errors': (routes: readonly string[]) =>
    routes.length === 1
      ? `The ${routes[0]} function crashed or timed out (unhandled errors, not 4xx/5xx answers). Search its ` +
        'log group for "Task timed out", ERROR and init errors (a bad setting is named at start); fix or roll back.'
      : `One of the functions ${routes.join(', ')} crashed or timed out (unhandled errors, not 4xx/5xx ` +
        'answers). The dashboard\'s Lambda errors graph names it; search its log group for "Task timed out", ' +
        'ERROR and init errors (a bad setting is named at start); fix or roll back.',
  'lambda-throttles': (routes: readonly string[]) =>
    `Lambda throttled ${routes.length === 1 ? 'the function' : 'functions'} ${routes.join(', ')}: the ` +
    "account's concurrency is used up. Check ConcurrentExecutions across the account, find the runaway " +
    'function or request a higher concurrency quota.',
  'delivery-failures': (channel: string) =>
    channel === 'sms'
      ? 'SNS refused SMS codes (users get 502 DELIVERY_FAILED). Check SNS text messaging: monthly spend limit ' +
        'reached, sandbox, origination identity, blocked country; the "why no code" query shows the reason.'
      : 'SES refused emails (users get 502 DELIVERY_FAILED). Check the SES account (sending paused, sandbox, ' +
        'quota) and that the sender identity is verified; the "why no code" query shows the reason.',
  'dynamodb-throttles': (table: string) =>
    `The ${table} table throttled requests (a hot key or traffic above twice the previous peak). Check the ` +
    'dashboard and API 5xx; if sustained, look for a key under attack (one user or destination) in the logs.',
  'sms-spend': (percent: number) =>
    percent < 80
      ? 'Half of the monthly SMS budget is spent. Compare with the usual pace; if unexpected, check the SMS ' +
        'pumping alarm and SmsSentByCountry on the dashboard.'
      : '80% of the monthly SMS budget is spent; SNS stops all SMS at the account spend limit. If traffic is ' +
        'legitimate raise the SNS MonthlySpendLimit and smsMonthlyBudgetUsd; else handle it as SMS pumping.',
  'users-locked-surge':
    'Many users were locked in 5 minutes: likely credential stuffing or code guessing. In Logs Insights group ' +
    'auth.login.failed and mfa.verify.failed by sourceIp, check WAF sampled requests; block the IPs in WAF or ' +
    'lower wafRateLimit.',
  'verify-failures-surge':
    'Wrong codes are surging: code guessing, or codes arriving late (SES DeliveryDelay, SMS delays). Check the ' +
    'sourceIp spread of mfa.verify.failed; act as for a lock surge if it is an attack.',
  'sms-pumping':
    'Login SMS codes are sent but rarely used: SMS pumping (toll fraud) likely. Check SmsSentByCountry and the ' +
    'destinations in the logs; drop abused countries from mfa.smsAllowedCountries and redeploy, lower the SNS ' +
    'spend limit, block the source IPs in WAF.',
  'ses-bounce-rate':
    'SES account bounce rate is above 5% (SES reviews at 5% and pauses sending at 10%). Find the bouncing ' +
    'addresses (SES Bounce events, suppression list), usually invitations to bad addresses; stop the source.',
  'password-reset-surge':
    'Password reset codes are asked for far more than usual: address enumeration, an email-bombing attempt ' +
    'or a credential-stuffing wave. In Logs Insights group password.reset.* events by sourceIp; block the ' +
    'IPs in WAF or lower wafRateLimit (the per-address quota already caps emails per address).',
  'admin-actions-surge':
    'Admins reset MFA, disabled users or changed roles in bulk: a compromised admin session is the worst ' +
    'case. Read the audit trail (list-audit-events, actor and sourceIp) of the accounts concerned; if it ' +
    'was not them, disable that admin (PATCH .../users/{id} {"disabled":true}) from another admin account.',
  'recovery-codes-surge':
    'Many sign-ins used recovery codes in 5 minutes, a last resort that is rarely needed: codes stolen or ' +
    'phished in bulk, or a wave of users who lost their phones. Group mfa.recovery_code.used events by ' +
    'account and sourceIp in Logs Insights; reset the MFA of the users concerned and block the IPs in WAF.',
  'ses-complaint-rate':
    'SES account complaint rate is above 0.1% (review at 0.1%, pause at 0.5%). Find which emails are marked as ' +
    'spam (volume, content, recipients) and stop the source before SES pauses the account.',
} as const;

/** A function the alarms watch, and the group (a route's capability) whose alarms it shares. */
export interface AlarmedFunction {
  readonly routeId: string;
  readonly group: string;
  readonly fn: IFunction;
}

/** CloudWatch takes at most 10 metrics in one metric-math alarm. */
const MAX_METRICS_PER_ALARM = 10;

/**
 * The functions by group, a group of more than 10 split into parts (`admin-1`, `admin-2`). One alarm per
 * function would be two CloudFormation resources per route, and a stack holds at most 500 resources.
 */
export function alarmGroups(
  functions: readonly AlarmedFunction[],
): { name: string; members: AlarmedFunction[] }[] {
  const byGroup = new Map<string, AlarmedFunction[]>();
  for (const f of functions) byGroup.set(f.group, [...(byGroup.get(f.group) ?? []), f]);
  return [...byGroup].flatMap(([group, members]) => {
    const parts = Math.ceil(members.length / MAX_METRICS_PER_ALARM);
    const size = Math.ceil(members.length / parts);
    return Array.from({ length: parts }, (_, i) => ({
      name: parts === 1 ? group : `${group}-${i + 1}`,
      members: members.slice(i * size, (i + 1) * size),
    }));
  });
}

/** The sum of one metric over the functions of a group (the metric itself for a group of one). */
function groupMetric(
  members: readonly AlarmedFunction[],
  metricOf: (fn: IFunction) => IMetric,
  label: string,
) {
  if (members.length === 1) return metricOf(members[0]!.fn);
  return new MathExpression({
    expression: members.map((_, i) => `FILL(f${i}, 0)`).join(' + '),
    usingMetrics: Object.fromEntries(members.map((m, i) => [`f${i}`, metricOf(m.fn)])),
    label,
    period: FIVE_MINUTES,
  });
}

export interface MfaAlarmsProps {
  readonly topic: ITopic;
  readonly stage: Stage;
  readonly functions: readonly AlarmedFunction[];
  readonly tables: Readonly<Record<string, ITable>>;
  readonly settings: OperationsSettings;
}

interface AlarmSpec {
  readonly name: string;
  readonly description: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  readonly missing?: TreatMissingData;
}

/** Every alarm of the service; each notifies the alarm topic on ALARM and on OK. */
export class MfaAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  /** Login SMS codes verified / sent over an hour (1 when too few were sent): the SMS-pumping signal. */
  readonly smsVerificationRatio: MathExpression;
  private readonly action: SnsAction;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: MfaAlarmsProps) {
    super(scope, id);
    const { settings, stage } = props;
    const t = ALARM_THRESHOLDS;
    this.action = new SnsAction(props.topic);
    this.prefix = Stack.of(this).stackName;

    this.add({
      name: 'api-5xx-rate',
      description: RUNBOOK['api-5xx-rate'],
      metric: new MathExpression({
        expression: `IF(FILL(requests, 0) >= ${t.api5xxMinRequests}, FILL(errors, 0) / requests, 0)`,
        usingMetrics: {
          errors: stage.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES }),
          requests: stage.metricCount({ statistic: 'Sum', period: FIVE_MINUTES }),
        },
        label: 'API 5xx rate',
        period: FIVE_MINUTES,
      }),
      threshold: t.api5xxRate,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    for (const { name, members } of alarmGroups(props.functions)) {
      const routes = members.map((m) => m.routeId);
      this.add({
        name: `lambda-errors-${name}`,
        description: RUNBOOK['lambda-errors'](routes),
        metric: groupMetric(
          members,
          (fn) => fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
          `${name} errors`,
        ),
        threshold: t.lambdaErrors,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      this.add({
        name: `lambda-throttles-${name}`,
        description: RUNBOOK['lambda-throttles'](routes),
        metric: groupMetric(
          members,
          (fn) => fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES }),
          `${name} throttles`,
        ),
        threshold: t.lambdaThrottles,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }

    for (const channel of CHANNELS) {
      this.add({
        name: `delivery-failures-${channel}`,
        description: RUNBOOK['delivery-failures'](channel),
        metric: serviceMetric(MetricNames.DeliveryFailures, { Channel: channel }),
        threshold: t.deliveryFailures,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }

    for (const [name, table] of Object.entries(props.tables)) {
      this.add({
        name: `dynamodb-throttles-${name}`,
        description: RUNBOOK['dynamodb-throttles'](name),
        metric: new MathExpression({
          expression: 'FILL(reads, 0) + FILL(writes, 0)',
          usingMetrics: {
            reads: table.metric('ReadThrottleEvents', { statistic: 'Sum', period: FIVE_MINUTES }),
            writes: table.metric('WriteThrottleEvents', { statistic: 'Sum', period: FIVE_MINUTES }),
          },
          label: `${name} throttle events`,
          period: FIVE_MINUTES,
        }),
        threshold: t.dynamoThrottles,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }

    // SNS publishes the month-to-date spend now and then; between points the alarm keeps its state.
    const spend = smsSpendMetric();
    for (const share of t.smsSpendShares) {
      const percent = Math.round(share * 100);
      this.add({
        name: `sms-spend-${percent}pct`,
        description: RUNBOOK['sms-spend'](percent),
        metric: spend,
        threshold: settings.smsMonthlyBudgetUsd * share,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        missing: TreatMissingData.IGNORE,
      });
    }

    this.add({
      name: 'users-locked-surge',
      description: RUNBOOK['users-locked-surge'],
      metric: serviceMetric(MetricNames.UsersLocked),
      threshold: settings.locksAlarmThreshold,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    this.add({
      name: 'verify-failures-surge',
      description: RUNBOOK['verify-failures-surge'],
      metric: new MathExpression({
        expression: PURPOSES.map((_, i) => `FILL(failed${i}, 0)`).join(' + '),
        usingMetrics: Object.fromEntries(
          PURPOSES.map((purpose, i) => [
            `failed${i}`,
            serviceMetric(MetricNames.VerificationsFailed, { Purpose: purpose }),
          ]),
        ),
        label: 'Wrong codes (all purposes)',
        period: FIVE_MINUTES,
      }),
      threshold: settings.verifyFailuresAlarmThreshold,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    this.add({
      name: 'password-reset-surge',
      description: RUNBOOK['password-reset-surge'],
      metric: serviceMetric(MetricNames.PasswordResetsRequested),
      threshold: t.passwordResetRequests,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.add({
      name: 'admin-actions-surge',
      description: RUNBOOK['admin-actions-surge'],
      metric: new MathExpression({
        expression: SENSITIVE_ADMIN_ACTIONS.map((_, i) => `FILL(action${i}, 0)`).join(' + '),
        usingMetrics: Object.fromEntries(
          SENSITIVE_ADMIN_ACTIONS.map((action, i) => [
            `action${i}`,
            serviceMetric(MetricNames.AdminActions, { Action: action }),
          ]),
        ),
        label: 'Admin MFA resets, disablings and role changes',
        period: FIVE_MINUTES,
      }),
      threshold: t.sensitiveAdminActions,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    this.add({
      name: 'recovery-codes-surge',
      description: RUNBOOK['recovery-codes-surge'],
      metric: serviceMetric(MetricNames.RecoveryCodesUsed),
      threshold: t.recoveryCodeUses,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    const hour = Duration.hours(1);
    const loginSms = { Channel: 'sms', Purpose: 'login' };
    this.smsVerificationRatio = new MathExpression({
      expression:
        `IF(FILL(sent, 0) >= ${settings.smsVerificationRatioMinCodes}, ` +
        'FILL(verified, 0) / FILL(sent, 0), 1)',
      usingMetrics: {
        sent: serviceMetric(MetricNames.CodesSent, loginSms, { period: hour }),
        verified: serviceMetric(MetricNames.VerificationsSucceeded, loginSms, { period: hour }),
      },
      label: 'Login SMS codes verified / sent (1 h)',
      period: hour,
    });
    this.add({
      name: 'sms-pumping',
      description: RUNBOOK['sms-pumping'],
      metric: this.smsVerificationRatio,
      threshold: settings.smsVerificationRatioThreshold,
      comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
    });

    // Account-level SES reputation (what SES itself reviews); kept between its data points.
    for (const [name, metricName, threshold] of [
      ['ses-bounce-rate', 'Reputation.BounceRate', t.sesBounceRate],
      ['ses-complaint-rate', 'Reputation.ComplaintRate', t.sesComplaintRate],
    ] as const) {
      this.add({
        name,
        description: RUNBOOK[name],
        metric: new Metric({
          namespace: 'AWS/SES',
          metricName,
          statistic: 'Maximum',
          period: Duration.minutes(15),
        }),
        threshold,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        missing: TreatMissingData.IGNORE,
      });
    }
  }

  private add(spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this, spec.name, {
      alarmName: `${this.prefix}-${spec.name}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: spec.missing ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

/** SNS SMS month-to-date spend of the account and region (`AWS/SNS`, no dimension). */
export function smsSpendMetric(): Metric {
  return new Metric({
    namespace: 'AWS/SNS',
    metricName: 'SMSMonthToDateSpentUSD',
    statistic: 'Maximum',
    period: Duration.minutes(15),
    label: 'SMS spend this month (USD)',
  });
}
