// Handlers log every step; integration tests assert on outcomes, so keep their output readable.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Metrics go to stdout as EMF records; integration tests do not read them.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
