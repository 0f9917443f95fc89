// Component and unit tests: jsdom, TypeScript through SWC, Grafana's packages
// as they are (their ESM-only dependencies are transformed too).
// Found by running the tests: what @grafana/ui pulls in as ESM only.
const ESM_PACKAGES = [
  'ol',
  'd3-scale-chromatic',
  'd3-color',
  'd3-interpolate',
  'marked',
  'react-calendar',
  'get-user-locale',
  'memoize',
  'mimic-function',
  '@wojtekmaj/date-utils',
];

module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  transform: {
    '^.+\\.(t|j)sx?$|^.+\\.mjs$|^.+\\.cjs$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2020',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '\\.(css|scss|sass)$': '<rootDir>/tests/styleMock.js',
    '^react-inlinesvg$': '<rootDir>/tests/inlineSvgMock.js',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  // Two cores: one worker renders @grafana/ui while the other loads it.
  maxWorkers: 2,
  testTimeout: 20000,
};
