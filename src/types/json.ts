/**
 * A server-side shape as a client reads it from JSON over HTTP: every Date is an
 * ISO string. Lets the admin type its fetches from the route's own types.
 */
export type AsJson<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? AsJson<U>[]
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T
