import { type StandIns, startStandIns } from '../../local/standins';

/**
 * Jest globalSetup of the `integration` project: starts the stand-ins once (always DynamoDB Local on Java,
 * as in CI), and puts their env into process.env, which the test workers inherit. The handle stays on
 * globalThis for global-teardown.ts (both run in jest's parent process).
 */
declare global {
  var __MFA_STANDINS__: StandIns | undefined;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const standIns = await startStandIns({ dynamo: 'java', log: () => undefined });
  globalThis.__MFA_STANDINS__ = standIns;
  Object.assign(process.env, standIns.env);
  if (process.env.MFA_STANDINS_VERBOSE) {
    console.log(`\nstand-ins (${standIns.dynamoEngine}) started in ${Date.now() - started} ms`);
  }
}
