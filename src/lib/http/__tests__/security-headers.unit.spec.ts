import http from "http"
import type { AddressInfo } from "net"
import { applySecurityHeadersToEveryResponse, securityHeaders } from "../security-headers"

/** A server whose handler answers as Express does (it sets X-Powered-By). */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const server = http.createServer((req, res) => {
    handler(req, res)
    res.setHeader("X-Powered-By", "Express")
    res.setHeader("Content-Type", "text/html")
    res.end("<h1>admin</h1>")
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const res = await fetch(`http://127.0.0.1:${port}/app/login`)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return res.headers
}

describe("security headers", () => {
  it("forbid framing, sniffing and referrers, and drop X-Powered-By, on a server that knows nothing of them", async () => {
    applySecurityHeadersToEveryResponse({ production: false })
    applySecurityHeadersToEveryResponse({ production: false })
    const headers = await serve(() => undefined)
    expect(headers.get("x-frame-options")).toBe("DENY")
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'")
    expect(headers.get("content-security-policy")).not.toContain("default-src")
    expect(headers.get("x-content-type-options")).toBe("nosniff")
    expect(headers.get("referrer-policy")).toBe("no-referrer")
    expect(headers.get("cross-origin-resource-policy")).toBe("cross-origin")
    expect(headers.get("x-powered-by")).toBeNull()
    // Outside production there is no HSTS: http://localhost must stay usable.
    expect(headers.get("strict-transport-security")).toBeNull()
  })

  it("add HSTS in production", async () => {
    const apply = securityHeaders({ production: true })
    const headers = await serve((req, res) => apply(req, res))
    expect(headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains")
    expect(headers.get("x-powered-by")).toBeNull()
  })
})
