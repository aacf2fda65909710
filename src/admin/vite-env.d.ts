/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Medusa backend the admin talks to; "/" (same origin) when unset. */
  readonly VITE_BACKEND_URL?: string
}
