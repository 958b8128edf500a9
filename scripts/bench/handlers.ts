import { resolve } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { handlerEntry, type RouteDefinition } from '../../lambdas/routes';
import { signInRoutes } from '../../lambdas/routes/sign-in';
import { requestIdentity } from '../../local/request-identity';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const REPO_ROOT = resolve(__dirname, '../..');
const load = (route: RouteDefinition) =>
  (require(resolve(REPO_ROOT, handlerEntry(route))) as { handler: Handler }).handler;

const event = (route: RouteDefinition, body: unknown): APIGatewayProxyEvent =>
  ({
    resource: route.path,
    path: route.path,
    httpMethod: route.method,
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: 'bench', identity: requestIdentity('203.0.113.9', 'bench') },
  }) as unknown as APIGatewayProxyEvent;

const context = {
  awsRequestId: 'bench',
  functionName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const summary = (values: number[], digits = 1) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: +percentile(sorted, 50).toFixed(digits),
    p95: +percentile(sorted, 95).toFixed(digits),
    p99: +percentile(sorted, 99).toFixed(digits),
  };
};

/**
 * Full sign-ins through the route handlers (middy, validation, logging at INFO with the lines sent to a sink,
 * metrics on), against the stand-ins: wall time per step, and the CPU this process spent in each handler
 * (DynamoDB Local runs in its own Java process, so its work is not counted).
 */
export async function signInThroughHandlers(
  credentials: { email: string; password: string },
  latestCode: () => Promise<string>,
  signIns: number,
) {
  const login = load(signInRoutes.login);
  const verify = load(signInRoutes.verifyMfa);
  const wall = { login: [] as number[], verify: [] as number[] };
  const cpu = { login: [] as number[], verify: [] as number[] };
  const write = process.stdout.write;
  const timed = async (step: 'login' | 'verify', run: () => Promise<APIGatewayProxyResult>) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      const result = await run();
      if (result.statusCode !== 200) throw new Error(`${step} answered ${result.statusCode}: ${result.body}`);
      return JSON.parse(result.body) as Record<string, unknown>;
    } finally {
      process.stdout.write = write;
      wall[step].push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      cpu[step].push((used.user + used.system) / 1000);
    }
  };
  for (let i = 0; i < signIns; i++) {
    const first = await timed('login', () => login(event(signInRoutes.login, credentials), context));
    if (first.status !== 'MFA_REQUIRED') throw new Error('expected MFA');
    const code = await latestCode();
    await timed('verify', () =>
      verify(event(signInRoutes.verifyMfa, { session: first.session, code }), context),
    );
  }
  return {
    loginMs: summary(wall.login),
    verifyMs: summary(wall.verify),
    loginCpuMs: summary(cpu.login, 2),
    verifyCpuMs: summary(cpu.verify, 2),
  };
}
