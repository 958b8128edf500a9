import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../lambdas/routes';
import { AlarmTopic } from './alarm-topic';
import { MfaAlarms } from './alarms';
import { MfaDashboard } from './dashboard';
import { ApiFirewall } from './firewall';
import { MfaQueries } from './queries';
import type { OperationsSettings } from './settings';

export { EmailEvents } from './email-events';
export { checkOperationsSettings, type OperationsSettings } from './settings';

export interface MfaOperationsProps {
  readonly settings: OperationsSettings;
  readonly apiName: string;
  readonly stage: Stage;
  readonly stageName: string;
  readonly routes: readonly {
    readonly route: RouteDefinition;
    readonly fn: IFunction;
    readonly logGroup: ILogGroup;
  }[];
  /** The session authorizer's function (alarmed and queried like the route functions). */
  readonly authorizer?: { readonly fn: IFunction; readonly logGroup: ILogGroup };
  readonly tables: Readonly<Record<string, ITable>>;
  readonly sesConfigurationSet: string;
}

/** Issue 5, production operations: alarm topic and alarms, WAF, dashboard, saved Logs Insights queries. */
export class MfaOperations extends Construct {
  readonly alarmTopic: AlarmTopic;
  readonly alarms: MfaAlarms;
  readonly firewall?: ApiFirewall;
  readonly dashboard: MfaDashboard;
  readonly queries: MfaQueries;

  constructor(scope: Construct, id: string, props: MfaOperationsProps) {
    super(scope, id);
    const { settings } = props;
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { email: settings.alarmEmail });
    this.alarms = new MfaAlarms(this, 'Alarms', {
      topic: this.alarmTopic.topic,
      stage: props.stage,
      functions: [
        ...props.routes.map(({ route, fn }) => ({ routeId: route.id, group: route.capability, fn })),
        ...(props.authorizer
          ? [{ routeId: 'session-authorizer', group: 'session-authorizer', fn: props.authorizer.fn }]
          : []),
      ],
      tables: props.tables,
      settings,
    });
    if (settings.wafEnabled) {
      this.firewall = new ApiFirewall(this, 'Firewall', {
        stage: props.stage,
        stageName: props.stageName,
        rateLimit: settings.wafRateLimit,
        allRoutesRateLimit: settings.wafAllRoutesRateLimit,
      });
    }
    this.dashboard = new MfaDashboard(this, 'Dashboard', {
      apiName: props.apiName,
      stage: props.stage,
      stageName: props.stageName,
      routes: props.routes,
      tables: props.tables,
      alarms: this.alarms.alarms,
      smsVerificationRatio: this.alarms.smsVerificationRatio,
      smsMonthlyBudgetUsd: settings.smsMonthlyBudgetUsd,
      sesConfigurationSet: props.sesConfigurationSet,
      wafMetricName: this.firewall?.metricName,
    });
    this.queries = new MfaQueries(this, 'Queries', {
      logGroups: [
        ...props.routes.map((r) => r.logGroup),
        ...(props.authorizer ? [props.authorizer.logGroup] : []),
      ],
    });
  }
}
