import { createHash } from "crypto"

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
const QUOTED_SENTINEL = JSON.stringify(SENTINEL)

function isVariantHolder(holder: unknown): holder is { id: string } {
  return (
    typeof holder === "object" &&
    holder !== null &&
    typeof (holder as { id?: unknown }).id === "string" &&
    (holder as { id: string }).id.startsWith("variant_")
  )
}

/** Serialises `body` as JSON (what res.json would send), cutting out variant availability. */
export function toSlottedJson(body: unknown): SlottedJson {
  const slots: string[] = []
  const quantities: (number | null)[] = []
  const text = JSON.stringify(body, function (this: unknown, key: string, value: unknown) {
    if (key === "inventory_quantity" && isVariantHolder(this) && (typeof value === "number" || value === null)) {
      slots.push(this.id)
      quantities.push(value)
      return SENTINEL
    }
    return value
  })
  return { parts: text.split(QUOTED_SENTINEL), slots, quantities }
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

/** RFC 9110 If-None-Match: a list of (weak or strong) tags, or "*". */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) {
    return false
  }
  if (header.trim() === "*") {
    return true
  }
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)
}
