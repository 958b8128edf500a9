import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * The fields every line carries: level, message, time, service, whether it is a cold start, and the
 * request id that ties a request's lines together. The function's name, ARN and memory (the log group
 * and Lambda's own REPORT line say those) are left out: every byte of every line is billed.
 */
export class CompactLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: attributes.lambdaContext?.coldStart,
        request_id: attributes.lambdaContext?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(additional);
  }
}

/** One structured JSON logger per process; the middy middleware adds the request id to every line. */
export const logger = new Logger({ serviceName: 'account-mfa', logFormatter: new CompactLogFormatter() });
