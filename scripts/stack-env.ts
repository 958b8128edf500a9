import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/**
 * Where operator commands find the service's settings: the local stack started from this folder on the
 * same PORT (it leaves its settings in `.local-stack/port-<PORT>.json` while it runs), or a deployed
 * stack's CloudFormation outputs.
 */
export const localStateFile = (root: string, port: string | number): string =>
  join(root, '.local-stack', `port-${port}.json`);

export function localStackEnv(root: string, port: string | number): Record<string, string> {
  const file = localStateFile(root, port);
  if (!existsSync(file)) {
    throw new Error(
      `No local stack is running on port ${port}: start one with \`npm start\`, or pass --stack <name>.`,
    );
  }
  const state = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; env: Record<string, string> };
  try {
    process.kill(state.pid, 0);
  } catch {
    throw new Error(`The local stack on port ${port} has stopped: start it again with \`npm start\`.`);
  }
  return state.env;
}

/** Stack outputs, by name, mapped to the settings the service reads. */
const OUTPUT_TO_SETTING: Record<string, string> = {
  SettingsTableName: 'SETTINGS_TABLE_NAME',
  CodesTableName: 'CODES_TABLE_NAME',
  AuditTableName: 'AUDIT_TABLE_NAME',
  UserPoolId: 'USER_POOL_ID',
  UserPoolClientId: 'USER_POOL_CLIENT_ID',
  KeysSecretArn: 'MFA_KEYS_SECRET_ARN',
  SesFromAddress: 'SES_FROM_ADDRESS',
  AppBaseUrl: 'APP_BASE_URL',
  ProductName: 'PRODUCT_NAME',
  SesConfigurationSetName: 'SES_CONFIGURATION_SET',
};

const OPTIONAL_OUTPUTS = new Set(['PRODUCT_NAME', 'SES_CONFIGURATION_SET']);

export async function deployedStackEnv(stackName: string): Promise<Record<string, string>> {
  const { Stacks } = await new CloudFormationClient({}).send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  const outputs = Stacks?.[0]?.Outputs ?? [];
  const env: Record<string, string> = {};
  for (const output of outputs) {
    const setting = output.OutputKey ? OUTPUT_TO_SETTING[output.OutputKey] : undefined;
    if (setting && output.OutputValue) env[setting] = output.OutputValue;
  }
  const missing = Object.entries(OUTPUT_TO_SETTING)
    .filter(([, setting]) => !OPTIONAL_OUTPUTS.has(setting) && !env[setting])
    .map(([output]) => output);
  if (missing.length > 0)
    throw new Error(
      `Stack ${stackName} lacks the outputs ${missing.join(', ')}: deploy the current version.`,
    );
  return env;
}
