import { Readable } from "stream"
import {
  MAX_UPLOAD_BYTES,
  checkStoredPhoto,
  formatBytes,
  readAtMost,
  sizeRuleBreach,
  sniffPhotoType,
  typeRuleBreach,
} from "../upload-rules"

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
const WEBP = Uint8Array.from([...Buffer.from("RIFF"), 0x24, 0, 0, 0, ...Buffer.from("WEBPVP8 ")])
const PDF = Uint8Array.from(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))

describe("upload rules", () => {
  it("allows JPEG, PNG and WebP photos, public or private", () => {
    for (const type of ["image/jpeg", "image/png", "image/webp", "IMAGE/PNG; charset=binary"]) {
      expect(typeRuleBreach(type, "public")).toBeNull()
      expect(typeRuleBreach(type, "private")).toBeNull()
    }
  })

  it("refuses any other type, naming the rule and the type it got", () => {
    expect(typeRuleBreach("application/pdf", "public")).toBe(
      'only JPEG, PNG or WebP photos (image/jpeg, image/png, image/webp) may be uploaded; got "application/pdf"'
    )
    expect(typeRuleBreach("image/svg+xml", "public")).toContain('got "image/svg+xml"')
    expect(typeRuleBreach("image/gif", "private")).toContain("only JPEG, PNG or WebP")
    expect(typeRuleBreach("", "public")).toContain("got no type")
  })

  it("allows Medusa Admin's product import CSV only as a private upload", () => {
    expect(typeRuleBreach("text/csv", "private")).toBeNull()
    expect(typeRuleBreach("text/csv", "public")).toContain('got "text/csv"')
  })

  it("allows up to 5 MB exactly and refuses one byte more, saying how big the file is", () => {
    expect(MAX_UPLOAD_BYTES).toBe(5 * 1024 * 1024)
    expect(sizeRuleBreach(MAX_UPLOAD_BYTES)).toBeNull()
    expect(sizeRuleBreach(MAX_UPLOAD_BYTES + 1)).toBe(
      `a file may be at most 5 MB; this one is 5.0 MB (${MAX_UPLOAD_BYTES + 1} bytes)`
    )
    expect(sizeRuleBreach(6 * 1024 * 1024)).toContain("this one is 6 MB")
  })

  it("formats sizes as the owner reads them", () => {
    expect(formatBytes(840 * 1024)).toBe("840 KB")
    expect(formatBytes(1)).toBe("1 KB")
    expect(formatBytes(6.25 * 1024 * 1024)).toBe("6.3 MB")
  })

  it("tells a photo's type from its first bytes, whatever it claims", () => {
    expect(sniffPhotoType(JPEG)).toBe("image/jpeg")
    expect(sniffPhotoType(PNG)).toBe("image/png")
    expect(sniffPhotoType(WEBP)).toBe("image/webp")
    expect(sniffPhotoType(PDF)).toBeNull()
    expect(sniffPhotoType(new Uint8Array())).toBeNull()
  })

  it("checks what reached storage: a PDF or an oversized photo is refused", () => {
    expect(checkStoredPhoto(PNG)).toEqual({ ok: true, mime_type: "image/png" })
    expect(checkStoredPhoto(PDF)).toEqual({
      ok: false,
      message: "only JPEG, PNG or WebP photos (image/jpeg, image/png, image/webp) may be uploaded; the stored file is not one",
    })
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 10)
    big.set(JPEG)
    expect(checkStoredPhoto(big)).toEqual({ ok: false, message: "a file may be at most 5 MB; the stored file is larger" })
    expect(checkStoredPhoto(JPEG, true)).toEqual({ ok: false, message: "a file may be at most 5 MB; the stored file is larger" })
  })

  it("reads a stored file only up to the limit", async () => {
    // A stored file arrives as a stream of chunks.
    const chunks = (sizes: number[]) => Readable.from(sizes.map((size) => Buffer.alloc(size, 1)))
    expect(await readAtMost(chunks([3, 4]), 10)).toEqual({ bytes: Buffer.alloc(7, 1), truncated: false })
    const long = await readAtMost(chunks([6, 6, 6, 6]), 10)
    expect(long.truncated).toBe(true)
    expect(long.bytes.byteLength).toBe(10)
  })
})
