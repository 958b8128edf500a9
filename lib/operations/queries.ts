import { Stack } from 'aws-cdk-lib';
import { type ILogGroup, QueryDefinition, QueryString } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** What the operator replaces in a saved query before running it. */
export const USER_ID_PLACEHOLDER = 'PUT-THE-USER-ID-HERE';

/** The events that explain a missing code (lambdas log them as Powertools JSON with an `event` field). */
export const NO_CODE_EVENTS = [
  'mfa.code.sent',
  'mfa.code.delivery_failed',
  'mfa.rate_limited',
  'mfa.locked',
  'auth.login.failed',
] as const;

export interface MfaQueriesProps {
  /** The functions' log groups (every route). */
  readonly logGroups: readonly ILogGroup[];
}

/**
 * Saved CloudWatch Logs Insights queries over the functions' log groups, in the console under
 * `<stackName>/...`:
 * - why did this user not get a code: the send, failure, rate-limit, lock and failed-login events of one
 *   user (replace the placeholder with the user's id);
 * - who changed the MFA setting: every `account.mfa.changed`, with the account, the new value and who;
 * - cold starts: init duration p50/p90/p99 per function, from the Lambda REPORT lines.
 */
export class MfaQueries extends Construct {
  readonly definitions: QueryDefinition[];

  constructor(scope: Construct, id: string, props: MfaQueriesProps) {
    super(scope, id);
    const folder = Stack.of(this).stackName;
    const logGroups = [...props.logGroups];
    const define = (name: string, queryString: QueryString) =>
      new QueryDefinition(this, name, { queryDefinitionName: `${folder}/${name}`, queryString, logGroups });

    this.definitions = [
      define(
        'why-did-this-user-not-get-a-code',
        new QueryString({
          fields: ['@timestamp', 'event', 'purpose', 'channel', 'destination', 'reason', 'message', '@log'],
          filterStatements: [
            `userId = "${USER_ID_PLACEHOLDER}"`,
            `event in [${NO_CODE_EVENTS.map((e) => `"${e}"`).join(', ')}]`,
          ],
          sort: '@timestamp desc',
          limit: 200,
        }),
      ),
      define(
        'who-changed-the-mfa-setting',
        new QueryString({
          fields: ['@timestamp', 'accountId', 'enabled', 'by', '@log'],
          filterStatements: ['event = "account.mfa.changed"'],
          sort: '@timestamp desc',
          limit: 200,
        }),
      ),
      define(
        'cold-starts',
        new QueryString({
          filterStatements: ['@type = "REPORT"', 'ispresent(@initDuration)'],
          statsStatements: [
            'count(*) as coldStarts, pct(@initDuration, 50) as p50, pct(@initDuration, 90) as p90, ' +
              'pct(@initDuration, 99) as p99, max(@initDuration) as slowest by @log',
          ],
          sort: 'p99 desc',
        }),
      ),
    ];
  }
}
