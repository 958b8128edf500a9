import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per process; the middy middleware adds the request id to every line. */
export const logger = new Logger({ serviceName: 'account-mfa' });
