// One Jest run covers the three tiers: unit specs beside the code (src/**/*.spec.ts) and database
// and HTTP e2e specs (test/**/*.e2e-spec.ts). NestJS 12 ships ES modules only, so those packages
// are compiled to CommonJS by the same SWC transform as our code.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

const esmPackages = [
  '@nestjs',
  '@prisma/schema-engine-wasm',
  // CommonJS build that loads Node built-ins with import(), which Jest's CommonJS runtime rejects.
  '@electric-sql/pglite',
  'uid',
  'load-esm',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
  // Test-only: GitHub's webhook signing (ES modules with import-only exports).
  '@octokit',
];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testRegex: ['src/.*\\.spec\\.ts$', 'test/.*\\.e2e-spec\\.ts$'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      { ...swcrc, module: { type: 'commonjs', ignoreDynamic: false } },
    ],
  },
  moduleNameMapper: {
    '^@octokit/webhooks-methods$':
      '<rootDir>/node_modules/@octokit/webhooks-methods/dist-node/index.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  testTimeout: 60000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
};
