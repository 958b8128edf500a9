/**
 * The unit tier alone, as one jest config: what Stryker runs against each mutant of lambdas/domain.
 * Left out: the checks that the repository agrees with itself (docs name every error code, generated
 * files are fresh). They read git and the committed sources, which Stryker's sandbox rewrites, and
 * they test no behaviour a mutant could change.
 */
const path = require('node:path');
const { projects } = require('../../jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');
module.exports = {
  ...unit,
  rootDir: path.resolve(__dirname, '../..'),
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/unit/docs\\.test\\.ts$',
    '<rootDir>/test/unit/openapi\\.test\\.ts$',
  ],
};
