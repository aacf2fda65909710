// `npm run lint`: ESLint with typescript-eslint's type-checked recommended rules.
//
// TypeScript (src/, integration-tests/, the seed and bench scripts written in TS)
// is linted with type information: each file is checked against the tsconfig.json
// nearest to it (the backend's at the root, the admin's in src/admin).
// The plain CommonJS scripts (scripts/, bench/, e2e/, jest.config.js) carry no
// types to check against, so they get the same recommended rules without the
// type-aware ones.
//
// @medusajs/eslint-plugin 2.21.1 ships no rules yet; when it does, add its
// recommended config to the list below.
import js from "@eslint/js"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".medusa/",
      ".local-shop/",
      "static/",
      "build/",
      "dist/",
      "coverage/",
      "**/migrations/",
    ],
  },
  js.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names are the convention for an argument a signature requires
      // but the body does not use (Medusa's provider and hook signatures).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["integration-tests/**/*.ts", "**/__tests__/**/*.ts"],
    rules: {
      // Tests read untyped JSON replies and compare with jest's asymmetric matchers
      // (expect.objectContaining, expect.any), which @types/jest types as `any`:
      // in tests the assertions, not the types, check those values.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["**/*.{js,cjs,mjs}"],
    extends: [tseslint.configs.recommended, tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: "commonjs",
      globals: { ...globals.node },
    },
    rules: {
      // typescript-eslint's base config turns off the core checks TypeScript's
      // compiler makes (no-undef, no-redeclare, no-const-assign, ...); nothing
      // compiles these files, so they stay on here.
      ...js.configs.recommended.rules,
      // A module's own `const crypto = require("crypto")` is not a redeclaration.
      "no-redeclare": ["error", { builtinGlobals: false }],
      // The typescript-eslint rule below does this, with the project's patterns.
      "no-unused-vars": "off",
      // These files are CommonJS: require() is how they import.
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["**/__tests__/**/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ["e2e/**/*.js"],
    // Playwright's page.evaluate callbacks run in the browser.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  }
)
