import { countMetric, MetricNames } from '../../lambdas/http/metrics';

/** CPU per EMF metric record, in µs, with stdout taken by a sink (what Lambda's log capture costs is apart). */
export function metricCpuMicros(iterations = 20_000): number {
  const write = process.stdout.write;
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    for (let i = 0; i < 1000; i++) countMetric(MetricNames.CodesSent, { Channel: 'sms', Purpose: 'login' });
    const started = process.cpuUsage();
    for (let i = 0; i < iterations; i++)
      countMetric(MetricNames.CodesSent, { Channel: 'sms', Purpose: 'login' });
    const used = process.cpuUsage(started);
    return +((used.user + used.system) / iterations).toFixed(2);
  } finally {
    process.stdout.write = write;
    process.env.POWERTOOLS_METRICS_DISABLED = previous;
  }
}
