import type { MedusaRequest } from "@medusajs/framework/http"

/**
 * Who is asking, for every per-client limit (rate limits, checkout-hold caps):
 * the logged-in customer when there is one, else the client's IP address.
 *
 * The IP is `req.ip` as Express computes it. Medusa sets `trust proxy` to 1:
 * behind one load balancer or reverse proxy (which must overwrite or append
 * X-Forwarded-For), `req.ip` is the address that proxy saw. A server exposed
 * directly to the internet would let a client pick its own X-Forwarded-For, so
 * production runs behind a proxy (README, Security).
 */
export type ClientIdentity = {
  kind: "customer" | "ip"
  id: string
  /** Stable key for counters: `customer:cus_...` or `ip:203.0.113.7`. */
  key: string
}

type RequestWithAuth = Pick<MedusaRequest, "ip" | "socket"> & {
  auth_context?: { actor_type?: string; actor_id?: string }
}

export function clientIdentity(req: RequestWithAuth): ClientIdentity {
  const auth = req.auth_context
  if (auth?.actor_type === "customer" && auth.actor_id) {
    return { kind: "customer", id: auth.actor_id, key: `customer:${auth.actor_id}` }
  }
  // IPv4 clients of a dual-stack server show up as ::ffff:a.b.c.d: one client, one key.
  const ip = (req.ip ?? req.socket?.remoteAddress ?? "unknown").replace(/^::ffff:/, "")
  return { kind: "ip", id: ip, key: `ip:${ip}` }
}
