/** Three tiers plus end-to-end; integration and e2e share stand-ins started once in globalSetup. */
// The SDK's Node-version reminder (Node 20 here, 22 in Lambda) is noise, also in globalSetup, which runs in
// this process before any setup file (test/setup-env.ts covers the workers).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
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
