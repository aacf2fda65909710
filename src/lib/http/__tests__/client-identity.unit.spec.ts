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
    expect(clientIdentity({ ip: "::ffff:cb00:7107", socket }).key).toBe("ip:203.0.113.7")
    expect(clientIdentity({ ip: "2001:db8::1", socket, auth_context: { actor_type: "user", actor_id: "user_1" } }).key).toBe(
      "ip:2001:db8::/64"
    )
    expect(clientIdentity({ ip: undefined, socket }).key).toBe("ip:10.0.0.9")
  })

  it("names an IPv6 guest by the /64 network of the address: another address in it is the same client, another /64 is not", () => {
    const keyOf = (ip: string) => clientIdentity({ ip, socket }).key
    expect(keyOf("2001:db8:1:2:a:b:c:d")).toBe("ip:2001:db8:1:2::/64")
    expect(keyOf("2001:0db8:0001:0002:ffff:0:0:1")).toBe("ip:2001:db8:1:2::/64")
    expect(keyOf("2001:db8:1:3::1")).toBe("ip:2001:db8:1:3::/64")
    expect(keyOf("fe80::1%eth0")).toBe("ip:fe80::/64")
    expect(keyOf("::1")).toBe("ip:::/64")
    expect(keyOf("not an address")).toBe("ip:not an address")
  })
})
