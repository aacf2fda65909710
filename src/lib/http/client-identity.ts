import type { MedusaRequest } from "@medusajs/framework/http"
import ipaddr from "ipaddr.js"

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
  /**
   * Stable key for counters: `customer:cus_...`, `ip:203.0.113.7`, or for IPv6
   * the /64 network, `ip:2001:db8:1:2::/64`: one subscriber line or host is
   * given a whole /64, and picking another address in it must not make a new client.
   */
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
  const ip = (req.ip ?? req.socket?.remoteAddress ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "")
  return { kind: "ip", id: ip, key: `ip:${clientNetwork(ip)}` }
}

/** An IPv6 address's /64 network (IPv4-mapped ones as their IPv4 address); anything else as it is. */
function clientNetwork(ip: string): string {
  if (!ipaddr.IPv6.isValid(ip)) {
    return ip
  }
  const v6 = ipaddr.IPv6.parse(ip)
  // IPv4 clients of a dual-stack server show up as ::ffff:a.b.c.d: one client, one key.
  if (v6.isIPv4MappedAddress()) {
    return v6.toIPv4Address().toString()
  }
  return `${new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`
}
