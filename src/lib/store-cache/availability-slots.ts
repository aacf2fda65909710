import { createHash } from "crypto"
import { promisify } from "util"
import { gzip } from "zlib"

const gzipAsync = promisify(gzip)

/**
 * A cached answer with its availability cut out: `parts` is the JSON text
 * around every variant's `inventory_quantity`, `slots` the variant id whose
 * figure goes between parts[i] and parts[i + 1]. The text is cached for long
 * (catalogue changes clear it); the figures are merged in fresh on every read,
 * so orders and holds never evict the answer (see README, Performance).
 */
export type SlottedJson = {
  parts: string[]
  slots: string[]
  /** The figures the answer was computed with, in slot order. */
  quantities: (number | null)[]
}

const SENTINEL = `__store_cache_slot_${createHash("sha1").update(String(Math.random())).digest("hex").slice(0, 16)}__`
/** A slot in the text: the quoted sentinel with the slot's number, e.g. "__store_cache_slot_…__12". */
const SLOTS = new RegExp(`"${SENTINEL}(\\d+)"`, "g")

type VariantHolder = { id: string; inventory_quantity: number | null }

function isVariantHolder(holder: Record<string, unknown>): boolean {
  const quantity = holder.inventory_quantity
  return (
    typeof holder.id === "string" &&
    holder.id.startsWith("variant_") &&
    (typeof quantity === "number" || quantity === null)
  )
}

/** Every variant object carrying `inventory_quantity` in a JSON-ready value. */
function collectVariantHolders(value: unknown, found: VariantHolder[]) {
  if (Array.isArray(value)) {
    for (const item of value) collectVariantHolders(item, found)
    return
  }
  if (typeof value !== "object" || value === null || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return
  }
  const record = value as Record<string, unknown>
  if ("inventory_quantity" in record && isVariantHolder(record)) {
    found.push(record as VariantHolder)
  }
  for (const key in record) {
    const child = record[key]
    if (typeof child === "object" && child !== null) collectVariantHolders(child, found)
  }
}

/**
 * Serialises `body` as JSON (what res.json would send), cutting out variant
 * availability. Each variant's figure is swapped for a numbered sentinel while
 * JSON.stringify runs without a replacer (a replacer is called for every key,
 * several times slower), and put back after.
 */
export function toSlottedJson(body: unknown): SlottedJson {
  const holders: VariantHolder[] = []
  collectVariantHolders(body, holders)
  const figures = holders.map((holder) => holder.inventory_quantity)
  let text: string
  try {
    holders.forEach((holder, i) => {
      ;(holder as { inventory_quantity: unknown }).inventory_quantity = `${SENTINEL}${i}`
    })
    text = JSON.stringify(body)
  } finally {
    holders.forEach((holder, i) => {
      holder.inventory_quantity = figures[i]
    })
  }
  // split() with a capture group: text, slot number, text, slot number, ..., text.
  const pieces = text.split(SLOTS)
  const parts: string[] = []
  const slots: string[] = []
  const quantities: (number | null)[] = []
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) {
      parts.push(pieces[i])
    } else {
      const n = Number(pieces[i])
      slots.push(holders[n].id)
      quantities.push(figures[n])
    }
  }
  return { parts, slots, quantities }
}

/** The JSON text with the given figures in its slots. */
export function fillSlots(parts: string[], quantities: (number | null)[]): string {
  if (parts.length === 1) {
    return parts[0]
  }
  let out = parts[0]
  for (let i = 1; i < parts.length; i++) {
    const q = quantities[i - 1]
    out += (q === null || q === undefined ? "null" : String(q)) + parts[i]
  }
  return out
}

/** A short hash of a text, or of a text's parts (kept apart: never joined into one more copy). */
export function hashOf(text: string | readonly string[]): string {
  const hash = createHash("sha1")
  if (typeof text === "string") {
    hash.update(text)
  } else {
    text.forEach((part, i) => {
      if (i) hash.update("\u0000")
      hash.update(part)
    })
  }
  return hash.digest("base64url").slice(0, 22)
}

/** ETag of an answer: its availability-free text, plus the figures merged into it. */
export function etagOf(bodyHash: string, quantities: (number | null)[]): string {
  return quantities.length ? `"${bodyHash}.${hashOf(quantities.join(","))}"` : `"${bodyHash}"`
}

/** An answer as sent: its bytes and ETag for one set of figures. */
export type RenderedAnswer = { body: Buffer; etag: string; gzipped?: Promise<Buffer> }

/** Smaller answers are sent as they are (the `compression` middleware's own threshold). */
export const GZIP_MIN_BYTES = 1024

/**
 * The answer's bytes gzip-encoded, made once per rendering (in libuv's thread
 * pool, off the event loop) and shared by every request that accepts gzip until
 * the figures change. A failed encoding is forgotten, so the next request tries
 * again (the caller then sends the plain bytes).
 */
export function gzippedBody(rendered: RenderedAnswer): Promise<Buffer> {
  if (!rendered.gzipped) {
    const encoding = gzipAsync(rendered.body)
    rendered.gzipped = encoding
    encoding.catch(() => {
      if (rendered.gzipped === encoding) {
        rendered.gzipped = undefined
      }
    })
  }
  return rendered.gzipped
}

/** The ETag of an answer's gzip-encoded bytes: another representation, another tag. */
export function gzipEtagOf(etag: string): string {
  return `${etag.slice(0, -1)}.gz"`
}

/**
 * The bytes of each stored answer for the figures it was last sent with. A hit
 * whose figures have not moved sends the same Buffer again: no merging, no
 * hashing and no string-to-bytes copy of a page of products per request. Keyed
 * by the stored object, which the in-memory provider hands out as is; an answer
 * evicted from the cache takes its bytes with it.
 */
export class RenderedAnswers {
  private readonly last = new WeakMap<object, { figures: string; rendered: RenderedAnswer }>()

  render(answer: { parts: string[]; hash: string }, quantities: (number | null)[]): RenderedAnswer {
    const figures = quantities.join(",")
    const known = this.last.get(answer)
    if (known && known.figures === figures) {
      return known.rendered
    }
    const rendered: RenderedAnswer = {
      body: Buffer.from(fillSlots(answer.parts, quantities), "utf8"),
      etag: etagOf(answer.hash, quantities),
    }
    this.last.set(answer, { figures, rendered })
    return rendered
  }
}

/**
 * RFC 9110 If-None-Match: a list of (weak or strong) tags, or "*". True when it
 * names any of `etags` (the representations of one answer).
 */
export function matchesIfNoneMatch(header: string | undefined, ...etags: string[]): boolean {
  if (!header) {
    return false
  }
  if (header.trim() === "*") {
    return true
  }
  return header.split(",").some((tag) => etags.includes(tag.trim().replace(/^W\//, "")))
}
