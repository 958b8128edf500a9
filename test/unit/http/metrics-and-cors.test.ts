import { corsHeaders, preflightHeaders, requestOrigin } from '../../../lambdas/http/cors';
import { countMetric, METRICS_NAMESPACE, MetricNames } from '../../../lambdas/http/metrics';

describe('metrics', () => {
  test('one EMF record per event, in the namespace, with the service and its own dimensions', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const log = jest.spyOn(console, 'log').mockImplementation((...args) => lines.push(args.join(' ')));
    try {
      countMetric(MetricNames.CodesSent, { Channel: 'sms', Purpose: 'login' });
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
    const records = lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('"_aws"'));
    expect(records).toHaveLength(1);
    const record = JSON.parse(records[0] ?? '{}');
    expect(record._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [['service', 'Channel', 'Purpose']],
      Metrics: [{ Name: 'CodesSent', Unit: 'Count' }],
    });
    expect(record).toMatchObject({ service: 'account-mfa', Channel: 'sms', Purpose: 'login', CodesSent: 1 });
  });
});

describe('CORS allowlist', () => {
  const allowed = ['https://app.example.com'];
  test('an allowed origin is echoed, with Vary', () => {
    expect(corsHeaders('https://app.example.com', allowed)).toEqual({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      'Access-Control-Expose-Headers': 'Retry-After',
      Vary: 'Origin',
    });
  });
  test('any other origin, or none, gets no Allow-Origin', () => {
    expect(corsHeaders('https://evil.example', allowed)).toEqual({ Vary: 'Origin' });
    expect(corsHeaders('https://app.example.com.evil.example', allowed)).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(undefined, allowed)).toEqual({ Vary: 'Origin' });
    expect(corsHeaders('https://app.example.com', [])).toEqual({});
  });
  test('a preflight names the methods and headers only for an allowed origin', () => {
    expect(preflightHeaders('https://app.example.com', allowed, ['POST'])).toMatchObject({
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    });
    expect(preflightHeaders('https://evil.example', allowed, ['POST'])).not.toHaveProperty(
      'Access-Control-Allow-Methods',
    );
  });
  test('the Origin header is found whatever its case', () => {
    expect(requestOrigin({ ORIGIN: 'https://a.example' })).toBe('https://a.example');
    expect(requestOrigin(null)).toBeUndefined();
  });
});
