import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { config } from '../lambdas/config';
import { type ApiError, errors } from '../lambdas/domain/errors';
import { preflightHeaders } from '../lambdas/http/cors';
import { SECURITY_HEADERS, toErrorResponse } from '../lambdas/http/middleware';
import { handlerEntry, MAX_BODY_BYTES, type RouteDefinition, routeList } from '../lambdas/routes';
import { type Fault, handleLocalRoute } from './local-routes';
import { closeServer, LOOPBACK, listen } from './net';
import type { OutboxMessage } from './outbox';
import { requestIdentity } from './request-identity';
import type { SiteHandler } from './static-files';

/**
 * The local API Gateway: a `node:http` server generated from the route table. It routes (404 / 405 with
 * Allow), caps bodies at MAX_BODY_BYTES (413), runs the deployed session authorizer
 * (lambdas/authorizer/handler.ts) in-process for every user and admin route, as API Gateway runs the
 * Lambda TOKEN authorizer (a header that is no bearer token, or a refusal: 401; an allowed token: its
 * context becomes `requestContext.authorizer`), and invokes each route's Lambda handler in-process with a
 * REST (v1) proxy event and a Lambda context. API Gateway may reuse an authorizer answer for
 * `authorizerCacheSeconds`; locally every request is checked. Also serves the local-only routes of
 * `local-routes.ts` (outbox, faults) and, when given, the web app on paths outside `/v1/`. Logs one line per
 * request: method, path, status, ms.
 */
export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
export type AuthorizerHandler = (
  event: APIGatewayTokenAuthorizerEvent,
) => Promise<APIGatewayAuthorizerResult>;

export interface GatewayOptions {
  readonly routes?: readonly RouteDefinition[];
  /** Backs `GET /_local/outbox`; the route answers 404 when absent. */
  readonly outbox?: (to?: string) => Promise<OutboxMessage[]>;
  /** Backs `POST /_local/faults` (local-routes.ts); the route answers 404 when absent. */
  readonly faults?: (fault: Fault) => void;
  /** Serves the web app on paths outside `/v1/` (local/static-files.ts); else those are 404 too. */
  readonly site?: SiteHandler;
  /** Loads a route's handler; default: require `handlerEntry(route)` from the repository root, on first use. */
  readonly loadHandler?: (route: RouteDefinition) => LambdaHandler;
  /** Loads the session authorizer; default: require `lambdas/authorizer/handler.ts`, on first use. */
  readonly loadAuthorizer?: () => AuthorizerHandler;
  readonly stage?: string;
  /** One line per request; default console.log. */
  readonly log?: (line: string) => void;
  /**
   * Checks each route's answer against the contract (local/response-contract.ts); a breach is logged and
   * answered 500, so that a test walking the API cannot miss it.
   */
  readonly checkResponse?: (
    route: RouteDefinition,
    statusCode: number,
    body: string | undefined,
  ) => string | undefined;
}

export interface Gateway {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const REPO_ROOT = resolve(__dirname, '..');
const LAMBDA_TIMEOUT_MS = 29_000;
/** After a 413, at most this much more of the refused body is drained before the connection is cut. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly paramNames: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/v1/accounts/{accountId}/settings/mfa` -> /^\/v1\/accounts\/([^/]+)\/settings\/mfa$/ and ['accountId']. */
export function compileRoute(route: RouteDefinition): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.path
    .split(/(\{[A-Za-z0-9_]+\+?\})/)
    .map((part) => {
      const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
      if (!param) return escapeRegExp(part);
      paramNames.push(param[1]!);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}$`), paramNames };
}

const defaultLoader = (route: RouteDefinition): LambdaHandler => {
  const module = require(resolve(REPO_ROOT, handlerEntry(route))) as { handler?: LambdaHandler };
  if (typeof module.handler !== 'function') throw new Error(`${handlerEntry(route)} exports no handler`);
  return module.handler;
};

const defaultAuthorizer = (): AuthorizerHandler => {
  const module = require(resolve(REPO_ROOT, 'lambdas/authorizer/handler.ts')) as {
    handler?: AuthorizerHandler;
  };
  if (typeof module.handler !== 'function')
    throw new Error('lambdas/authorizer/handler.ts exports no handler');
  return module.handler;
};

/** What API Gateway's TOKEN authorizer does with the Authorization header (lib/session-authorizer.ts). */
const BEARER_TOKEN = /^Bearer [-0-9A-Za-z_]+\.[-0-9A-Za-z_]+\.[-0-9A-Za-z_]+$/;

/**
 * API Gateway's REST proxy event carries an authorizer's context flat beside `principalId`, every value
 * as a string.
 */
export function authorizerContext(result: APIGatewayAuthorizerResult): Record<string, string> {
  const context: Record<string, string> = { principalId: result.principalId };
  for (const [name, value] of Object.entries(result.context ?? {})) {
    if (value !== undefined && value !== null) context[name] = String(value);
  }
  return context;
}

/** True when the policy allows invoking this method ARN (a `*` matches any characters, as in IAM). */
export function policyAllows(result: APIGatewayAuthorizerResult, methodArn: string): boolean {
  const statements = result.policyDocument?.Statement ?? [];
  const matches = (pattern: string) =>
    new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`).test(methodArn);
  const resources = (statement: (typeof statements)[number]) => {
    const resource = (statement as { Resource?: string | string[] }).Resource ?? [];
    return Array.isArray(resource) ? resource : [resource];
  };
  const applies = (statement: (typeof statements)[number]) => resources(statement).some(matches);
  if (statements.some((st) => st.Effect === 'Deny' && applies(st))) return false;
  return statements.some((st) => st.Effect === 'Allow' && applies(st));
}

