// Handlers log every step; integration tests assert on outcomes, so keep their output readable.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
