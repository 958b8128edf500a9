// Handlers log every step; the tests assert on outcomes, so keep their output readable.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
