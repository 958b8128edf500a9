import { Logger } from '@aws-lambda-powertools/logger';
import { CompactLogFormatter } from '../../../lambdas/http/logger';

describe('log lines', () => {
  test('carry the request id, the cold start and the fields logged, and not the function name, ARN or memory', () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logger = new Logger({
        serviceName: 'account-mfa',
        logFormatter: new CompactLogFormatter(),
        logLevel: 'INFO',
      });
      logger.addContext({
        functionName: 'AccountMfa-Route-login',
        functionVersion: '$LATEST',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:AccountMfa-Route-login',
        memoryLimitInMB: '256',
        awsRequestId: 'req-123',
      } as never);
      logger.info('mfa.code.sent', { event: 'mfa.code.sent', channel: 'email' });
    } finally {
      write.mockRestore();
    }
    const line = JSON.parse(lines.join('').trim().split('\n').at(-1) ?? '{}');
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'mfa.code.sent',
      service: 'account-mfa',
      request_id: 'req-123',
      event: 'mfa.code.sent',
      channel: 'email',
    });
    expect(typeof line.cold_start).toBe('boolean');
    for (const field of ['function_arn', 'function_name', 'function_memory_size', 'sampling_rate'])
      expect(line).not.toHaveProperty(field);
  });
});
