/**
 * What stands in front of the shop in production: a load balancer that ends
 * TLS and forwards plain HTTP with X-Forwarded-Proto: https. Medusa in
 * production only sets its (Secure) session cookie on such requests, so Medusa
 * Admin's login works through this proxy exactly as behind a real one.
 */
const http = require("http")

function startFrontProxy({ port, upstreamPort }) {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-proto": "https", "x-forwarded-for": req.socket.remoteAddress ?? "" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on("error", (e) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" })
      res.end(`front proxy: ${e.message}`)
    })
    req.pipe(upstream)
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "127.0.0.1", () =>
      resolve({ close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()) }) })
    )
  })
}

module.exports = { startFrontProxy }
