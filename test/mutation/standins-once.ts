import { type StandIns, startStandIns } from '../../local/standins';

/**
 * globalSetup of the integration tier under Stryker: Stryker runs jest once per mutant in the same worker
 * process, so the stand-ins are started on the first run and reused by every later one (the normal
 * globalSetup would start a JVM per mutant). They stop when the worker process exits (local/dynamo.ts
 * kills its JVM then), so there is no globalTeardown.
 */
declare global {
  var __MFA_MUTATION_STANDINS__: Promise<StandIns> | undefined;
}

export default async function standInsOnce(): Promise<void> {
  globalThis.__MFA_MUTATION_STANDINS__ ??= startStandIns({ dynamo: 'java', log: () => undefined });
  Object.assign(process.env, (await globalThis.__MFA_MUTATION_STANDINS__).env);
}
