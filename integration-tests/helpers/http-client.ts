/** A small fetch client for tests that talk to separately started servers. */
export type Reply = { status: number; data: any; headers: Headers }

export async function call(
  base: string,
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: { body?: unknown; key?: string; token?: string; ip?: string } = {}
): Promise<Reply> {
  const headers: Record<string, string> = { "content-type": "application/json" }
  if (options.key) headers["x-publishable-api-key"] = options.key
  if (options.token) headers.authorization = `Bearer ${options.token}`
  // The shopper's own address, as the proxy in front of the shop reports it (Medusa trusts one proxy).
  if (options.ip) headers["x-forwarded-for"] = options.ip
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  let data: unknown = text
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    // not JSON
  }
  return { status: res.status, data, headers: res.headers }
}

/** Like call, but throws on a status outside 2xx (for setup steps). */
export async function must(base: string, method: "GET" | "POST" | "DELETE", path: string, options: Parameters<typeof call>[3] = {}) {
  const reply = await call(base, method, path, options)
  if (reply.status >= 300) {
    throw new Error(`${method} ${path} -> ${reply.status} ${JSON.stringify(reply.data)}`)
  }
  return reply.data
}
