import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { guardedRouter } from './cognito-guard';
import { withReadableAttributes } from './cognito-tokens';
import { closeServer, listen } from './net';

/**
 * cognito-local (5.3.0) run in-process. Its CLI (`lib/bin/start.js`) keeps data in `./.cognito` of the
 * working directory and fixes the port before it listens; this does what its `createDefaultServer` does,
 * but with an absolute data directory, a server on a free loopback port, and the token issuer set to
 * that port once it is known (the token generator reads `TokenConfig.IssuerDomain` on every token).
 *
 * Its router sits behind `cognito-guard.ts`, which refuses what Cognito refuses and cognito-local does not.
 *
 * It reaches into cognito-local's `lib/` modules, which is why the version is pinned.
 */
export interface CognitoLocal {
  /** e.g. http://127.0.0.1:41234 (the SDK endpoint; issuers are `<url>/<poolId>`). */
  readonly url: string;
  close(): Promise<void>;
}

// cognito-local loads the AWS SDK v2 (for KMS and Lambda triggers, unused here), which prints an end-of-support note.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';

const lib = (module: string) => require(`cognito-local/lib/${module}`);
// pino is cognito-local's own dependency; resolve it from there rather than relying on hoisting.
const pino = require(
  require.resolve('pino', { paths: [dirname(require.resolve('cognito-local/package.json'))] }),
);

export async function startCognitoLocal(options: {
  dataDir: string;
  logLevel?: string;
}): Promise<CognitoLocal> {
  const dataDirectory = join(options.dataDir, 'db');
  mkdirSync(dataDirectory, { recursive: true });

  const { DefaultConfig } = lib('server/config');
  const { createServer: createCognitoApp } = lib('server/server');
  const { Router } = lib('server/Router');
  const { DateClock, LambdaService, MessagesService, TriggersService } = lib('services');
  const { CognitoServiceFactoryImpl } = lib('services/cognitoService');
  const { CryptoService } = lib('services/crypto');
  const { StormDBDataStoreFactory } = lib('services/dataStore/stormDb');
  const { ConsoleMessageSender } = lib('services/messageDelivery/consoleMessageSender');
  const { MessageDeliveryService } = lib('services/messageDelivery/messageDelivery');
  const { otp } = lib('services/otp');
  const { JwtTokenGenerator } = lib('services/tokenGenerator');
  const { UserPoolServiceFactoryImpl } = lib('services/userPoolService');

  const logger = pino({ level: options.logLevel ?? process.env.LOCAL_COGNITO_LOG_LEVEL ?? 'silent' });
  const ctx = { logger };
  const tokenConfig = { IssuerDomain: 'http://127.0.0.1:0' };
  const config = {
    ...DefaultConfig,
    TokenConfig: tokenConfig,
    ServerConfig: { port: 0, hostname: '127.0.0.1', development: false, https: false },
  };
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(dataDirectory);
  const cognito = await new CognitoServiceFactoryImpl(
    dataDirectory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  ).create(ctx, config.UserPoolDefaults);
  // No Lambda triggers are configured, so the Lambda client is never called (and no AWS SDK v2 client is made).
  const triggers = new TriggersService(
    clock,
    cognito,
    new LambdaService({}, {}),
    new CryptoService(undefined),
  );
  const services = {
    clock,
    cognito,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: withReadableAttributes(new JwtTokenGenerator(clock, triggers, tokenConfig)),
    triggers,
  };
  const { CognitoError } = lib('errors');
  // Refuse what AWS refuses and cognito-local does not (auth flows, attributes a client may not write).
  const router = guardedRouter(
    Router(services),
    async (ctx, clientId) =>
      clientId ? ((await cognito.getAppClient(ctx, clientId)) ?? undefined) : undefined,
    (refused) => new CognitoError(refused.code, refused.message),
  );
  const app = createCognitoApp(router, logger, config.ServerConfig, services).application;
  const server = createServer(app);
  const url = await listen(server);
  tokenConfig.IssuerDomain = url;
  return { url, close: () => closeServer(server) };
}
