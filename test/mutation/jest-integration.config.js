/**
 * The integration tier as one jest config, for Stryker's run over the services whose rules live in
 * conditional writes (stryker.services.config.mjs). The stand-ins start once per Stryker worker, not once
 * per mutant (standins-once.ts).
 */
const path = require('node:path');
const { projects } = require('../../jest.config.js');

const { globalTeardown: _teardown, ...integration } = projects.find(
  (project) => project.displayName === 'integration',
);
module.exports = {
  ...integration,
  rootDir: path.resolve(__dirname, '../..'),
  globalSetup: '<rootDir>/test/mutation/standins-once.ts',
};
