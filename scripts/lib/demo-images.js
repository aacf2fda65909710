/**
 * The demo products' images on a shop whose address changed: files kept in
 * ./static are stored with the address they were uploaded under
 * (http://localhost:9000/static/...), so a dev server started later on another
 * port (or MEDUSA_BACKEND_URL) shows broken images until they are uploaded
 * again. `npm run dev` finds them here and runs src/scripts/repair-demo-images.ts,
 * which re-uploads them by the same rule (seed-demo-shop.ts, repairDemoImageUrls).
 */
const fs = require("fs")
const path = require("path")

const DEMO_IMAGES_DIR = path.join(__dirname, "..", "..", "src", "scripts", "demo-shop", "images")

/**
 * The shop's public URL, read as src/config/shop-env.ts reads it (`backendUrl`;
 * a unit test keeps the two alike): MEDUSA_BACKEND_URL without a trailing
 * slash, else http://localhost:$PORT.
 */
function publicUrl(env) {
  const explicit = env.MEDUSA_BACKEND_URL?.trim()
  if (explicit) {
    return explicit.replace(/\/+$/, "")
  }
  return `http://localhost:${env.PORT?.trim() || "9000"}`
}

/** The demo's image files (almond-ladoo.svg, ...): each is named after its product's handle (catalog.ts; a unit test says so). */
function demoImageNames(dir = DEMO_IMAGES_DIR) {
  return fs.readdirSync(dir).filter((f) => !f.startsWith("."))
}

/**
 * Whether `url` is the demo image `image`, as seed-demo-shop.ts's isDemoImage
 * tells it: the file name kept by the provider, with a prefix
 * ("<time>-almond-ladoo.svg") or a suffix ("almond-ladoo-<id>.svg").
 */
function isDemoImage(url, image) {
  const file = decodeURIComponent(url.split("?")[0].split("/").pop() ?? "")
  const { name, ext } = path.parse(image)
  return file.endsWith(image) || (file.startsWith(`${name}-`) && file.endsWith(ext))
}

/**
 * The demo products' images (`{ handle, url }`: thumbnails and images) stored
 * under another address than the one the shop now serves ./static at: the
 * seed's rule (the URL does not start with it, and is the product's demo
 * image). None when files go to S3 (S3_BUCKET set: their URLs do not follow the
 * shop's address; `npm run seed` is the repair there). The owner's own photos
 * never count: the repair leaves them as they are.
 */
function staleDemoImages(rows, env) {
  if (env.S3_BUCKET?.trim()) {
    return []
  }
  const base = `${publicUrl(env)}/static/`
  return rows.filter(({ handle, url }) => url && !url.startsWith(base) && isDemoImage(url, `${handle}.svg`))
}

/** The thumbnails and image URLs of the demo's products (by handle), as `{ handle, url }`. */
async function storedDemoImages(client, names = demoImageNames()) {
  const handles = names.map((n) => path.parse(n).name)
  const { rows } = await client.query(
    `select p.handle, p.thumbnail as url from product p where p.deleted_at is null and p.handle = any($1)
     union all
     select p.handle, i.url from product p join image i on i.product_id = p.id and i.deleted_at is null
      where p.deleted_at is null and p.handle = any($1)`,
    [handles]
  )
  return rows
}

module.exports = { publicUrl, isDemoImage, staleDemoImages, storedDemoImages, demoImageNames }
