// Two projects: unit specs run without any server; integration and e2e specs share one real
// Temporal dev server and worker process, started by the global setup on free loopback ports.
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/**/*.unit.spec.ts"],
      testPathIgnorePatterns: ["/node_modules/", "/data/"],
    },
    {
      displayName: "int",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/**/*.int.spec.ts", "<rootDir>/**/*.e2e.spec.ts"],
      testPathIgnorePatterns: ["/node_modules/", "/data/"],
      globalSetup: "<rootDir>/test/harness/global-setup.ts",
      globalTeardown: "<rootDir>/test/harness/global-teardown.ts",
      setupFiles: ["<rootDir>/test/harness/data-dir.ts"],
    },
  ],
  maxWorkers: 2,
  testTimeout: 30000,
};
