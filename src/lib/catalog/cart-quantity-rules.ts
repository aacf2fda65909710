import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { ART_PROFILE_MODULE } from "../../modules/art-profile"
import type ArtProfileModuleService from "../../modules/art-profile/service"
import { ONE_OF_A_KIND_LIMIT } from "../../modules/art-profile/validation"
import { SNACK_PROFILE_MODULE } from "../../modules/snack-profile"
import type SnackProfileModuleService from "../../modules/snack-profile/service"
import { perishableLimit } from "../../modules/snack-profile/validation"

export type CartLine = {
  variant_id?: string | null
  quantity: number | string | { toString(): string }
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

function sumBy(lines: CartLine[], key: (variantId: string) => string | undefined) {
  const totals = new Map<string, number>()
  for (const line of lines) {
    const k = line.variant_id ? key(line.variant_id) : undefined
    if (k) {
      totals.set(k, (totals.get(k) ?? 0) + Number(line.quantity))
    }
  }
  return totals
}

/** The lines a cart holds now, read fresh (the core hooks' cart may not carry its items). */
export async function currentCartLines(
  container: MedusaContainer,
  cartId: string
): Promise<(CartLine & { id: string })[]> {
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

  const snacks: SnackProfileModuleService = container.resolve(SNACK_PROFILE_MODULE)
  const arts: ArtProfileModuleService = container.resolve(ART_PROFILE_MODULE)
  const [snackProfiles, artProfiles] = await Promise.all([
    snacks.listSnackProfiles({ product_id: productIds }),
    arts.listArtProfiles({ product_id: productIds, one_of_a_kind: true }),
  ])

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
