import net from "net"

/**
 * Counts the commands Redis runs that name `needle`, through MONITOR on a plain
 * socket: the text is only searched, never parsed as replies (a client library's
 * parser trips over the event bus's binary payloads in MONITOR output).
 */
export async function watchRedis(url: string, needle: string) {
  const { hostname, port, password } = new URL(url)
  const socket = net.connect(Number(port || 6379), hostname || "127.0.0.1")
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve())
    socket.once("error", reject)
  })
  let seen = 0
  let tail = ""
  socket.on("data", (chunk: Buffer) => {
    const text = tail + chunk.toString("latin1")
    seen += text.split(needle).length - 1
    // Too short to hold a match itself: kept for a match split across two chunks.
    tail = text.slice(-(needle.length - 1))
  })
  socket.on("error", () => undefined)
  socket.write(`${password ? `AUTH ${decodeURIComponent(password)}\r\n` : ""}MONITOR\r\n`)
  return { seen: () => seen, stop: () => socket.destroy() }
}

