// Mutation testing of the domain rules against the unit tests (`npm run test:mutation`; CI runs it).
// The report and the incremental file live in the OS temp folder, never in the repository.
import os from 'node:os';
import path from 'node:path';

const out = path.join(os.tmpdir(), 'account-mfa-mutation');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'test/mutation/jest-unit.config.js',
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  // Mutants that run only while a module loads (constants, tables) need every related test file each;
  // left out, the run fits CI. The constants that are rules are pinned by tests all the same.
  ignoreStatic: true,
  // swc strips types without checking them, so the sandbox needs no `// @ts-nocheck` in any file.
  disableTypeChecks: false,
  concurrency: 2,
  mutate: [
    'lambdas/domain/**/*.ts',
    // Message catalogues: their wording is pinned per language by their own tests, not by mutants.
    '!lambdas/domain/messages.ts',
    '!lambdas/domain/account-messages.ts',
    '!lambdas/domain/factor-messages.ts',
    '!lambdas/domain/common-passwords.ts',
    // Numbering-plan tables copied from libphonenumber-js: a unit test holds each equal to the library's
    // own, so every mutant dies there, but each is static (runs at load) and would cost a full test run.
    '!lambdas/domain/phone-regions.ts',
    '!lambdas/domain/calling-codes.ts',
  ],
  ignorePatterns: ['cdk.out', 'coverage', 'web/dist', '.local-data', '.local-stack', '.cognito'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: path.join(out, 'domain.html') },
  jsonReporter: { fileName: path.join(out, 'domain.json') },
  // Incremental: later runs on this machine re-test only mutants whose code or tests changed
  // (`-- --force` for a full run). The file lives in the OS temp folder, never in the repository.
  incremental: true,
  incrementalFile: path.join(out, 'domain-incremental.json'),
  thresholds: { high: 95, low: 90, break: 90 },
  timeoutMS: 10000,
};
