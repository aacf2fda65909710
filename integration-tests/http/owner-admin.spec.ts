import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { shopTestRunner } from "../helpers/shop-runner"
import type { SeedDemoShopResult } from "../../src/scripts/demo-shop/seed-demo-shop"
import { adminHeaders, failing } from "../helpers/admin-client"
import { startS3StandIn, type S3StandIn } from "../helpers/s3-stand-in"
import { SHOPPER_ADDRESS, seedShop, storeHeaders, variantBySku, type TestApi } from "../helpers/store-client"
import { waitFor } from "../helpers/wait-for"
import { publicFileUrl } from "../../src/config/modules"
import { readShopEnv } from "../../src/config/shop-env"

jest.setTimeout(180_000)

// A cart holds 4 of 6 units below: the share-of-low-stock cap is off here (read by
// medusa-config when the runner boots the app; checkout-holds-caps.spec.ts tests it).
const previousShare = process.env.HOLD_LOW_STOCK_SHARE
process.env.HOLD_LOW_STOCK_SHARE = "1"
afterAll(() => {
  process.env.HOLD_LOW_STOCK_SHARE = previousShare
})

/**
 * The owner's day in Medusa Admin, over HTTP: photos uploaded straight to an
 * S3-compatible bucket (s3rver) through presigned URLs under the shop's rules,
 * and the shop dashboard's numbers.
 */

const MB = 1024 * 1024
/** A real 1x1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64"
)
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
/** JPEG-headed bytes of the given size. */
function jpegOf(bytes: number): Buffer {
  const content = Buffer.alloc(bytes, 0x20)
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(content)
  return content
}

