import type { Socket } from "net"
import { clientIdentity } from "../client-identity"

const socket = { remoteAddress: "10.0.0.9" } as Socket

describe("clientIdentity", () => {
  it("names a logged-in customer by their id, whatever their address", () => {
    expect(clientIdentity({ ip: "203.0.113.7", socket, auth_context: { actor_type: "customer", actor_id: "cus_1" } })).toEqual({
      kind: "customer",
      id: "cus_1",
      key: "customer:cus_1",
    })
  })

  it("names a guest (or an admin user on a store route) by the client IP, IPv4-mapped addresses unwrapped", () => {
    expect(clientIdentity({ ip: "::ffff:203.0.113.7", socket })).toEqual({ kind: "ip", id: "203.0.113.7", key: "ip:203.0.113.7" })
    expect(clientIdentity({ ip: "2001:db8::1", socket, auth_context: { actor_type: "user", actor_id: "user_1" } }).key).toBe(
      "ip:2001:db8::1"
    )
    expect(clientIdentity({ ip: undefined, socket }).key).toBe("ip:10.0.0.9")
  })
})
