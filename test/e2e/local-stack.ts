import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * Runs `node --import tsx local/start.ts` (what `npm start` runs) as a child process on a free port, for
 * end-to-end tests over HTTP. Always DynamoDB Local on Java, as in CI.
 */
const REPO_ROOT = resolve(__dirname, '../..');
const READY = /Local MFA stack ready at (http:\/\/localhost:\d+)/;

export interface LocalStack {
  /** http://127.0.0.1:<port> (the stack prints localhost; the loopback address avoids an IPv6 detour). */
  readonly url: string;
  readonly child: ChildProcess;
  readonly snsUrl: string;
  readonly sesUrl: string;
  output(): string;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The environment of the test runner without anything a stand-in or another stack set. */
function cleanEnv(): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    ([k, v]) =>
      v !== undefined &&
      !/^(AWS_|LOCAL_|MFA_|COGNITO_|USER_POOL_|SES_FROM_|SETTINGS_TABLE|CODES_TABLE|APP_BASE_URL$|PORT$)/.test(
        k,
      ),
  );
  return Object.fromEntries(inherited) as Record<string, string>;
}

export async function startLocalStack(
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<LocalStack> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...cleanEnv(), LOCAL_DYNAMO: 'java', LOCAL_CHECK_RESPONSES: '1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );

  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the local stack was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = () => {
      if (READY.test(output)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout?.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the local stack exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });

  const snsUrl = /SNS stand-in: (http:\/\/\S+)/.exec(output)?.[1] ?? '';
  const sesUrl = /SES stand-in: (http:\/\/\S+)/.exec(output)?.[1] ?? '';
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    snsUrl,
    sesUrl,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Every process below `pid` (children, grandchildren ...), with its command line. */
export function descendants(pid: number): { pid: number; args: string }[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const found: { pid: number; args: string }[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of table.filter((row) => row.ppid === parent)) {
      found.push({ pid: p.pid, args: p.args });
      queue.push(p.pid);
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A parsed JSON response body; tests assert its shape with expect. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked with expect(...), not by the compiler
export type Json = any;

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
}

/** fetch + JSON body, without throwing on 4xx/5xx. */
export async function call(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    rawBody?: string;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}
