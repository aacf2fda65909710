import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { ONE_OF_A_KIND_LIMIT } from "../../modules/art-profile/validation"
import { perishableLimit } from "../../modules/snack-profile/validation"

export type CartLine = {
  variant_id?: string | null
  /** A number, or what Medusa stores one as (a string, a BigNumber): read with Number(). */
  quantity: unknown
  /** The line's product, when the caller knows it (a cart's line does): spares reading the variants. */
  product_id?: string | null
  product_title?: string | null
}

/** What the rules need of a line's variant: its product, and the title to name it by. */
type VariantOfLine = { product_id: string | null; title: string | null }

/** The variants as the lines describe them, when every line with a variant names its product. */
function variantsFromLines(lines: CartLine[]): Map<string, VariantOfLine> | null {
  const variants = new Map<string, VariantOfLine>()
  for (const line of lines) {
    if (!line.variant_id) {
      continue
    }
    if (!line.product_id) {
      return null
    }
    variants.set(line.variant_id, { product_id: line.product_id, title: line.product_title ?? null })
  }
  return variants
}

/** Units of the lines per `key` of their variant (the variant itself, its product...). */
export function sumBy(lines: CartLine[], key: (variantId: string) => string | undefined) {
  const totals = new Map<string, number>()
  for (const line of lines) {
    const k = line.variant_id ? key(line.variant_id) : undefined
    if (k) {
      totals.set(k, (totals.get(k) ?? 0) + Number(line.quantity))
    }
  }
  return totals
}

type CartLineRow = CartLine & { id: string }

/** A cart read with its lines. */
export type CartWithLines = { items?: (CartLineRow | null)[] | null }

/**
 * The lines of a cart as Medusa's line-update and completion workflows hand it
 * to their validate hooks (read with `items.*`; add-to-cart's cart has no
 * lines), so no query is needed.
 */
export function linesOfCart(cart: CartWithLines): CartLineRow[] {
  return (cart.items ?? []).flatMap((i) => (i ? [i] : []))
}

/** The lines a cart holds now, read fresh (add-to-cart's hook cart does not carry its lines). */
export async function currentCartLines(
  container: MedusaContainer,
  cartId: string
): Promise<CartLineRow[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["items.id", "items.variant_id", "items.quantity", "items.product_id", "items.product_title"],
    filters: { id: cartId },
  })
  return (data.at(0)?.items ?? []).flatMap((i) => (i ? [i] : []))
}

async function readVariantsOf(container: MedusaContainer, variantIds: string[]): Promise<Map<string, VariantOfLine>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "product_id", "product.title"],
    filters: { id: variantIds },
  })
  return new Map(data.map((v) => [v.id, { product_id: v.product_id ?? null, title: v.product?.title ?? v.title }]))
}

/**
 * Tags of every cached read of the profiles: Medusa clears them on each profile
 * event; the product routes' profile hook clears them before answering
 * (clearProfileReads), so an owner's new limit holds from the next request.
 */
const PROFILE_READ_TAGS = ["SnackProfile:list:*", "ArtProfile:list:*"]

/** Bounds what a read that raced a profile change could keep. */
const PROFILE_READ_TTL_SECONDS = 60

/**
 * The quantity facts of the products' profiles (perishable limits, one-of-a-kind
 * artworks), through Query's cache: every hold, add-to-cart and completion
 * reads them, and they change only when the owner edits a product.
 */
async function readQuantityProfiles(container: MedusaContainer, productIds: string[]) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const cache = { enable: true, computeAutomaticTags: true, tags: PROFILE_READ_TAGS, ttl: PROFILE_READ_TTL_SECONDS }
  const [{ data: snackProfiles }, { data: artProfiles }] = await Promise.all([
    query.graph(
      { entity: "snack_profile", fields: ["product_id", "perishable", "max_per_order"], filters: { product_id: productIds } },
      { cache }
    ),
    query.graph(
      { entity: "art_profile", fields: ["product_id"], filters: { product_id: productIds, one_of_a_kind: true } },
      { cache }
    ),
  ])
  return { snackProfiles, artProfiles }
}

/** Clears the cached profile reads (after the product routes changed a profile). */
export async function clearProfileReads(container: MedusaContainer) {
  await container.resolve(Modules.CACHING).clear({ tags: PROFILE_READ_TAGS })
}

/**
 * Quantity rules on what a cart would hold after a change (all its lines, the
 * change applied):
 * - a one-of-a-kind artwork: at most 1 of each variant;
 * - a perishable snack: at most its per-order limit (10 unless the profile says).
 */
export async function checkCartQuantityRules(container: MedusaContainer, lines: CartLine[]) {
  const variantIds = [...new Set(lines.flatMap((l) => (l.variant_id ? [l.variant_id] : [])))]
  if (!variantIds.length) {
    return
  }
  const variants: Map<string, VariantOfLine> = variantsFromLines(lines) ?? (await readVariantsOf(container, variantIds))
  const productIds = [...new Set([...variants.values()].flatMap((v) => (v.product_id ? [v.product_id] : [])))]

  const { snackProfiles, artProfiles } = await readQuantityProfiles(container, productIds)

  const originals = new Set(artProfiles.map((p) => p.product_id))
  for (const [variantId, quantity] of sumBy(lines, (id) => id)) {
    const variant = variants.get(variantId)
    if (variant?.product_id && originals.has(variant.product_id) && quantity > ONE_OF_A_KIND_LIMIT) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${variant.title} is one of a kind: a cart can hold ${ONE_OF_A_KIND_LIMIT}; you asked for ${quantity}`
      )
    }
  }

  const perProduct = sumBy(lines, (id) => variants.get(id)?.product_id ?? undefined)
  for (const profile of snackProfiles) {
    const limit = perishableLimit(profile)
    const quantity = perProduct.get(profile.product_id) ?? 0
    if (limit !== null && quantity > limit) {
      const title = [...variants.values()].find((v) => v.product_id === profile.product_id)?.title
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${title ?? "This snack"} is perishable: at most ${limit} per order; you asked for ${quantity}`
      )
    }
  }
}
