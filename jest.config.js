const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const layers = {
  unit: [
    "**/src/**/__tests__/**/*.unit.spec.[jt]s",
    "**/scripts/**/__tests__/**/*.unit.spec.js",
    "**/bench/**/__tests__/**/*.unit.spec.js",
  ],
  "integration:modules": ["**/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/*.spec.[jt]s"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.local-shop/"],
  setupFiles: ["./integration-tests/setup.js"],
  // One seeded demo shop per run, copied by every HTTP spec file (integration-tests/helpers/seeded-template.ts).
  globalSetup: "./integration-tests/global-setup.ts",
  globalTeardown: "./integration-tests/global-teardown.ts",
  testSequencer: "./integration-tests/test-sequencer.js",
  // Without TEST_TYPE every layer runs: unit, module, then HTTP integration.
  testMatch: layers[process.env.TEST_TYPE] ?? Object.values(layers).flat(),
}
