import { Duration } from 'aws-cdk-lib';
import { Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_NAMESPACE, type MetricName, SERVICE_NAME } from '../../lambdas/http/metrics';

/** Dimension that every service metric carries (Powertools' `serviceName`). */
export const SERVICE_DIMENSION = { service: SERVICE_NAME } as const;

/**
 * One series of the service's own metrics (lambdas/http/metrics.ts): namespace, name and the dimensions the
 * Lambdas emit, always with `service`. A series is matched by its exact dimension set, so `dimensions` must
 * be exactly the metric's own dimensions (none for UsersLocked).
 */
export function serviceMetric(
  name: MetricName,
  dimensions: Record<string, string> = {},
  options: MetricOptions = {},
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { ...SERVICE_DIMENSION, ...dimensions },
    statistic: 'Sum',
    period: Duration.minutes(5),
    ...options,
  });
}

export const CHANNELS = ['sms', 'email'] as const;
export const PURPOSES = ['login', 'phone-validation', 'password-reset'] as const;
/** The `Reason` values of `RateLimited`. */
export const RATE_LIMIT_REASONS = [
  'resend-cooldown',
  'sends-per-challenge',
  'destination-hourly',
  'locked',
] as const;
