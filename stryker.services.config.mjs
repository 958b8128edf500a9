// Mutation testing of the services whose rules live in conditional writes, against the integration tests
// (`npm run test:mutation:services`; DynamoDB Local needs Java). Not run by CI: it takes longer.
import os from 'node:os';
import path from 'node:path';
import domain from './stryker.config.mjs';

const out = path.join(os.tmpdir(), 'account-mfa-mutation');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...domain,
  jest: {
    projectType: 'custom',
    configFile: 'test/mutation/jest-integration.config.js',
    enableFindRelatedTests: true,
  },
  mutate: [
    'lambdas/services/codes/*.ts', // checking codes, issuing challenges and refusing them, send quotas
    'lambdas/services/phone/phone-change.ts',
    'lambdas/services/onboarding/registration.ts',
  ],
  htmlReporter: { fileName: path.join(out, 'services.html') },
  jsonReporter: { fileName: path.join(out, 'services.json') },
  incrementalFile: path.join(out, 'services-incremental.json'),
  thresholds: { high: 90, low: 80, break: 80 },
  // Integration tests talk to the stand-ins over loopback: slower per test than the unit tier.
  timeoutMS: 30000,
};
