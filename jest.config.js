// Jest 30 in CommonJS mode: @swc/jest compiles our TypeScript *and* every ESM-only
// package (Nest 12, content-disposition, ...) to CommonJS. Jest's ESM mode on Node 20
// cannot load a CommonJS package that requires an ESM one (@fastify/static, throttler),
// see ../shared/design/stack-notes.md gotcha 8. The runtime itself stays native ESM.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const libs = ['config', 'logging', 'domain', 'persistence', 'jobs', 'audit', 'auth', 'documents'];

const shared = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.(ts|js|mjs|cjs)$': swc },
  transformIgnorePatterns: [],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((lib) => [`^#${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    // npm run test:security: hostile input (fast-check), JWT attacks, the authorization sweep.
    { ...shared, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'] },
    // npm run test:chaos: restarts PostgreSQL and Redis, so it runs alone, after everything else.
    { ...shared, displayName: 'chaos', testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'] },
  ],
};
