/** Three tiers plus end-to-end; integration and e2e share stand-ins started once in globalSetup. */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
// jose is published as ES modules only: swc turns it (like middy) into CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose)/)'];
const common = {
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/quiet-logs.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