function send(res: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  for (const [k, vs] of Object.entries(result.multiValueHeaders ?? {})) headers[k] = vs.map(String);
  const body = result.body
    ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  headers['Content-Length'] = String(body.length);
  res.writeHead(result.statusCode, headers);
  res.end(body);
}

/** A gateway-level answer in the contract's error shape, with the security headers. */
function sendError(res: ServerResponse, error: ApiError): void {
  const response = toErrorResponse(error);
  send(res, { ...response, headers: { ...SECURITY_HEADERS, ...response.headers } });
}

/** Answers 413 at once and cuts the connection, without buffering the rest of the body. */
function refuseBody(req: IncomingMessage, res: ServerResponse): void {
  res.shouldKeepAlive = false;
  sendError(res, errors.payloadTooLarge(MAX_BODY_BYTES));
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** Reads the body up to MAX_BODY_BYTES; undefined when it is larger (the 413 is then already sent). */
function readLimitedBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    refuseBody(req, res);
    return Promise.resolve(undefined);
  }
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        req.off('data', onData);
        refuseBody(req, res);
        resolvePromise(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!refused) resolvePromise(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function headerMaps(req: IncomingMessage) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  return { headers, multiValueHeaders };
}

function queryMaps(url: URL) {
  if ([...url.searchParams.keys()].length === 0) {
    return { queryStringParameters: null, multiValueQueryStringParameters: null };
  }
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    queryStringParameters[k] = v;
    multiValueQueryStringParameters[k] = [...(multiValueQueryStringParameters[k] ?? []), v];
  }
  return { queryStringParameters, multiValueQueryStringParameters };
}