// The bucket must be up, and file-s3 pointed at it, before the app reads its config.
let s3: S3StandIn
const previousEnv: Record<string, string | undefined> = {}
beforeAll(async () => {
  s3 = await startS3StandIn("owner-admin")
  for (const [name, value] of Object.entries(s3.env)) {
    previousEnv[name] = process.env[name]
    process.env[name] = value
  }
})
afterAll(async () => {
  for (const [name, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await s3?.close()
})

shopTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const client = api as TestApi
    let shop: SeedDemoShopResult
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      shop = await seedShop(getContainer())
      admin = await adminHeaders(client)
    })

    const productByHandle = async (handle: string) =>
      (await client.get(`/admin/products?handle=${handle}&fields=id,thumbnail,*images`, admin)).data.products[0]

    const presign = (body: Record<string, unknown>) => client.post("/admin/uploads/presigned-urls", body, admin)

    describe("product photos: presigned uploads with the shop's rules", () => {
      it("serves the demo seed's images from the configured bucket", async () => {
        const product = await productByHandle("almond-ladoo")
        expect(product.thumbnail).toMatch(new RegExp(`^${s3.env.S3_FILE_URL}/`))
        const res = await fetch(product.thumbnail)
        expect(res.status).toBe(200)
        expect(await res.text()).toContain("<svg")
      })

      it("issues a URL for a JPEG within 5 MB; the photo goes straight to the bucket and is attached to the product", async () => {
        const product = await productByHandle("besan-ladoo")
        const photo = jpegOf(800 * 1024)
        const { status, data } = await presign({
          originalname: "besan-ladoo-tray.jpg",
          mime_type: "image/jpeg",
          size: photo.byteLength,
          access: "public",
        })
        expect(status).toBe(200)
        expect(data.url.startsWith(`${s3.endpoint}/${s3.bucket}/`)).toBe(true)
        expect(s3.keys()).not.toContain(data.filename)

        const put = await fetch(data.url, { method: "PUT", body: new Uint8Array(photo), headers: { "content-type": "image/jpeg" } })
        expect(put.status).toBe(200)
        expect(s3.keys()).toContain(data.filename)

        const attached = await client.post(`/admin/products/${product.id}/photos`, { file_key: data.filename }, admin)
        const url = `${s3.env.S3_FILE_URL}/${data.filename}`
        expect(attached.data.photo).toMatchObject({ url, mime_type: "image/jpeg", size: photo.byteLength })
        const after = await productByHandle("besan-ladoo")
        expect(after.images.map((i: { url: string }) => i.url)).toEqual([...product.images.map((i: { url: string }) => i.url), url])
        expect(after.thumbnail).toBe(product.thumbnail)
        const served = await fetch(url)
        expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true)
      })

      it("refuses a 6 MB photo with a 400 naming the size rule, and issues no URL", async () => {
        const res = await failing(presign({ originalname: "big.jpg", mime_type: "image/jpeg", size: 6 * MB, access: "public" }))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("size: a file may be at most 5 MB; this one is 6 MB")
        expect(res.data.url).toBeUndefined()
      })

      it("refuses a PDF with a 400 naming the type rule, and both rules when both are broken", async () => {
        const pdf = await failing(presign({ originalname: "menu.pdf", mime_type: "application/pdf", size: 20_000, access: "public" }))
        expect(pdf.status).toBe(400)
        expect(pdf.data.message).toContain(
          'mime_type: only JPEG, PNG or WebP photos (image/jpeg, image/png, image/webp) may be uploaded; got "application/pdf"'
        )
        const both = await failing(presign({ originalname: "x.gif", mime_type: "image/gif", size: 7 * MB }))
        expect(both.data.message).toContain("mime_type: only JPEG, PNG or WebP")
        expect(both.data.message).toContain("size: a file may be at most 5 MB")
      })

      it("refuses malformed bodies with a 400 naming the field", async () => {
        const cases: [Record<string, unknown>, string][] = [
          [{ originalname: "a.png", mime_type: "image/png" }, "size"],
          [{ originalname: "a.png", mime_type: "image/png", size: 0 }, "size must be at least 1 byte"],
          [{ originalname: "a.png", mime_type: "image/png", size: 1.5 }, "size must be a whole number of bytes"],
          [{ originalname: "", mime_type: "image/png", size: 10 }, "originalname"],
          [{ originalname: "a.png", mime_type: "image/png", size: 10, access: "world" }, "access"],
          [{ originalname: "a.png", mime_type: "image/png", size: 10, bucket: "other" }, "bucket"],
        ]
        for (const [body, expected] of cases) {
          const res = await failing(presign(body))
          expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(expected)])
        }
      })

      it("keeps Medusa Admin's product import working: a private CSV is allowed, a public one is not", async () => {
        const ok = await presign({ originalname: "products.csv", mime_type: "text/csv", size: 4000 })
        expect(ok.status).toBe(200)
        const refused = await failing(presign({ originalname: "products.csv", mime_type: "text/csv", size: 4000, access: "public" }))
        expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining('only JPEG, PNG or WebP photos (image/jpeg, image/png, image/webp) may be uploaded; got "text/csv"')])
        // Windows browsers with Excel installed type a .csv as application/vnd.ms-excel.
        const excel = await presign({ originalname: "products.csv", mime_type: "application/vnd.ms-excel", size: 4000 })
        expect(excel.status).toBe(200)
        const sheet = await failing(presign({ originalname: "products.xls", mime_type: "application/vnd.ms-excel", size: 4000 }))
        expect([sheet.status, sheet.data.message]).toEqual([
          400,
          expect.stringContaining('originalname: a product import must be a .csv file of comma-separated text; got "products.xls"'),
        ])
      })

      it("refuses a photo whose file name does not end as a photo's (it would be served as what its name says)", async () => {
        const res = await failing(presign({ originalname: "page.html", mime_type: "image/png", size: 100, access: "public" }))
        expect([res.status, res.data.message]).toEqual([
          400,
          expect.stringContaining(`originalname: a photo's file name must end in .jpg, .jpeg, .png or .webp; got "page.html"`),
        ])
        expect((await presign({ originalname: "Tray.JPEG", mime_type: "image/jpeg", size: 100, access: "public" })).status).toBe(200)
      })

      it("refuses to attach a stored file that is not a photo, deletes it, and leaves the product as it was", async () => {
        const product = await productByHandle("flaxseed-ladoo")
        const { data } = await presign({ originalname: "fake.png", mime_type: "image/png", size: PDF.byteLength, access: "public" })
        await fetch(data.url, { method: "PUT", body: new Uint8Array(PDF), headers: { "content-type": "image/png" } })
        expect(s3.keys()).toContain(data.filename)

        const res = await failing(client.post(`/admin/products/${product.id}/photos`, { file_key: data.filename }, admin))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("file_key: only JPEG, PNG or WebP photos")
        expect(s3.keys()).not.toContain(data.filename)
        expect((await productByHandle("flaxseed-ladoo")).images).toEqual(product.images)
      })

      it("refuses to attach a stored file that is not a photo but another product shows, and keeps that file", async () => {
        const product = await productByHandle("flaxseed-ladoo")
        const other = await productByHandle("besan-ladoo")
        const { data } = await presign({ originalname: "shown.png", mime_type: "image/png", size: PDF.byteLength, access: "public" })
        await fetch(data.url, { method: "PUT", body: new Uint8Array(PDF), headers: { "content-type": "image/png" } })
        const shownUrl = publicFileUrl(readShopEnv(), data.filename)
        // The other product shows that file (an imported or hand-made image list).
        await client.post(`/admin/products/${other.id}`, { images: [...other.images.map((i: { url: string }) => ({ url: i.url })), { url: shownUrl }] }, admin)

        const res = await failing(client.post(`/admin/products/${product.id}/photos`, { file_key: data.filename }, admin))
        expect([res.status, res.data.message]).toEqual([
          400,
          expect.stringMatching(/^file_key: only JPEG, PNG or WebP photos.*; the file was kept: Besan Ladoo shows it$/),
        ])
        expect(s3.keys()).toContain(data.filename)
        expect((await productByHandle("flaxseed-ladoo")).images).toEqual(product.images)
      })

      it("refuses to attach a stored photo larger than announced (over 5 MB), and deletes it", async () => {
        const product = await productByHandle("flaxseed-ladoo")
        const { data } = await presign({ originalname: "small.jpg", mime_type: "image/jpeg", size: 1000, access: "public" })
        await fetch(data.url, { method: "PUT", body: new Uint8Array(jpegOf(6 * MB)), headers: { "content-type": "image/jpeg" } })
        const res = await failing(client.post(`/admin/products/${product.id}/photos`, { file_key: data.filename }, admin))
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("file_key: a file may be at most 5 MB; the stored file is larger; the file was deleted")
        expect(s3.keys()).not.toContain(data.filename)
        expect((await productByHandle("flaxseed-ladoo")).images).toEqual(product.images)
      })

      it("answers 404 for a file that was never uploaded and 400 for a key that is a path", async () => {
        const product = await productByHandle("flaxseed-ladoo")
        const missing = await failing(client.post(`/admin/products/${product.id}/photos`, { file_key: "01NOPE.jpg" }, admin))
        expect(missing.status).toBe(404)
        const path = await failing(client.post(`/admin/products/${product.id}/photos`, { file_key: "../../etc/passwd" }, admin))
        expect(path.status).toBe(400)
        expect(path.data.message).toContain("file_key must be a storage key")
      })

      it("applies the same rules to Medusa's multipart upload route", async () => {
        const upload = (name: string, type: string, content: Buffer) => {
          const form = new FormData()
          form.append("files", new Blob([new Uint8Array(content)], { type }), name)
          return client.post("/admin/uploads", form, admin)
        }
        const before = s3.keys().length
        const ok = await upload("dot.png", "image/png", PNG)
        expect(ok.status).toBe(200)
        expect(ok.data.files[0].url).toMatch(new RegExp(`^${s3.env.S3_FILE_URL}/`))
        expect(s3.keys().length).toBe(before + 1)

        const pdf = await failing(upload("menu.pdf", "application/pdf", PDF))
        expect([pdf.status, pdf.data.message]).toEqual([400, expect.stringContaining('files: menu.pdf: only JPEG, PNG or WebP')])
        const lying = await failing(upload("menu.png", "image/png", PDF))
        expect(lying.data.message).toContain("whose content is not one")
        const big = await failing(upload("big.jpg", "image/jpeg", jpegOf(6 * MB)))
        expect(big.data.message).toContain("files: big.jpg: a file may be at most 5 MB")
        expect(s3.keys().length).toBe(before + 1)

        // The product import's CSV passes; a page or markup sent as text/csv does not (it would be served as a page).
        const csv = await upload("products.csv", "text/csv", Buffer.from("Product Id,Product Handle,Product Title\n,kaju-katli,Kaju Katli\n"))
        expect(csv.status).toBe(200)
        const page = Buffer.from("<html><script>alert(document.cookie)</script></html>")
        for (const [name, content] of [["page.html", page], ["page.csv", page], ["dot.csv", PNG]] as const) {
          const refused = await failing(upload(name, "text/csv", content))
          expect([refused.status, refused.data.message]).toEqual([
            400,
            `files: ${name}: a product import must be a .csv file of comma-separated text; got "${name}"`,
          ])
        }
        expect(s3.keys().length).toBe(before + 2)

        // A page with a PNG's first bytes, named .html: the local provider would serve it as a page.
        const disguised = Buffer.concat([PNG.subarray(0, 8), page])
        const html = await failing(upload("page.html", "image/png", disguised))
        expect([html.status, html.data.message]).toEqual([
          400,
          `files: page.html: a photo's file name must end in .jpg, .jpeg, .png or .webp; got "page.html"`,
        ])
        // The import's CSV as a Windows browser with Excel types it.
        const excel = await upload("products.csv", "application/vnd.ms-excel", Buffer.from("Product Id,Product Handle\n,kaju-katli\n"))
        expect(excel.status).toBe(200)
        expect(s3.keys().length).toBe(before + 3)
      })
    })

    describe("the shop dashboard", () => {
      const dashboard = async (query = "") => (await client.get(`/admin/shop-dashboard${query}`, admin)).data.dashboard

      /** Places an order paid cash on delivery and sent by `option`. */
      async function placeCodOrder(sku: string, quantity: number, option = "Local delivery", providerId = "pp_cod_cod") {
        const headers = storeHeaders(shop.publishable_key)
        const { data } = await client.post(
          "/store/carts",
          { region_id: shop.region_id, email: "dash@example.in", shipping_address: SHOPPER_ADDRESS, billing_address: SHOPPER_ADDRESS },
          headers
        )
        const cartId = data.cart.id
        const { variant } = await variantBySku(client, shop.publishable_key, sku)
        await client.post(`/store/carts/${cartId}/line-items`, { variant_id: variant.id, quantity }, headers)
        const { data: options } = await client.get(`/store/shipping-options?cart_id=${cartId}`, headers)
        const chosen = options.shipping_options.find((o: { name: string }) => o.name === option)
        await client.post(`/store/carts/${cartId}/shipping-methods`, { option_id: chosen.id }, headers)
        const { data: pc } = await client.post("/store/payment-collections", { cart_id: cartId }, headers)
        await client.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: providerId }, headers)
        const { data: done } = await client.post(`/store/carts/${cartId}/complete`, {}, headers)
        return done.order as { id: string; display_id: number; total: number }
      }

      it("lists payments authorized and waiting for the owner's capture apart from cash on delivery, until captured", async () => {
        expect((await dashboard()).to_capture).toEqual({ count: 0, amount: 0, payments: [] })
        const manual = await placeCodOrder("LAD-ALM-250G", 1, "Store pickup", "pp_system_default")
        const cod = await placeCodOrder("LAD-BES-250G", 1, "Store pickup")
        const now = await dashboard()
        expect(now.to_capture).toEqual({
          count: 1,
          amount: manual.total,
          payments: [
            expect.objectContaining({
              order_id: manual.id,
              display_id: manual.display_id,
              amount: manual.total,
              provider_id: "pp_system_default",
              lapses_at: null,
            }),
          ],
        })
        expect(now.cod_to_collect.payments.map((p: { order_id: string }) => p.order_id)).toEqual([cod.id])

        // A Stripe authorization lapses 7 days after it was made: the block says when.
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const paymentId: string = now.to_capture.payments[0].payment_id
        await pg.raw(`update payment set provider_id = 'pp_stripe_stripe', created_at = '2026-03-01T10:00:00Z' where id = ?`, [paymentId])
        expect((await dashboard()).to_capture.payments).toEqual([
          expect.objectContaining({ payment_id: paymentId, provider_id: "pp_stripe_stripe", lapses_at: "2026-03-08T10:00:00.000Z" }),
        ])
        await pg.raw(`update payment set provider_id = 'pp_system_default' where id = ?`, [paymentId])

        await client.post(`/admin/payments/${paymentId}/capture`, {}, admin)
        expect((await dashboard()).to_capture).toEqual({ count: 0, amount: 0, payments: [] })
      })

      it("refuses a bad query with a 400 naming the parameter and the rule", async () => {
        const cases: [string, string][] = [
          ["?days=0", "days must be a whole number from 1 to 90"],
          ["?days=abc", "Expected type: 'number' for field 'days', got: 'abc'"],
          ["?days=91", "days must be a whole number from 1 to 90"],
          ["?date=2026-02-30", "date must be a calendar day written YYYY-MM-DD"],
          // The window ends the day after: 9999-12-31 has none in YYYY-MM-DD.
          ["?date=9999-12-31", "date must be a calendar day written YYYY-MM-DD from 1970-01-01 to 9999-12-30"],
          ["?date=0050-01-01", "date must be a calendar day written YYYY-MM-DD from 1970-01-01 to 9999-12-30"],
          ["?time_zone=Mars/Olympus", "time_zone must be an IANA time zone"],
          ["?low_stock_at=-1", "low_stock_at must be a whole number from 0 to 1000"],
          ["?colour=red", "colour"],
        ]
        for (const [query, message] of cases) {
          const res = await failing(client.get(`/admin/shop-dashboard${query}`, admin))
          expect([query, res.status, res.data.message]).toEqual([query, 400, expect.stringContaining(message)])
        }
      })

      it("is for the owner only", async () => {
        const res = await failing(client.get("/admin/shop-dashboard"))
        expect(res.status).toBe(401)
      })

      it("counts today's orders by delivery method and per day, and lists cash on delivery to collect until it is recorded", async () => {
        const empty = await dashboard()
        expect(empty.today).toMatchObject({ orders: 0, revenue: 0, by_delivery: [] })
        expect(empty.cod_to_collect).toEqual({ count: 0, amount: 0, payments: [] })
        expect(empty.daily).toHaveLength(14)

        const delivered = await placeCodOrder("LAD-ALM-250G", 1, "Local delivery")
        const pickedUp = await placeCodOrder("LAD-BES-250G", 1, "Store pickup")
        // An order from three days ago counts on its own day, not today.
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await pg.raw(`update "order" set created_at = now() - interval '3 days' where id = ?`, [pickedUp.id])

        const now = await dashboard()
        expect(now.currency_code).toBe("inr")
        expect(now.today.orders).toBe(1)
        expect(now.today.by_delivery).toEqual([{ delivery: "Local delivery", orders: 1, revenue: delivered.total }])
        expect(now.today.recent.map((o: { display_id: number }) => o.display_id)).toEqual([delivered.display_id])
        expect(now.daily[13]).toEqual({ date: now.date, orders: 1, revenue: delivered.total })
        expect(now.daily.reduce((n: number, d: { orders: number }) => n + d.orders, 0)).toBe(2)
        expect(now.daily[10].orders).toBe(1)

        const payments = now.cod_to_collect.payments
        expect(now.cod_to_collect.count).toBe(2)
        expect(now.cod_to_collect.amount).toBe(delivered.total + pickedUp.total)
        const toCollect = payments.find((p: { order_id: string }) => p.order_id === delivered.id)
        expect(toCollect).toMatchObject({ display_id: delivered.display_id, customer: "Asha Rao", amount: delivered.total })

        await client.post(`/admin/payments/${toCollect.payment_id}/capture`, {}, admin)
        const after = await dashboard()
        expect(after.cod_to_collect.payments.map((p: { order_id: string }) => p.order_id)).toEqual([pickedUp.id])

        // A canceled order leaves no cash to collect.
        await client.post(`/admin/orders/${pickedUp.id}/cancel`, {}, admin)
        expect((await dashboard()).cod_to_collect).toEqual({ count: 0, amount: 0, payments: [] })
      })

      it("an order edit on an unpaid cash-on-delivery order keeps it in cash to collect, for the new total; recording the cash settles it", async () => {
        const order = await placeCodOrder("LAD-ALM-250G", 1, "Store pickup")
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-BES-250G")
        // The shopper phones: add a jar. Medusa cancels the authorized payment and asks for the new total.
        await client.post("/admin/order-edits", { order_id: order.id }, admin)
        await client.post(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: variant.id, quantity: 1 }] }, admin)
        await client.post(`/admin/order-edits/${order.id}/request`, {}, admin)
        await client.post(`/admin/order-edits/${order.id}/confirm`, {}, admin)
        const { data: edited } = await client.get(`/admin/orders/${order.id}?fields=total`, admin)
        expect(edited.order.total).toBeGreaterThan(order.total)

        const toCollect = async () =>
          ((await dashboard()).cod_to_collect.payments as { order_id: string; payment_id: string; amount: number }[]).filter(
            (p) => p.order_id === order.id
          )
        const listed = await waitFor(toCollect, (ps) => ps.length === 1 && ps[0].amount === edited.order.total, { within: 20_000 })
        expect(listed).toEqual([expect.objectContaining({ amount: edited.order.total })])

        await client.post(`/admin/payments/${listed[0].payment_id}/capture`, {}, admin)
        const { data: paid } = await client.get(`/admin/orders/${order.id}?fields=payment_status`, admin)
        expect(paid.order.payment_status).toBe("captured")
        expect(await toCollect()).toEqual([])
      })

      it("counts other carts' active holds in low stock, and the units come back when the hold is released", async () => {
        const { variant } = await variantBySku(client, shop.publishable_key, "LAD-ALM-250G") // 6 in stock
        const lowIds = async () =>
          (await dashboard()).low_stock.variants as { variant_id: string; available: number; held: number; sku: string }[]
        const before = await lowIds()
        expect(before.find((v) => v.variant_id === variant.id)).toBeUndefined()
        expect(before.length).toBeGreaterThan(0)
        expect(before.every((v) => v.available <= 3)).toBe(true)
        expect(before.map((v) => v.available)).toEqual([...before.map((v) => v.available)].sort((a, b) => a - b))

        const headers = storeHeaders(shop.publishable_key)
        const { data } = await client.post("/store/carts", { region_id: shop.region_id, email: "holder@example.in" }, headers)
        await client.post(`/store/carts/${data.cart.id}/line-items`, { variant_id: variant.id, quantity: 4 }, headers)
        expect((await client.post(`/store/carts/${data.cart.id}/hold`, {}, headers)).status).toBe(200)

        const held = (await lowIds()).find((v) => v.variant_id === variant.id)
        expect(held).toMatchObject({ sku: "LAD-ALM-250G", available: 2, held: 4 })
        expect((await dashboard("?low_stock_at=1")).low_stock.variants.find((v: { variant_id: string }) => v.variant_id === variant.id)).toBeUndefined()

        await client.delete(`/store/carts/${data.cart.id}/hold`, headers)
        expect((await lowIds()).find((v) => v.variant_id === variant.id)).toBeUndefined()
      })

      it("lists snacks missing shelf life or an allergen declaration, and not the complete ones", async () => {
        expect((await dashboard()).snacks_missing_facts).toEqual([])
        const { data: categories } = await client.get("/admin/product-categories?handle=ladoos&fields=id", admin)
        const { data } = await client.post(
          "/admin/products",
          {
            title: "Coconut Ladoo",
            status: "draft",
            categories: [{ id: categories.product_categories[0].id }],
            options: [{ title: "Pack", values: ["250 g"] }],
            variants: [{ title: "250 g", options: { Pack: "250 g" }, prices: [{ currency_code: "inr", amount: 249 }] }],
            additional_data: { snack_profile: { ingredients: ["coconut", "jaggery"], net_weight_g: 250 } },
          },
          admin
        )
        expect((await dashboard()).snacks_missing_facts).toEqual([
          { product_id: data.product.id, title: "Coconut Ladoo", status: "draft", missing: ["shelf life", "allergen declaration"] },
        ])
        await client.post(
          `/admin/products/${data.product.id}`,
          { additional_data: { snack_profile: { shelf_life_days: 20 } } },
          admin
        )
        expect((await dashboard()).snacks_missing_facts).toEqual([
          expect.objectContaining({ title: "Coconut Ladoo", missing: ["allergen declaration"] }),
        ])
      })
    })
  },
})
