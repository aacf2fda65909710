/**
 * The owner adds a photo to a product from the product page: the browser gets
 * a presigned URL from Medusa and PUTs the file straight into the bucket; a
 * 6 MB file and a PDF are refused with the rule shown. Then again on a phone.
 */
const { assert, eventually, PHONE, DESKTOP } = require("../lib/browser")
const { bigJpeg, pdf, pngPhoto } = require("../lib/fixtures")

module.exports = async function ownerUploadsPhotos({ page, baseUrl, api, s3, check, state }) {
  const traffic = []
  page.on("response", (response) => {
    traffic.push({ method: response.request().method(), url: response.url(), status: response.status() })
  })
  const productId = async () =>
    state.snack?.id ?? (await api.mustAdmin("/admin/products?handle=almond-ladoo&fields=id")).products[0].id
  const imagesOf = async (id) => (await api.mustAdmin(`/admin/products/${id}?fields=*images`)).product.images
  const photosWidget = () => page.getByRole("region", { name: "Photos", exact: true })

  const uploadAndCheck = async (file) => {
    const id = await productId()
    const before = await imagesOf(id)
    const keysBefore = s3.keys().length
    traffic.length = 0
    await page.goto(`${baseUrl}/app/products/${id}`, { waitUntil: "networkidle" })
    await photosWidget().scrollIntoViewIfNeeded()
    await page.getByLabel("Photo files").setInputFiles(file)
    await page.getByText("Photo added").first().waitFor({ timeout: 30_000 })

    const after = await eventually(async () => {
      const images = await imagesOf(id)
      return images.length === before.length + 1 && images
    }, "the photo was not attached to the product")
    const added = after.find((image) => !before.some((b) => b.id === image.id))
    assert(added.url.startsWith(`${s3.fileUrl}/`), `the photo's URL ${added.url} is not in the bucket`)
    const key = decodeURIComponent(added.url.slice(s3.fileUrl.length + 1))
    assert(s3.keys().length === keysBefore + 1 && s3.keys().includes(key), "the bucket did not get exactly the new photo")
    assert(s3.read(key).equals(file.buffer), "the bucket holds other bytes than the photo")

    // Browser -> bucket: one PUT to the presigned URL; no multipart upload through the shop.
    const put = traffic.find((t) => t.method === "PUT" && t.url.startsWith(`${s3.fileUrl}/`))
    assert(put && put.status === 200, `no successful PUT to the bucket (${JSON.stringify(traffic.filter((t) => t.method !== "GET"))})`)
    assert(put.url.includes("X-Amz-Signature="), "the PUT did not use a presigned URL")
    assert(!traffic.some((t) => t.method === "POST" && t.url === `${baseUrl}/admin/uploads`), "the photo went through the server")

    const img = photosWidget().locator(`img[src="${added.url}"]`)
    await img.scrollIntoViewIfNeeded()
    await eventually(() => img.evaluate((el) => el.complete && el.naturalWidth > 0), "the uploaded photo is not shown")
    return { id, key }
  }

  await check("a photo goes from the browser straight into the bucket through a presigned URL and shows on the product", async () => {
    await page.setViewportSize(DESKTOP)
    await uploadAndCheck({ name: "coconut-ladoo-tray.png", mimeType: "image/png", buffer: pngPhoto() })
  })

  await check("a 6 MB photo and a PDF are refused with the rule shown, and nothing is stored or attached", async () => {
    const id = await productId()
    const before = await imagesOf(id)
    const keysBefore = s3.keys().length
    await page.getByLabel("Photo files").setInputFiles(bigJpeg())
    await page.getByRole("alert").filter({ hasText: "a file may be at most 5 MB; this one is 6 MB" }).first().waitFor({ timeout: 15_000 })
    await page.getByLabel("Photo files").setInputFiles(pdf())
    await page
      .getByRole("alert")
      .filter({ hasText: 'only JPEG, PNG or WebP photos (image/jpeg, image/png, image/webp) may be uploaded; got "application/pdf"' })
      .first()
      .waitFor({ timeout: 15_000 })
    await photosWidget().scrollIntoViewIfNeeded()
    assert((await imagesOf(id)).length === before.length, "an image was attached")
    assert(s3.keys().length === keysBefore, "something reached the bucket")
    assert(!traffic.some((t) => t.method === "PUT" && t.url.startsWith(`${s3.fileUrl}/`) && t.url.includes("whole-tray")), "a PUT was made")
  })

  await check("on a phone (390x844) the owner uploads a photo the same way", async () => {
    await page.setViewportSize(PHONE)
    await uploadAndCheck({ name: "ladoo-on-plate.png", mimeType: "image/png", buffer: pngPhoto(120, 160, [160, 82, 45]) })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(overflow <= 1, `the page is ${overflow}px wider than the phone`)
  })
}
