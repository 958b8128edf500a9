/**
 * The integration tier as one jest config, for Stryker's run over the services whose rules live in
 * conditional writes (stryker.services.config.mjs), plus the unit tests of those services' pure parts
 * (test/unit/services). The stand-ins start once per Stryker worker, not once per mutant (standins-once.ts).
 */
const path = require('node:path');
const { projects } = require('../../jest.config.js');

const { globalTeardown: _teardown, ...integration } = projects.find(
  (project) => project.displayName === 'integration',
);
module.exports = {
  ...integration,
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: [...integration.testMatch, '<rootDir>/test/unit/services/**/*.test.ts'],
  globalSetup: '<rootDir>/test/mutation/standins-once.ts',
  // Instrumented code on a busy machine: the few heavy tests (200 parallel resends) need more than 5 s.
  testTimeout: 30_000,
};
