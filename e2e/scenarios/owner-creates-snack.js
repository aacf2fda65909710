/**
 * The owner creates a snack in Medusa Admin, gives it its profile, is told it
 * cannot be published without an allergen declaration, declares it, publishes.
 */
const { assert, eventually } = require("../lib/browser")

module.exports = async function ownerCreatesSnack({ page, baseUrl, api, check, state }) {
  const title = `Coconut Ladoo ${Date.now().toString(36)}`

  await check("the owner creates a snack (Ladoos) as a draft in Medusa Admin", async () => {
    await page.goto(`${baseUrl}/app/products/create`, { waitUntil: "networkidle" })
    // The create form is a full-screen modal; the last match is the one on top.
    await page.getByPlaceholder("Winter jacket").last().fill(title)
    await page.locator("button:visible", { hasText: /^Continue$/ }).last().click()
    const categories = page.getByLabel("Categories").last()
    await categories.click()
    await categories.fill("Ladoo")
    await page.getByText("Ladoos", { exact: true }).last().click()
    await page.keyboard.press("Escape")
    await page.locator("button:visible", { hasText: /^Save as draft$/ }).last().click()
    await page.waitForURL((url) => /\/products\/prod_/.test(url.pathname), { timeout: 60_000 })
    state.snack = { id: page.url().match(/prod_[A-Za-z0-9]+/)[0], title }
    // A fresh load, as the owner would come back to it.
    await page.goto(`${baseUrl}/app/products/${state.snack.id}`, { waitUntil: "networkidle" })
    await page.getByRole("heading", { name: "Snack profile" }).waitFor()
    const { product } = await api.mustAdmin(`/admin/products/${state.snack.id}?fields=status,*categories`)
    assert(product.status === "draft", `status is ${product.status}`)
    assert(product.categories.some((c) => c.handle === "ladoos"), "the snack is not in Ladoos")
  })

  await check("the snack profile widget refuses a bad value with the API's message, then saves the profile", async () => {
    await page.getByRole("button", { name: "Add profile" }).click()
    await page.getByLabel("Ingredients").fill("coconut, jaggery, cardamom, ghee")
    await page.getByLabel("Net weight (g)").fill("-5")
    await page.getByLabel("Shelf life (days)").fill("20")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByText(/net_weight_g/).first().waitFor({ timeout: 15_000 })
    const refused = await api.mustAdmin(`/admin/products/${state.snack.id}?fields=+snack_profile.*`)
    assert(!refused.product.snack_profile, "a profile was saved despite the bad value")

    await page.getByLabel("Net weight (g)").fill("250")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByText("250 g").first().waitFor({ timeout: 15_000 })
    const saved = (await api.mustAdmin(`/admin/products/${state.snack.id}?fields=+snack_profile.*`)).product.snack_profile
    assert(saved && saved.net_weight_g === 250 && saved.shelf_life_days === 20, `profile is ${JSON.stringify(saved)}`)
    assert(saved.allergens_declared === false, "allergens should not be declared yet")
  })

  /** The product page's first section: title, status badge, its "..." menu. */
  const generalSection = () =>
    page
      .locator("div")
      .filter({ has: page.getByRole("heading", { name: title, exact: true }) })
      .filter({ has: page.getByText("Handle", { exact: true }) })
      .last()

  const publish = async () => {
    await page.goto(`${baseUrl}/app/products/${state.snack.id}`, { waitUntil: "networkidle" })
    await generalSection().locator("button[aria-haspopup=menu]").first().click()
    await page.getByRole("menuitem", { name: "Edit" }).click()
    const drawer = page.getByRole("dialog")
    await drawer.getByRole("combobox").first().click()
    await page.getByRole("option", { name: "Published" }).click()
    await drawer.getByRole("button", { name: "Save" }).click()
  }

  await check("publishing without an allergen declaration is refused with the rule's message", async () => {
    await publish()
    await page.getByText(/cannot be published: it is missing declared allergens/).first().waitFor({ timeout: 15_000 })
    const { product } = await api.mustAdmin(`/admin/products/${state.snack.id}?fields=status`)
    assert(product.status === "draft", `status became ${product.status}`)
  })

  await check("the owner declares the allergens and publishes the snack", async () => {
    await page.goto(`${baseUrl}/app/products/${state.snack.id}`, { waitUntil: "networkidle" })
    const profile = page.locator("div").filter({ has: page.getByRole("heading", { name: "Snack profile" }) }).last()
    await profile.getByRole("button", { name: "Edit" }).click()
    await page.getByRole("switch", { name: "Allergens declared" }).click()
    await page.getByRole("checkbox", { name: "Milk" }).click()
    await page.getByRole("button", { name: "Save" }).click()
    await eventually(
      async () =>
        (await api.mustAdmin(`/admin/products/${state.snack.id}?fields=+snack_profile.*`)).product.snack_profile.allergens_declared,
      "the allergen declaration was not saved"
    )
    await publish()
    await page.getByRole("dialog").waitFor({ state: "hidden", timeout: 30_000 })
    const product = await eventually(async () => {
      const { product } = await api.mustAdmin(`/admin/products/${state.snack.id}?fields=status,+snack_profile.*`)
      return product.status === "published" && product
    }, "the snack was not published")
    await generalSection().getByText("Published", { exact: true }).waitFor()
    assert(product.snack_profile.allergens.includes("milk"), "milk is not declared")
  })

  await check("a snack in a category two levels below Snacks gets the Snack profile section too", async () => {
    const json = (data) => ({ method: "POST", data })
    const suffix = Date.now().toString(36)
    const { product_categories: roots } = await api.mustAdmin("/admin/product-categories?handle=snacks&fields=id")
    const { product_category: namkeen } = await api.mustAdmin(
      "/admin/product-categories",
      json({ name: `Namkeen ${suffix}`, parent_category_id: roots[0].id, is_active: true })
    )
    const { product_category: bhujia } = await api.mustAdmin(
      "/admin/product-categories",
      json({ name: `Bhujia ${suffix}`, parent_category_id: namkeen.id, is_active: true })
    )
    const { product } = await api.mustAdmin(
      "/admin/products",
      json({ title: `Aloo Bhujia ${suffix}`, status: "draft", categories: [{ id: bhujia.id }], options: [{ title: "Default", values: ["Default"] }] })
    )
    await page.goto(`${baseUrl}/app/products/${product.id}`, { waitUntil: "networkidle" })
    const profile = page.locator("div").filter({ has: page.getByRole("heading", { name: "Snack profile" }) }).last()
    await profile.getByRole("button", { name: "Add profile" }).waitFor({ timeout: 15_000 })
    assert((await page.getByRole("heading", { name: "Art profile" }).count()) === 0, "the Art profile section is shown for a snack")
  })
}
