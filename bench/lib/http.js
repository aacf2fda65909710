/** Plain HTTP helpers of the benchmark (Store and Admin API over fetch). */

async function call(base, method, path, { body, key, token, headers = {} } = {}) {
  const h = { "content-type": "application/json", ...headers }
  if (key) h["x-publishable-api-key"] = key
  if (token) h.authorization = `Bearer ${token}`
  const started = performance.now()
  const res = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  const ms = performance.now() - started
  let data = text
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    // not JSON
  }
  return { status: res.status, data, headers: res.headers, ms }
}

async function must(base, method, path, options) {
  const reply = await call(base, method, path, options)
  if (reply.status >= 300) {
    throw new Error(`${method} ${path} -> ${reply.status} ${JSON.stringify(reply.data).slice(0, 300)}`)
  }
  return reply.data
}

/** Runs `count` tasks at most `width` at a time. */
async function inBatches(count, width, task) {
  const out = []
  for (let start = 0; start < count; start += width) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, k) => task(start + k)))))
  }
  return out
}

function percentile(sorted, q) {
  if (!sorted.length) return null
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

/** n, mean, p50, p95, p99 of a list of milliseconds. */
function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b)
  const round = (x) => (x === null ? null : +x.toFixed(1))
  return {
    n: ms.length,
    mean_ms: ms.length ? round(ms.reduce((a, b) => a + b, 0) / ms.length) : null,
    p50_ms: round(percentile(sorted, 0.5)),
    p95_ms: round(percentile(sorted, 0.95)),
    p99_ms: round(percentile(sorted, 0.99)),
  }
}

module.exports = { call, must, inBatches, stats, percentile }
