// Two projects: unit tests (*.test.ts, no I/O) and integration tests
// (*.int.test.ts, real PostgreSQL/Redis or the embedded fallback).
// Sources are ESM TypeScript; @swc/jest turns them into CommonJS for jest
// (see docs/adr/0001-typescript-toolchain.md).
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  // ESM-only dependencies are transformed as well so CommonJS jest can load them.
  transformIgnorePatterns: ['/node_modules/(?!(@kubernetes/client-node|openid-client|oauth4webapi|jose)/)'],
  moduleNameMapper: {
    '^@health-agent/core$': '<rootDir>/services/core/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.tools/'],
};

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      setupFilesAfterEnv: ['<rootDir>/jest.unit-timeout.cjs'],
      testMatch: ['<rootDir>/{services,operator}/**/src/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      // Real databases and child processes on a 2-core machine: generous, still bounded.
      setupFilesAfterEnv: ['<rootDir>/jest.integration-timeout.cjs'],
      testMatch: ['<rootDir>/{services,operator}/**/src/**/*.int.test.ts'],
      globalSetup: '<rootDir>/jest.global-setup.cjs',
      globalTeardown: '<rootDir>/jest.global-teardown.cjs',
    },
  ],
  collectCoverageFrom: [
    '{services,operator}/**/src/**/*.ts',
    '!**/*.test.ts',
    '!**/src/testing/**',
    '!**/src/main.ts',
    '!**/src/local-chat/main.ts',
    '!**/*-cli.ts',
    '!**/index.ts',
  ],
  coverageReporters: ['text-summary', 'lcov', 'json-summary'],
  coverageThreshold: {
    global: { lines: 90, statements: 90, functions: 90, branches: 85 },
    // Domain services: 90% (each folder counted as a whole).
    ...Object.fromEntries(
      [
        'access',
        'profiles',
        'food',
        'nutrition',
        'nutrition-providers',
        'health-metrics',
        'trackers',
        'gamification',
        'reminders',
        'memory',
        'data-rights',
        'tools',
        'audit',
      ].map((folder) => [
        `./services/core/src/${folder}/`,
        { lines: 90, statements: 90, functions: 90, branches: 85 },
      ]),
    ),
  },
};
