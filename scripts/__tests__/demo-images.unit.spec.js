const fs = require("fs")
const path = require("path")
const { demoImageNames, isDemoImage, publicUrl, staleDemoImages } = require("../lib/demo-images")
const { readShopEnv } = require("../../src/config/shop-env")
const { PRODUCTS } = require("../../src/scripts/demo-shop/catalog")
const seed = require("../../src/scripts/demo-shop/seed-demo-shop")

describe("demo images on a shop whose address changed (npm run dev)", () => {
  it.each([
    [{}],
    [{ PORT: "9100" }],
    [{ PORT: " 9200 " }],
    [{ PORT: "9100", MEDUSA_BACKEND_URL: "https://shop.example.in//" }],
    [{ MEDUSA_BACKEND_URL: "  http://192.168.1.20:9000 " }],
    [{ MEDUSA_BACKEND_URL: " ", PORT: "9300" }],
  ])("reads the public URL as the shop's own config does: %j", (env) => {
    expect(publicUrl(env)).toBe(readShopEnv({ NODE_ENV: "development", ...env }).backendUrl)
  })

  it("every demo image is named after its product's handle, and every product has one (what dev.js looks them up by)", () => {
    expect(PRODUCTS.map((p) => p.image).sort()).toEqual(PRODUCTS.map((p) => `${p.handle}.svg`).sort())
    expect(demoImageNames().sort()).toEqual(PRODUCTS.map((p) => p.image).sort())
    for (const name of demoImageNames()) {
      expect(fs.existsSync(path.join(__dirname, "..", "..", "src", "scripts", "demo-shop", "images", name))).toBe(true)
    }
  })

  it("tells a demo image as the seed's repair does", () => {
    for (const product of PRODUCTS.slice(0, 5)) {
      const { name } = path.parse(product.image)
      for (const url of [
        `http://localhost:9000/static/1764000000000-${product.image}`,
        `https://bucket.example/${name}-01JABC.svg`,
        `http://localhost:9000/static/${product.image}?v=2`,
        `http://localhost:9000/static/${name}.png`,
        "http://localhost:9000/static/owner-shot.jpg",
        `http://localhost:9000/static/x-${name}.jpg`,
      ]) {
        expect([url, isDemoImage(url, product.image)]).toEqual([url, seed.isDemoImage(url, product)])
      }
    }
  })

  it("finds the demo images stored under another port or address, and never the owner's photos", () => {
    const rows = [
      { handle: "almond-ladoo", url: "http://localhost:9000/static/1764000000000-almond-ladoo.svg" },
      { handle: "besan-ladoo", url: "http://localhost:9100/static/1764000000000-besan-ladoo.svg" },
      { handle: "lotus-pond", url: "http://localhost:9000/static/lotus-pond-01JABC.svg" },
      { handle: "almond-ladoo", url: "http://localhost:9000/static/1764000000001-owner-shot.jpg" },
      { handle: "besan-ladoo", url: "https://photos.example/besan.jpg" },
      { handle: "trail-mix", url: null },
    ]
    const stale = (env) => staleDemoImages(rows, env).map((r) => r.url)
    expect(stale({ PORT: "9100" })).toEqual([rows[0].url, rows[2].url])
    expect(stale({})).toEqual([rows[1].url])
    expect(stale({ MEDUSA_BACKEND_URL: "https://shop.example.in/" })).toEqual([rows[0].url, rows[1].url, rows[2].url])
    // Files on S3 do not follow the shop's address.
    expect(stale({ PORT: "9100", S3_BUCKET: "shop-files" })).toEqual([])
  })
})
