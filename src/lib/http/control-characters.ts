/**
 * Control characters (C0 except tab, line feed and carriage return, and DEL)
 * have no place in a shop's text; NUL in particular makes PostgreSQL fail the
 * whole statement. Nor has half of a UTF-16 surrogate pair (`"\ud800"` in a
 * JSON body), which PostgreSQL refuses in jsonb (a 500) and replaces in text.
 * Inputs carrying one are refused before any work is done.
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is what this pattern is for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** How a refusal names the character found (U+XXXX). */
export function describeCharacter(character: string): string {
  const code = parseInt(character.slice(2), 16)
  return code >= 0xd800 && code <= 0xdfff ? "an unpaired surrogate" : "a control character"
}

export type ControlCharacterFound = {
  /** The field, as a dotted path: `q`, `items.0.variant_id`, `metadata.note`. */
  field: string
  /** The character found, as U+XXXX. */
  character: string
}

function codePoint(text: string): string {
  const match = CONTROL.exec(text)
  return `U+${match![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
}

/**
 * The first string (or object key) holding a control character in a parsed
 * query or body, with the field it sits in; null when there is none.
 */
export function findControlCharacter(value: unknown, prefix = ""): ControlCharacterFound | null {
  const stack: { value: unknown; field: string }[] = [{ value, field: prefix }]
  while (stack.length) {
    const { value: current, field } = stack.pop()!
    if (typeof current === "string") {
      if (CONTROL.test(current)) {
        return { field: field || "body", character: codePoint(current) }
      }
      continue
    }
    if (current === null || typeof current !== "object" || Buffer.isBuffer(current)) {
      continue
    }
    const entries = Array.isArray(current)
      ? current.map((item, i) => [String(i), item] as const)
      : Object.entries(current as Record<string, unknown>)
    for (const [key, item] of entries.reverse()) {
      const path = field ? `${field}.${key}` : key
      if (CONTROL.test(key)) {
        return { field: path, character: codePoint(key) }
      }
      stack.push({ value: item, field: path })
    }
  }
  return null
}

/** The same check on a URL path, segment by segment once percent-decoded (`field` is the raw segment). */
export function findControlCharacterInPath(path: string): ControlCharacterFound | null {
  for (const segment of path.split("/")) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      decoded = segment
    }
    if (CONTROL.test(decoded)) {
      return { field: segment, character: codePoint(decoded) }
    }
  }
  return null
}
