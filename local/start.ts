import { quietSdkNotices } from '../scripts/cli';

// The local machines run Node 20 (Lambda runs 22); the SDK's reminder of that is noise here.
quietSdkNotices();
// Metrics (EMF records on stdout) mean something in CloudWatch only; set it to false to see them.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../lambdas/config';
import { localStateFile } from '../scripts/stack-env';
import { ensureWebBuild, WEB_DIST } from '../scripts/web-build';
import { type Gateway, startGateway } from './gateway';
import { freePort, LOOPBACK, portIsFree } from './net';
import { responseContractBreach } from './response-contract';
import { adminSettings, seed } from './seed';
import { type StandIns, startStandIns } from './standins';
import { type SiteHandler, staticSite } from './static-files';

/**
 * `npm start`: the whole service on one port, against local stand-ins (README "Quick start").
 *
 *   PORT              port of the API (default 3000; 0 = any free port)
 *   LOCAL_DATA_DIR    keep DynamoDB, Cognito and the local secret here across restarts (fresh state otherwise)
 *   LOCAL_DYNAMO      java | js | auto (default auto: DynamoDB Local when Java is on PATH, else dynalite)
 *   LOCAL_ADMIN_EMAIL, LOCAL_ADMIN_PASSWORD, LOCAL_ADMIN_PHONE   the seeded demo admin (see local/seed.ts)
 *   MFA_* and the other settings of lambdas/config.ts apply as they do in Lambda.
 *
 * Prints `Local MFA stack ready at http://localhost:<port>` once it serves requests; SIGINT or SIGTERM stops
 * everything it started and exits 0. A bad setting stops start-up with the config module's message (exit 1).
 */

/** Values the stand-ins provide, so that a bad setting is reported before they start (they take seconds). */
const PROVIDED_BY_STANDINS = {
  SETTINGS_TABLE_NAME: 'mfa-settings',
  CODES_TABLE_NAME: 'mfa-codes',
  AUDIT_TABLE_NAME: 'mfa-audit',
  USER_POOL_ID: 'local_precheck',
  USER_POOL_CLIENT_ID: 'precheck',
  SES_FROM_ADDRESS: 'no-reply@mfa.local',
  MFA_LOCAL_SECRET: '0'.repeat(64),
};

