/**
 * The path of a request as Express routes it: `originalUrl` without its query,
 * also for an absolute-form request line (`POST http://shop/auth/... HTTP/1.1`),
 * which Express routes by its pathname as well. Rate limits, retry keys, the
 * control-character check and the store cache must see the same path, or such
 * a request would slip past them.
 */
export function requestPath(originalUrl: string): string {
  if (!originalUrl.startsWith("/")) {
    try {
      return new URL(originalUrl).pathname
    } catch {
      // Not an absolute URL either: judged as it is.
    }
  }
  return originalUrl.split("?")[0]
}