function lambdaContext(route: RouteDefinition, requestId: string): Context {
  const deadline = Date.now() + LAMBDA_TIMEOUT_MS;
  const functionName = route.id;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${new Date().toISOString().slice(0, 10)}/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function createGateway(options: GatewayOptions): Server {
  const compiled = (options.routes ?? routeList).map(compileRoute);
  const loadHandler = options.loadHandler ?? defaultLoader;
  const handlers = new Map<string, LambdaHandler>();
  let authorizer: AuthorizerHandler | undefined;
  const stage = options.stage ?? 'local';
  const log = options.log ?? ((line: string) => console.log(line));

  /** The authorizer's context for an allowed request; undefined means 401 (as API Gateway answers). */
  async function authorize(req: IncomingMessage, route: RouteDefinition, path: string) {
    const header = req.headers.authorization ?? '';
    if (!BEARER_TOKEN.test(header)) return undefined;
    authorizer ??= (options.loadAuthorizer ?? defaultAuthorizer)();
    const methodArn = `arn:aws:execute-api:us-east-1:000000000000:local/${stage}/${route.method}${path}`;
    let result: APIGatewayAuthorizerResult;
    try {
      result = await authorizer({ type: 'TOKEN', authorizationToken: header, methodArn });
    } catch (error) {
      // "Unauthorized" is the authorizer's refusal; anything else failed to check (API Gateway: 500).
      if ((error as Error)?.message === 'Unauthorized') return undefined;
      throw error;
    }
    return policyAllows(result, methodArn) ? authorizerContext(result) : 'denied';
  }

  async function invoke(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    { route, pattern, paramNames }: CompiledRoute,
  ): Promise<void> {
    const body = await readLimitedBody(req, res);
    if (body === undefined) return;
    let context: Record<string, string> | undefined;
    if (route.auth !== 'none') {
      const answer = await authorize(req, route, url.pathname);
      if (answer === undefined) return sendError(res, errors.unauthorized());
      if (answer === 'denied') return sendError(res, errors.forbidden());
      context = answer;
    }
    const values = pattern.exec(url.pathname)!.slice(1);
    let pathParameters: Record<string, string> | null = null;
    try {
      if (paramNames.length)
        pathParameters = Object.fromEntries(paramNames.map((n, i) => [n, decodeURIComponent(values[i]!)]));
    } catch {
      return sendError(res, errors.notFound()); // malformed %-encoding
    }
    const requestId = randomUUID();
    const now = new Date();
    const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const userAgent = req.headers['user-agent'] ?? '';
    const event: APIGatewayProxyEvent = {
      resource: route.path,
      path: url.pathname,
      httpMethod: route.method,
      ...headerMaps(req),
      ...queryMaps(url),
      pathParameters,
      stageVariables: null,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer: context ?? null,
        domainName: req.headers.host ?? 'localhost',
        domainPrefix: 'localhost',
        extendedRequestId: requestId,
        httpMethod: route.method,
        identity: requestIdentity(sourceIp, userAgent),
        path: `/${stage}${url.pathname}`,
        protocol: `HTTP/${req.httpVersion}`,
        requestId,
        requestTime: now.toUTCString(),
        requestTimeEpoch: now.getTime(),
        resourceId: route.id,
        resourcePath: route.path,
        stage,
      },
    };
    let handler = handlers.get(route.id);
    if (!handler) {
      handler = loadHandler(route);
      handlers.set(route.id, handler);
    }
    const result = await handler(event, lambdaContext(route, requestId));
    if (!result || typeof result.statusCode !== 'number')
      throw new Error(`${route.id} returned no statusCode`);
    const breach = options.checkResponse?.(route, result.statusCode, result.body);
    if (breach) throw new Error(`Response contract broken: ${breach}`);
    send(res, result);
  }

  const localRoute = (req: IncomingMessage, res: ServerResponse, url: URL) =>
    handleLocalRoute(
      req,
      url,
      options,
      (statusCode, body) =>
        send(res, { statusCode, headers: { ...SECURITY_HEADERS }, body: JSON.stringify(body) }),
      (error) => sendError(res, error),
    );

  /** `note` receives what the log line shows as the path, before anything is sent. */
  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    note: (path: string) => void,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/_local/') && (await localRoute(req, res, url))) return;
    const matches = compiled.filter((c) => c.pattern.test(url.pathname));
    if (matches.length === 0) {
      if (options.site && !url.pathname.startsWith('/v1/') && options.site(req, res, url)) return;
      return sendError(res, errors.notFound());
    }
    // The template, not the path: path parameters may be secrets (invitation tokens).
    note(matches[0]!.route.path);
    const allowedOrigins = config().CORS_ALLOWED_ORIGINS;
    if (req.method === 'OPTIONS' && allowedOrigins.length > 0) {
      const methods = [...new Set(matches.map((c) => c.route.method))];
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      return send(res, {
        statusCode: 204,
        headers: { ...SECURITY_HEADERS, ...preflightHeaders(origin, allowedOrigins, methods) },
        body: '',
      });
    }
    const match = matches.find((c) => c.route.method === req.method);
    if (!match)
      return sendError(res, errors.methodNotAllowed([...new Set(matches.map((c) => c.route.method))]));
    return invoke(req, res, url, match);
  }

  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    let loggedPath = (req.url ?? '/').split('?')[0]!.slice(0, 200);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method} ${loggedPath} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    handle(req, res, (path) => {
      loggedPath = path;
    }).catch((error: unknown) => {
      // Like a Lambda that crashed outside its middleware: no internals to the client, name and message in the log.
      console.error(
        `gateway: ${req.method} ${loggedPath} failed: ${(error as Error)?.name}: ${(error as Error)?.message}`,
      );
      if (!res.headersSent) sendError(res, errors.internal());
      else res.end();
    });
  });
}

/** Starts the gateway on `port` (0 = a free one) of the loopback interface. */
export async function startGateway(
  options: GatewayOptions & { port?: number; host?: string },
): Promise<Gateway> {
  const server = createGateway(options);
  const url = await listen(server, options.port ?? 0, options.host ?? LOOPBACK);
  return { url, server, close: () => closeServer(server) };
}