function parsePort(raw: string | undefined): number {
  const port = Number(raw || '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`Invalid configuration: PORT must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

/** The one line `npm start` prints when its port is taken: which port, and how to choose another. */
export const portTaken = (port: number): string =>
  `Local MFA stack: port ${port} is already in use (another \`npm start\`?). ` +
  `Stop that process, or choose another port: PORT=${port === 3000 ? 3001 : port + 1} npm start`;

function parseEngine(raw: string | undefined): 'java' | 'js' | 'auto' {
  const engine = raw || 'auto';
  if (engine !== 'java' && engine !== 'js' && engine !== 'auto') {
    throw new ConfigError(`Invalid configuration: LOCAL_DYNAMO must be java, js or auto, got "${raw}"`);
  }
  return engine;
}

/** The web app, built first when missing or stale (a few seconds); the API runs even if it cannot build. */
function webApp(): SiteHandler | undefined {
  try {
    ensureWebBuild((line) => console.log(line));
    // Same origin as the API locally: no CORS, the app calls /v1 on this port.
    return staticSite({ root: WEB_DIST, runtimeConfig: { apiUrl: '' } });
  } catch (error) {
    console.error(`Web app: ${(error as Error).message}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  let standIns: StandIns | undefined;
  let gateway: Gateway | undefined;
  let stopping: Promise<void> | undefined;
  let stateFile: string | undefined;

  const stop = (code: number) => {
    stopping ??= (async () => {
      const force = setTimeout(() => {
        console.error('Local MFA stack: stopping took too long; exiting.');
        process.exit(code || 1);
      }, 15_000);
      force.unref();
      if (stateFile) rmSync(stateFile, { force: true });
      await gateway?.close();
      await standIns?.stop();
      clearTimeout(force);
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // One line, however many signals arrive (a terminal's Ctrl-C reaches npm and this process alike).
      if (!stopping) console.log(`\nLocal MFA stack: ${signal} received, stopping.`);
      void stop(0);
    });
  }

  try {
    let port = parsePort(process.env.PORT);
    const dynamo = parseEngine(process.env.LOCAL_DYNAMO);
    if (port === 0) port = await freePort();
    // Before the stand-ins (seconds to start): a port in use is one clear line, at once.
    if (!(await portIsFree(port, LOOPBACK))) {
      console.error(portTaken(port));
      process.exit(1);
    }
    const baseUrl = `http://localhost:${port}`;
    const appBaseUrl = process.env.APP_BASE_URL || baseUrl;
    // Fail fast on a bad setting, before the stand-ins start.
    loadConfig({ ...process.env, ...PROVIDED_BY_STANDINS, APP_BASE_URL: appBaseUrl });
    adminSettings(process.env);

    const site = webApp();
    const dataDir = process.env.LOCAL_DATA_DIR || undefined;
    standIns = await startStandIns({ dataDir, dynamo, appBaseUrl });
    const standInsMs = Date.now() - started;
    // Before any handler module loads: the AWS clients and the config read process.env.
    Object.assign(process.env, standIns.env);
    loadConfig();

    const demo = await seed(standIns.env, process.env);
    const env = standIns.env;
    gateway = await startGateway({
      port,
      host: LOOPBACK,
      outbox: standIns.outbox,
      faults: ({ service, count, to }) =>
        service === 'sns' ? standIns?.failNextSms(count, { to }) : standIns?.failNextEmails(count, { to }),
      site,
      ...(process.env.LOCAL_CHECK_RESPONSES === '1' ? { checkResponse: responseContractBreach } : {}),
    });

    // Operator commands run from this folder (npm run create-account) find this stack by its PORT.
    stateFile = localStateFile(resolve(__dirname, '..'), port);
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(
      stateFile,
      JSON.stringify({ pid: process.pid, env: { ...env, APP_BASE_URL: appBaseUrl } }),
      {
        mode: 0o600,
      },
    );

    const engine =
      standIns.dynamoEngine === 'dynamodb-local'
        ? `DynamoDB Local (Java) at ${env.AWS_ENDPOINT_URL_DYNAMODB}`
        : `dynalite (pure JS, in-process) at ${env.AWS_ENDPOINT_URL_DYNAMODB}`;
    const channel = demo.admin.phoneNumber ? `SMS to ${demo.admin.phoneNumber}` : 'email';
    console.log(
      [
        '',
        'Local MFA stack',
        `  Web app:      ${site ? `${baseUrl}/   (sign in with the admin below)` : 'not built (see the message above)'}`,
        `  API:          ${baseUrl}/v1   (try ${baseUrl}/v1/health; description at ${baseUrl}/v1/openapi.json)`,
        `  Outbox:       ${baseUrl}/_local/outbox   (every SMS and email; ?to=<recipient> filters)`,
        `  DynamoDB:     ${engine}`,
        `  Cognito:      cognito-local at ${env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER} (pool ${env.USER_POOL_ID})`,
        `  Faults:       POST ${baseUrl}/_local/faults {"service":"sns"|"ses","count":1,"to"?:"…"}`,
        `  SNS stand-in: ${env.LOCAL_SNS_URL}`,
        `  SES stand-in: ${env.LOCAL_SES_URL}`,
        `  Data:         ${dataDir ? `kept in ${dataDir}` : 'in memory, fresh at every start (set LOCAL_DATA_DIR to keep it)'}`,
        `  Account:      ${demo.accountName} (${demo.accountId}), MFA ${demo.mfaEnabled ? 'on' : 'off'}`,
        `  Admin email:    ${demo.admin.email}`,
        `  Admin password: ${demo.admin.password}`,
        `  Admin codes go by ${channel} when MFA is on.`,
        `  Stand-ins started in ${(standInsMs / 1000).toFixed(1)} s; Ctrl-C stops everything.`,
        '',
        `Local MFA stack ready at ${baseUrl}`,
      ].join('\n'),
    );
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE')
      console.error(portTaken(Number(process.env.PORT || 3000)));
    else console.error(`Local MFA stack failed to start: ${(error as Error)?.stack ?? error}`);
    await stop(1);
  }
}

void main();
