import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import {
  AUDIT_TABLE_NAME,
  CODES_TABLE_NAME,
  LOCAL_REGION,
  SETTINGS_TABLE_NAME,
  type StandIns,
  startStandIns,
} from '../../local/standins';

/**
 * globalSetup of the integration tier under Stryker: Stryker runs jest once per mutant in the same worker
 * process, so the stand-ins are started on the first run and reused by every later one (the normal
 * globalSetup would start a JVM per mutant). Each later run starts from empty tables, as a fresh start
 * would: counters and quotas left by the previous run (3 validation SMS a day to one number...) would
 * otherwise fail tests that the mutant did not break. They stop when the worker process exits
 * (local/dynamo.ts kills its JVM then), so there is no globalTeardown.
 */
declare global {
  var __MFA_MUTATION_STANDINS__: Promise<StandIns> | undefined;
}

async function emptyTables(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const TableName of [SETTINGS_TABLE_NAME, CODES_TABLE_NAME, AUDIT_TABLE_NAME]) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName }));
      await client.send(new DeleteTableCommand({ TableName }));
      await waitUntilTableNotExists({ client, maxWaitTime: 30 }, { TableName });
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: Table?.KeySchema,
          AttributeDefinitions: Table?.AttributeDefinitions,
          GlobalSecondaryIndexes: Table?.GlobalSecondaryIndexes?.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: index.Projection,
          })),
        }),
      );
    }
  } finally {
    client.destroy();
  }
}

export default async function standInsOnce(): Promise<void> {
  const reused = globalThis.__MFA_MUTATION_STANDINS__ !== undefined;
  globalThis.__MFA_MUTATION_STANDINS__ ??= startStandIns({ dynamo: 'java', log: () => undefined });
  const standIns = await globalThis.__MFA_MUTATION_STANDINS__;
  if (reused) {
    await emptyTables(standIns.endpoints.dynamodb);
    await standIns.clearOutbox();
  }
  Object.assign(process.env, standIns.env);
}
