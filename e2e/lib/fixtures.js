/** Files the owner picks in the browser: a real PNG photo, an oversized one, a PDF. */
const zlib = require("zlib")

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A width x height PNG: a warm diagonal gradient with a round "ladoo" in the middle. */
function pngPhoto(width = 160, height = 120, tint = [214, 140, 45]) {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0
    for (let x = 0; x < width; x++) {
      const inBall = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 3) ** 2
      const shade = (x + y) / (width + height)
      const rgb = inBall ? tint : [250 - 40 * shade, 240 - 50 * shade, 225 - 60 * shade]
      rgb.forEach((v, i) => (raw[y * (width * 3 + 1) + 1 + x * 3 + i] = Math.round(v)))
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

/** 6 MB of JPEG-headed bytes: over the 5 MB rule. */
function bigJpeg() {
  const buffer = Buffer.alloc(6 * 1024 * 1024, 0x20)
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(buffer)
  return { name: "whole-tray-6mb.jpg", mimeType: "image/jpeg", buffer }
}

function pdf() {
  return {
    name: "price-list.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  }
}

module.exports = { pngPhoto, bigJpeg, pdf }
