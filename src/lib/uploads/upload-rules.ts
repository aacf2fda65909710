/**
 * What the owner may upload, checked before Medusa issues any upload URL and
 * again on what actually reached the storage.
 *
 * Product photos: JPEG, PNG or WebP, at most 5 MB. The one other file Medusa
 * Admin uploads is the product import CSV ("Import products"), which it sends
 * as a private upload; it is allowed, private only, within the same size.
 */
export const PHOTO_MIME_TYPES = ["image/jpeg", "image/png", "image/webp"] as const
export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number]

/**
 * Medusa Admin's product import file: a .csv, which browsers type as text/csv,
 * or as application/vnd.ms-excel on Windows with Excel installed (Medusa Admin's
 * import dialog accepts both).
 */
export const IMPORT_MIME_TYPES = ["text/csv", "application/vnd.ms-excel"] as const

export function isImportMimeType(value: string): boolean {
  return (IMPORT_MIME_TYPES as readonly string[]).includes(value)
}

export const IMPORT_RULE = "a product import must be a .csv file of comma-separated text"

/** The import rule's message for a file name that is not a .csv, or null. */
export function importNameBreach(name: string): string | null {
  return /\.csv$/i.test(name) ? null : `${IMPORT_RULE}; got "${name}"`
}

/**
 * A photo's name must end as a photo's does: the local file provider keeps the
 * name, and its static server types a file by that ending, so "page.html" with
 * a PNG's first bytes would be served as a page of the admin's own site.
 */
export const PHOTO_NAME_RULE = "a photo's file name must end in .jpg, .jpeg, .png or .webp"

/** The photo name rule's message for `name`, or null. */
export function photoNameBreach(name: string): string | null {
  return /\.(jpe?g|png|webp)$/i.test(name) ? null : `${PHOTO_NAME_RULE}; got "${name}"`
}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

export type UploadAccess = "public" | "private"

/** "5 MB", "6.2 MB", "840 KB": sizes as the owner reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024)
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
  }
  return `${Math.max(Math.round(bytes / 1024), bytes > 0 ? 1 : 0)} KB`
}

export function isPhotoMimeType(value: string): value is PhotoMimeType {
  return (PHOTO_MIME_TYPES as readonly string[]).includes(value)
}

/** Lower-cased essence of a MIME type ("image/PNG; charset=x" -> "image/png"). */
export function mimeEssence(value: string): string {
  return value.split(";")[0].trim().toLowerCase()
}

export const TYPE_RULE = "only JPEG, PNG or WebP photos (image/jpeg, image/png, image/webp) may be uploaded"
export const SIZE_RULE = `a file may be at most ${formatBytes(MAX_UPLOAD_BYTES)}`

/** The type rule's message for a refused type, or null when the type is allowed. */
export function typeRuleBreach(mimeType: string, access: UploadAccess): string | null {
  const essence = mimeEssence(mimeType)
  if (isPhotoMimeType(essence)) {
    return null
  }
  if (isImportMimeType(essence) && access === "private") {
    return null
  }
  const got = mimeType.trim() ? `"${mimeType.trim()}"` : "no type"
  return `${TYPE_RULE}; got ${got}`
}

/** The size rule's message for a refused size, or null when the size is allowed. */
export function sizeRuleBreach(bytes: number): string | null {
  if (bytes <= MAX_UPLOAD_BYTES) {
    return null
  }
  return `${SIZE_RULE}; this one is ${formatBytes(bytes)} (${bytes} bytes)`
}

/**
 * The photo type a file's first bytes show, whatever it claims to be:
 * JPEG FF D8 FF, PNG's 8-byte signature, WebP "RIFF....WEBP".
 */
export function sniffPhotoType(head: Uint8Array): PhotoMimeType | null {
  const starts = (bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b)
  if (starts([0xff, 0xd8, 0xff])) {
    return "image/jpeg"
  }
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return "image/png"
  }
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) {
    return "image/webp"
  }
  return null
}

export type StoredFileVerdict = { ok: true; mime_type: PhotoMimeType } | { ok: false; message: string }

/**
 * Checks a stored file against the photo rules, from at most its first
 * MAX_UPLOAD_BYTES + 1 bytes (`truncated` when there were more). A presigned
 * URL cannot stop a browser from putting other bytes than it announced, so what
 * reached the bucket is checked before it is attached to a product.
 */
export function checkStoredPhoto(content: Uint8Array, truncated = false): StoredFileVerdict {
  if (truncated || content.byteLength > MAX_UPLOAD_BYTES) {
    return { ok: false, message: `${SIZE_RULE}; the stored file is larger` }
  }
  const type = sniffPhotoType(content.subarray(0, 16))
  if (!type) {
    return { ok: false, message: `${TYPE_RULE}; the stored file is not one` }
  }
  return { ok: true, mime_type: type }
}

/** Reads a stream up to `limit` bytes; stops early (and says so) when it is longer. */
export async function readAtMost(stream: AsyncIterable<unknown>, limit: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array)
    chunks.push(buffer)
    length += buffer.byteLength
    if (length > limit) {
      return { bytes: Buffer.concat(chunks).subarray(0, limit), truncated: true }
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false }
}
