import diagnosticsChannel from "diagnostics_channel"
import type { IncomingMessage, ServerResponse } from "http"
import helmet from "helmet"

export type SecurityHeaderOptions = {
  /** HSTS only in production: a development server on http://localhost must stay reachable. */
  production: boolean
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * helmet's headers for every answer of this server:
 * - framing forbidden (`X-Frame-Options: DENY`, CSP `frame-ancestors 'none'`):
 *   nobody can overlay Medusa Admin in a frame and trick the owner into clicks;
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, COOP,
 *   Origin-Agent-Cluster and the rest of helmet's defaults;
 * - `Strict-Transport-Security` in production;
 * - `X-Powered-By` removed (and kept off: Express would add it back later).
 *
 * The CSP holds only directives that cannot break the admin or a storefront
 * (no script/img/connect restrictions: the admin loads product images from any
 * file host and talks to MEDUSA_BACKEND_URL). Cross-Origin-Resource-Policy is
 * `cross-origin`: storefronts on other origins show the images under /static.
 */
export function securityHeaders({ production }: SecurityHeaderOptions): Handler {
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        // No default-src: a fetch/script/image policy would break the admin (see above).
        "default-src": helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    crossOriginResourcePolicy: { policy: "cross-origin" },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  })
  return (req, res) => {
    apply(req, res, () => undefined)
    const setHeader = res.setHeader.bind(res)
    res.setHeader = (name: string, value: Parameters<ServerResponse["setHeader"]>[1]) =>
      name.toLowerCase() === "x-powered-by" ? res : setHeader(name, value)
  }
}

const REQUEST_START = "http.server.request.start"
const INSTALLED = Symbol.for("local-shop.security-headers")

type RequestStart = { request: IncomingMessage; response: ServerResponse }

/**
 * Applies securityHeaders to every response of every HTTP server in this
 * process, through Node's `http.server.request.start` diagnostics channel.
 *
 * Why not an Express middleware: Medusa mounts Medusa Admin (/app) before the
 * project's middlewares, so a middleware would never see the admin's pages,
 * the very pages that must not be framed. The channel runs first for every
 * request (admin, API, /static, /health). Installing twice is a no-op.
 */
export function applySecurityHeadersToEveryResponse(options: SecurityHeaderOptions) {
  const channel = diagnosticsChannel.channel(REQUEST_START)
  if (Reflect.get(channel, INSTALLED)) {
    return
  }
  Reflect.set(channel, INSTALLED, true)
  const handler = securityHeaders(options)
  diagnosticsChannel.subscribe(REQUEST_START, (message) => {
    const { request, response } = message as RequestStart
    handler(request, response)
  })
}
