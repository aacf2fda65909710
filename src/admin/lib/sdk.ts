import Medusa from "@medusajs/js-sdk"

// Vite bundles the admin as ESM and fills in import.meta.env (type-checked with
// src/admin/tsconfig.json, not the backend's CommonJS config).
const env: ImportMetaEnv = import.meta.env

export const sdk = new Medusa({
  baseUrl: env.VITE_BACKEND_URL || "/",
  debug: env.DEV,
  auth: {
    type: "session",
  },
})
